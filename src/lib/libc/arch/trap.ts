// The trap: how libc enters the kernel. A program's libc does not know where it runs; the
// runtime installs a backend: a direct call into the kernel for system programs on the kernel
// thread (kernel/kthread_entry.ts), or the shared-memory channel for programs in a Worker
// (host/user_runtime.ts). Signal handlers the kernel asks for run here, before the call
// returns, and an interrupted call is re-issued when the kernel says so.
export interface SignalFrameInfo {
  sig: number;
  handler: number;
  flags: number;
}

export interface TrapBackend {
  /** Enter the kernel: returns rax (a result, or -errno). */
  enter(nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): number | Promise<number>;
  /** Handlers to run after the last call, or null; restart: re-issue the call after them. */
  takeSignals(): { frames: SignalFrameInfo[]; restart: boolean } | null;
  /** The process's memory. */
  bytes(): Uint8Array;
  view(): DataView;
  /** Per-process libc state (stdio buffers, signal handler table, errno). */
  state(): LibcState;
  /**
   * The timer tick for code that computes without system calls: the task may be preempted and
   * takes its pending signals, as on a timer interrupt's return to user mode. Only programs on
   * the kernel's thread need it (a Worker is preempted by its own thread).
   */
  tick?(): void | Promise<void>;
}

export interface LibcState {
  errno: number;
  [key: string]: any;
}

/**
 * Thrown through a program's code when its process exits or execs: unwinds it for good.
 * "released": the kernel is done with the process and hands its Worker back for another program.
 */
export class ProcessExit {
  constructor(readonly reason: "exit" | "exec" | "released") {}
}

let backend: TrapBackend | null = null;
export function setTrapBackend(b: TrapBackend): void { backend = b; }
export function trapBackend(): TrapBackend { return backend!; }

/** The handler runner the signal module installs. */
let runHandler: (frame: SignalFrameInfo) => unknown = () => {};
export function setSignalRunner(fn: (frame: SignalFrameInfo) => unknown): void { runHandler = fn; }

const NR_rt_sigreturn = 15;

/** Make system call nr. Returns rax, or a promise of it when the call sleeps. */
export function syscall6(nr: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): number | Promise<number> {
  const b = backend!;
  const r = b.enter(nr, a0, a1, a2, a3, a4, a5);
  if (typeof r === "number") {
    const sigs = b.takeSignals();
    return sigs === null ? r : runSignals(sigs, nr, r, a0, a1, a2, a3, a4, a5);
  }
  return r.then((v) => {
    const sigs = b.takeSignals();
    return sigs === null ? v : runSignals(sigs, nr, v, a0, a1, a2, a3, a4, a5);
  });
}

/**
 * A preemption point for a program that may compute for long without a system call (the shell
 * running `while :; do :; done`): where the kernel may switch tasks and deliver signals. Costs a
 * counter decrement when there is nothing to do.
 */
export function preemptPoint(): void | Promise<void> {
  const b = backend!;
  const t = b.tick?.();
  const after = () => {
    const sigs = b.takeSignals();
    if (sigs !== null) return runHandlers(sigs.frames);
  };
  return t ? t.then(after) : after();
}

async function runHandlers(frames: SignalFrameInfo[]): Promise<void> {
  for (const f of frames) {
    await runHandler(f);
    await syscall6(NR_rt_sigreturn);
  }
}

async function runSignals(sigs: { frames: SignalFrameInfo[]; restart: boolean }, nr: number, r: number,
  a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): Promise<number> {
  await runHandlers(sigs.frames);
  return sigs.restart ? syscall6(nr, a0, a1, a2, a3, a4, a5) : r;
}
