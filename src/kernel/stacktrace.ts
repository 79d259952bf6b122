// Saved stack traces (Linux's stack_trace_save / stack depot): a cheap capture now, turned into
// call-trace lines ("hello_write+0x90/0x1a40 [hello]") only when a report prints it. KASAN keeps
// one for each allocation and free, kmemleak prints the allocation's, lockdep one per lock
// acquisition it reports. Frames of the debugging machinery itself are left out.
import { traceLines, dumpStack } from "./panic.js";

/** A captured stack: V8 keeps the frames and formats them when `.stack` is first read. */
export interface SavedStack { stack?: string }

/** Files whose frames never appear in a report (the allocator, the checkers, the lock code). */
export const HIDDEN_FILES = ["stacktrace", "kasan", "kmemleak", "failslab", "lockdep", "slab", "uaccess", "spinlock", "mutex",
  "might_sleep", "usercopy", "c_slab"];
const HIDDEN = new RegExp(`/(${HIDDEN_FILES.join("|")})\\.[jt]s$`);
/**
 * The functions of those files, for the bundled kernel thread, whose frames all name one file
 * (a test keeps the list complete). Module frames are never hidden.
 */
export const HIDDEN_FUNCTIONS: ReadonlySet<string> = new Set([
  "KBuffer", "KmemCache", "SlabRecord", "CSlab", "CSlabObject", "cSlab", "__check_object_size", "containing", "insertionPoint", "evict", "live", "unreferenced", "scan", "moduleOf", "allRecords", "StructBuf", "armAutoScan", "kmemleakDisable", "kmemleakInfo", "markSuspect", "reportNewLeaks", "scanRun", "slabRecords",
  "tracking", "pagesOf", "memoryFor", "warnAlloc", "kmemCaches", "__asan_incdec1", "__asan_load1", "__asan_logical1", "__asan_rmw1",
  "__asan_store1", "asanCheck", "asanNullFault", "binop", "isKBuffer", "spinlock_t", "rwlock_t", "mutex", "semaphore",
  "DEFINE_MUTEX", "DEFINE_RWLOCK", "DEFINE_SEMAPHORE", "DEFINE_SPINLOCK", "E", "W", "access_ok",
  "addTaintUnreliable", "alloc", "allocator", "boolAttr", "checkObjectSize", "checkRange", "classOf",
  "clearUser", "clear_user", "copyFromUser", "copyStringArray", "copyStructToUser", "copyToUser",
  "copy_from_user", "copy_to_user", "debugLocksOff", "decodeUtf8", "describe", "down", "down_interruptible",
  "down_timeout", "down_trylock", "dumpSavedStack", "encodeUtf8", "findPath", "finish", "getUser16",
  "getUser32", "getUser64", "getUser8", "getUserBig64", "getUserU32", "get_user", "grab", "granule", "hashed",
  "header", "heldLocks", "hex", "hex2", "holdLine", "holdsSpinlock", "ident", "intAttr", "interrupted",
  "kasanReportAccess", "kasanReportFree", "kasanTrack", "kcalloc", "kfree", "kfree_sensitive", "kmalloc",
  "kmallocCache", "kmalloc_array", "kmem_cache_alloc", "kmem_cache_create", "kmem_cache_destroy",
  "kmem_cache_free", "kmem_cache_zalloc", "kmemleakModuleGone", "kmemleakScan", "krealloc", "ksize", "kstrdup",
  "kvfree", "kvmalloc", "kvzalloc", "kzalloc", "lockAcquire", "lockDesc", "lockForget", "lockRelease",
  "lockSpin", "lockdepOn", "lockdepSysExit", "mightSleep", "mutex_destroy", "mutex_init", "mutex_is_locked",
  "mutex_lock", "mutex_lock_interruptible", "mutex_trylock", "mutex_unlock", "noteHeld", "noteReleased",
  "partial", "printHeldLocks", "putUser16", "putUser32", "putUser64", "putUser8", "put_user", "read_lock",
  "read_unlock", "release", "reportCircular", "reportEnabled", "reportRecursive", "reportSleepInAtomic",
  "rowOf", "rwlock_init", "saveStack", "sema_init", "shadow", "shouldFailSlab", "show",
  "simple_read_from_buffer", "simple_write_to_buffer", "slabLiveObjects", "slabUsage", "spin_is_locked",
  "spin_lock", "spin_lock_init", "spin_lock_irq", "spin_lock_irqsave", "spin_trylock", "spin_unlock",
  "spin_unlock_irqrestore", "stackLines", "stackModule", "stackText", "stackTop", "store", "strncpyFromUser",
  "strncpy_from_user", "strnlen_user", "take", "track", "up", "usage", "userView", "usercopyAbort", "vfree",
  "vmalloc", "vzalloc", "waitFor", "write_lock", "write_unlock"
]);
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
    if (!m) return true;
    if (HIDDEN.test(m[1])) return false;
    // "at KBuffer.bad (", "at async mutex_lock (": the class or the function names the frame.
    const q = /^\s*at (?:async )?(?:new )?([\w$.]+) \(/.exec(l)?.[1].split(".") ?? [];
    // The bundler may rename a class "_KBuffer" or a function "kmalloc2": both forms count
    // (while _copy_to_user, a name of Linux's own, is not copy_to_user).
    return m[1].includes("typix-module/") || !q.some((part) => HIDDEN_FUNCTIONS.has(part)
      || HIDDEN_FUNCTIONS.has(part.replace(/^_+(?=[A-Z])/, "").replace(/\d+$/, "")));
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
