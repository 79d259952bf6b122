// C kernel code that sleeps (wait_event_interruptible, mutex_lock, msleep, wait_for_completion,
// schedule): the kernel thread never blocks, so the C stack of a sleeping call is suspended and
// resumed. kbuild applied binaryen's Asyncify to a module that imports a sleeping call
// (include/uapi/linux/wasm_sleep.ts). When the kernel's function behind such an import has to
// wait (it returns a Promise), the import starts unwinding the module: every C frame saves its
// locals into a buffer in kernel memory and returns. The kernel's call into C (callC) sees the
// unwind, copies out the part of the C stack those frames used, frees the stack for other tasks'
// calls and returns a Promise. When the wait is over, the stack bytes go back where they were and
// the same C function is called again rewinding: the frames restore their locals down to the
// import, which now returns the wait's result, and the C code goes on from there.
//
// Between two sleeping points C code runs without interruption (one CPU, no preemption inside
// a call), so wait_event's check of its condition and its sleep cannot miss a wake-up.
import type { KernelMemory } from "../../mm/kernel_memory.js";

interface Asyncify {
  asyncify_start_unwind(buf: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(buf: number): void;
  asyncify_stop_rewind(): void;
  asyncify_get_state(): number;
}
const REWINDING = 2;
/** The buffer the frames of one sleeping call save their locals in. */
const UNWIND_BUF = 16 * 1024;

type Fn = (...a: unknown[]) => unknown;

/** A sleep begun by an import while its module unwinds; taken by the callC that made the call. */
let unwinding: { ex: Asyncify; wait: Promise<number>; buf: number } | null = null;
/** What the rewinding import returns. */
let resumeValue = 0;

/** The Asyncify exports of a module's instance, or null when it was built without sleeping calls. */
export function asyncifyOf(ex: Record<string, unknown>): Asyncify | null {
  return typeof ex.asyncify_start_unwind === "function" ? (ex as unknown as Asyncify) : null;
}

/**
 * A sleeping kernel call as the import of one module: the kernel function's value when it did
 * not have to wait, else the unwind begins (its value is not used); while rewinding, the wait's result.
 */
export function sleepingImport(km: KernelMemory, ex: () => Asyncify | null, f: (...a: number[]) => number | Promise<number>) {
  return (...args: number[]): number => {
    const a = ex();
    if (a && a.asyncify_get_state() === REWINDING) {
      a.asyncify_stop_rewind();
      return resumeValue;
    }
    const r = f(...args);
    if (typeof r === "number") return r;
    if (!a || unwinding) throw new Error("BUG: sleeping function called from invalid context");
    const buf = km.alloc(UNWIND_BUF);
    if (!buf) throw new Error("out of kernel memory to suspend a sleeping call");
    km.view.setUint32(buf, buf + 8, true);
    km.view.setUint32(buf + 4, buf + UNWIND_BUF, true);
    a.asyncify_start_unwind(buf);
    unwinding = { ex: a, wait: r, buf };
    return 0;
  };
}

/** Call C function f from the kernel: its value, or a Promise of it when the C code slept. */
export function callC(km: KernelMemory, f: Fn, args: unknown[]): unknown {
  const entry = km.stackPointer.value as number;
  let r: unknown;
  try {
    r = f(...args);
  } catch (e) {
    abandon();
    throw e;
  } finally {
    if (!unwinding) km.stackPointer.value = entry;
  }
  return unwinding ? suspended(km, f, args, entry) : r;
}

/** A trap or exception during a sleeping call: its C frames are gone. */
function abandon(): void {
  if (!unwinding) return;
  unwinding.ex.asyncify_stop_unwind();
  unwinding = null;
}

async function suspended(km: KernelMemory, f: Fn, args: unknown[], entry: number): Promise<unknown> {
  /** The stack pointer outside C: at the call, then wherever it is when the call resumes. */
  let outside = entry;
  for (;;) {
    const { ex, wait, buf } = unwinding!;
    unwinding = null;
    ex.asyncify_stop_unwind();
    const deepest = km.stackPointer.value as number;
    const frames = km.bytes.slice(deepest, entry);
    km.stackPointer.value = outside;
    let value: number;
    try {
      value = await wait;
    } catch (e) {
      km.release(buf);
      throw e;
    }
    // Nothing runs in C now: the frames' stack bytes go back to their addresses.
    outside = km.stackPointer.value as number;
    km.bytes.set(frames, deepest);
    km.stackPointer.value = deepest;
    resumeValue = value;
    ex.asyncify_start_rewind(buf);
    let r: unknown;
    try {
      r = f(...args);
    } catch (e) {
      abandon();
      km.stackPointer.value = outside;
      km.release(buf);
      throw e;
    }
    km.release(buf);
    if (!unwinding) {
      km.stackPointer.value = outside;
      return r;
    }
  }
}
