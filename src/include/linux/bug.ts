// "linux/bug": WARN_ON, WARN_ON_ONCE, WARN, WARN_ONCE, BUG_ON, BUG and dump_stack, printed as
// Linux prints them (kernel/panic.ts). A WARN reports the caller's source line (from the
// module's source map), taints W and lets the caller go on; BUG() is an oops ("kernel BUG at
// hello.ts:42!", invalid opcode) that kills the task, so it never returns.
import { KernelBug, warnReport, dumpStack, stackSourceLine } from "../../kernel/panic.js";
import { TAINT_WARN } from "../../kernel/taint.js";
import { vsprintf } from "./vsprintf.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

/** The stack of whoever called fn (fn's own frame and the ones above it left out). */
function callerStack(fn: Function): string {
  const o: { stack?: string } = {};
  Error.captureStackTrace(o, fn);
  return o.stack ?? "";
}

/** The caller's first frame's text, which WARN_ONCE uses to fire once per call site. */
function siteOf(stack: string): string {
  return stack.split("\n")[1] ?? "";
}

const warnedSites = new Set<string>();

function warn(stack: string, msg: string | null): void {
  warnReport(stack, stackSourceLine(stack), msg, TAINT_WARN);
}

/** WARN_ON(condition): report when it holds; returns it. */
export function WARN_ON(condition: unknown): boolean {
  if (condition) warn(callerStack(WARN_ON), null);
  return !!condition;
}
/** WARN_ON_ONCE(condition): as WARN_ON, reported the first time only (per call site). */
export function WARN_ON_ONCE(condition: unknown): boolean {
  if (!condition) return false;
  const stack = callerStack(WARN_ON_ONCE);
  if (!warnedSites.has(siteOf(stack))) {
    warnedSites.add(siteOf(stack));
    warn(stack, null);
  }
  return true;
}
/** WARN(condition, fmt, ...): WARN_ON with a message. */
export function WARN(condition: unknown, fmt: string, ...args: unknown[]): boolean {
  if (condition) warn(callerStack(WARN), vsprintf(fmt, args));
  return !!condition;
}
/** WARN_ONCE(condition, fmt, ...): WARN, the first time only (per call site). */
export function WARN_ONCE(condition: unknown, fmt: string, ...args: unknown[]): boolean {
  if (!condition) return false;
  const stack = callerStack(WARN_ONCE);
  if (!warnedSites.has(siteOf(stack))) {
    warnedSites.add(siteOf(stack));
    warn(stack, vsprintf(fmt, args));
  }
  return true;
}

function raise(fn: Function): never {
  const stack = callerStack(fn);
  const e = new KernelBug(stackSourceLine(stack) ?? "unknown:0");
  e.stack = `Error: ${e.message}\n${stack.split("\n").slice(1).join("\n")}`;
  throw e;
}
/** BUG(): an oops at the caller's line; the task is killed. */
export function BUG(): never {
  return raise(BUG);
}
/** BUG_ON(condition): BUG() when it holds. */
export function BUG_ON(condition: unknown): void {
  if (condition) raise(BUG_ON);
}

/** dump_stack(): the CPU line and the caller's call trace. */
export function dump_stack(): void {
  dumpStack(callerStack(dump_stack));
}

export const api = { WARN_ON, WARN_ON_ONCE, WARN, WARN_ONCE, BUG, BUG_ON, dump_stack };
exportHeader("linux/bug", api);
