// kmemleak's scanner: a full garbage collection of the kernel thread's heap. Linux's kmemleak
// marks what it can reach from the roots by scanning memory for pointers; V8's collector does
// exactly that for JavaScript references, so after a full collection an object the heap holds
// only weakly (include/linux/slab.ts) is unreferenced iff its WeakRef is dead. V8 exposes the
// collector when --expose-gc is set: the flag is set just long enough to make one new context,
// whose global `gc` is kept (and works on the whole isolate), so user programs' Workers started
// later do not see a `gc` global. A WeakRef read during a job keeps its target alive until the
// job ends, so the collection runs at the start of a fresh macrotask (setImmediate).
import * as v8 from "node:v8";
import * as vm from "node:vm";

let gcFn: (() => void) | null | undefined;

/** The engine's full-collection function, or null where the engine refuses it. */
function gcFunction(): (() => void) | null {
  if (gcFn !== undefined) return gcFn;
  try {
    v8.setFlagsFromString("--expose-gc");
    const f: unknown = vm.runInNewContext("gc");
    gcFn = typeof f === "function" ? (f as () => void) : null;
  } catch {
    gcFn = null;
  } finally {
    try { v8.setFlagsFromString("--no-expose-gc"); } catch { /* the flag stays: harmless */ }
  }
  return gcFn;
}

/**
 * Collect everything unreachable, in a fresh macrotask: whether a full collection ran (if not,
 * only objects the engine happened to collect already look unreferenced).
 */
export function fullCollection(): Promise<boolean> {
  return new Promise((resolve) => {
    setImmediate(() => {
      const gc = gcFunction();
      if (gc) gc();
      resolve(gc !== null);
    });
  });
}
