// Saved stack traces (Linux's stack_trace_save / stack depot): a cheap capture now, turned into
// call-trace lines ("hello_write+0x90/0x1a40 [hello]") only when a report prints it. KASAN keeps
// one for each allocation and free, kmemleak prints the allocation's, lockdep one per lock
// acquisition it reports. Frames of the debugging machinery itself are left out.
import { traceLines, dumpStack } from "./panic.js";

/** A captured stack: V8 keeps the frames and formats them when `.stack` is first read. */
export interface SavedStack { stack?: string }

/** Files whose frames never appear in a report (the allocator, the checkers, the lock code). */
const HIDDEN = /\/(stacktrace|kasan|kmemleak|failslab|lockdep|slab|uaccess|spinlock|mutex|might_sleep|usercopy)\.[jt]s$/;
const DEPTH = 12;

/** stack_trace_save: the caller's stack, to be printed later. */
export function saveStack(): SavedStack {
  const o: SavedStack = {};
  const lim = Error.stackTraceLimit;
  Error.stackTraceLimit = DEPTH;
  Error.captureStackTrace(o, saveStack);
  Error.stackTraceLimit = lim;
  return o;
}

/** The saved stack's text without the frames of the debugging machinery. */
export function stackText(s: SavedStack | Error): string {
  return (s.stack ?? "").split("\n").filter((l) => {
    const m = /\((.*):\d+:\d+\)$/.exec(l) ?? /at (.*):\d+:\d+$/.exec(l);
    return !m || !HIDDEN.test(m[1]);
  }).join("\n");
}

/** The saved stack as call-trace lines ("hello_write+0x90/0x1a40 [hello]"), outermost last. */
export function stackLines(s: SavedStack | Error): string[] {
  return traceLines(stackText(s));
}

/** The first frame of the stack, or the fallback. */
export function stackTop(s: SavedStack | Error, fallback: string): string {
  return stackLines(s)[0] ?? fallback;
}

/** dump_stack for a saved stack: the CPU line, the hardware line and the call trace. */
export function dumpSavedStack(s: SavedStack | Error): void {
  dumpStack(stackText(s));
}

/** The module whose code made the call (its innermost module frame), or null for core code. */
export function stackModule(s: SavedStack | Error): string | null {
  const m = /typix-module\/([\w-]+):\d+:\d+/.exec(s.stack ?? "");
  return m ? m[1] : null;
}
