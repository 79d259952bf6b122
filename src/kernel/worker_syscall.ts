// The kernel's end of the channel to a user program in a Worker. The program writes a call and
// sleeps (after spinning briefly); the kernel notices (Atomics.waitAsync), gives the task the
// CPU, runs doSyscall64 and writes the answer. After answering, the kernel spins a moment on
// the same channel when it has nothing else to do, so a program making calls in a row pays
// hundreds of nanoseconds per call rather than a thread wake-up.
//
// A vfork child of a Worker program borrows its parent's Worker: the channel then carries the
// child's calls until it execs or exits, when the channel goes back to the parent and the
// child's pending call is answered with GONE_EXEC or GONE_EXIT.
import type { Task, ExecBackend } from "./task.js";
import { doSyscall64 } from "../arch/x86/entry/common.js";
import { tryTakeCpu, enqueueTask, leaveCpu, current, isIdle, newSlice, needResched } from "./sched.js";
import {
  channelViews, type ChannelViews, CTL_STATE, CTL_FLAGS, CTL_NFRAMES, IDLE, REQUEST, REPLY, F_SIGNALS, F_RESTART,
  F_GONE_EXIT, F_GONE_EXEC, F_RELEASED, MAX_FRAMES,
} from "../host/channel_layout.js";
import { vforkWorkerHook } from "./fork.js";
import { tracehooks } from "./tracehook.js";

const SPIN_AFTER_REPLY_NS = 30_000;

/** A user program as its Worker runs it: a JavaScript module's text, or a compiled C program. */
export type UserImage = { kind: "js"; source: string }
  | { kind: "wasm"; module: WebAssembly.Module; fork?: { buf: number; stackPointer: number; tlsBase: number }; thread?: { tls: number } };

/**
 * A started program's Worker: terminate ends it; release (where the host reuses Workers) hands
 * it back once its program has been told, in the answer to the call it waits in, that it is over.
 */
export interface UserWorkerHandle { terminate(): void; release?(): void }

/** What starts and stops Workers: the host's (host/user_workers.ts). */
export interface WorkerHost {
  start(t: Task, sab: SharedArrayBuffer, memory: WebAssembly.Memory, image: UserImage, sp: number): UserWorkerHandle;
}

export class WorkerChannel {
  readonly views: ChannelViews;
  /** The task whose calls come through: the program's, or a vfork child's while it borrows it. */
  task: Task;
  private stopped = false;
  /** spinThenArm is running; spinAgain: a call it served was answered at once. */
  private spinning = false;
  private spinAgain = false;
  private worker: UserWorkerHandle | null = null;
  /** The program its Worker runs (fork starts a child's Worker on the same one). */
  image: UserImage | null = null;
  /** Set when the borrowing vfork child has exec'd or exited: its pending call gets this flag. */
  private goneFlag = 0;

  constructor(readonly sab: SharedArrayBuffer, task: Task) {
    this.views = channelViews(sab);
    this.task = task;
  }

  attach(worker: UserWorkerHandle): void {
    this.worker = worker;
    this.task.userSince = performance.now();
    this.arm();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const t = this.task;
    if (t.userSince) { t.utimeMs += performance.now() - t.userSince; t.userSince = 0; }
    const w = this.worker;
    this.worker = null;
    // A program waiting for an answer (it exited, exec'd or died in a call) is told it is over
    // and its Worker can be reused; one running its own code is stopped where it is.
    if (w?.release && Atomics.load(this.views.ctl, CTL_STATE) === REQUEST) {
      this.reply(0, F_RELEASED, null);
      w.release();
    } else w?.terminate();
  }

  /** Wait (without blocking the thread) for the next request. */
  private arm(): void {
    if (this.stopped) return;
    const { ctl } = this.views;
    const state = Atomics.load(ctl, CTL_STATE);
    if (state === REQUEST) { this.onRequest(); return; }
    const w = Atomics.waitAsync(ctl, CTL_STATE, state);
    if (w.async) w.value.then(() => { newSlice(); this.arm(); });
    else queueMicrotask(() => this.arm());
  }

  private onRequest(): void {
    const t = this.task;
    // A program an execve just started, under a tracer: its calls wait for that execve's end.
    const busy = t.ptrace !== null ? tracehooks.callInProgress(t) : null;
    if (busy) { void busy.then(() => this.onRequest()); return; }
    // The program ran on its own thread since the last answer: that is its user time.
    if (t.userSince) { t.utimeMs += performance.now() - t.userSince; t.userSince = 0; }
    if (tryTakeCpu(t)) this.run(t);
    else enqueueTask(t, () => this.run(t));
  }

  /** Run the pending call as task t, which is on the CPU. */
  private run(t: Task): void {
    const { regs } = this.views;
    t.inSyscall = true;
    const gen = t.execGeneration;
    let r: number | Promise<number>;
    try {
      r = doSyscall64(t, regs[0], regs[1], regs[2], regs[3], regs[4], regs[5], regs[6]);
    } catch (e) {
      r = Promise.reject(e);
    }
    if (typeof r === "number") this.finish(t, gen, r);
    else r.then((v) => this.finish(t, gen, v), () => this.finish(t, gen, -14));
  }

  private finish(t: Task, gen: number, ret: number): void {
    t.inSyscall = false;
    const gone = this.goneFlag;
    this.goneFlag = 0;
    const dead = t.exitState !== 0 || t.exiting || t.execGeneration !== gen;
    if (dead && !gone) {
      // The program exited or was replaced: its Worker is gone, nothing to answer.
      if (current === t) leaveCpu();
      return;
    }
    this.reply(gone ? 0 : ret, gone ? gone : 0, gone ? null : t);
    if (current === t) leaveCpu();
    if (current === this.task || current !== null) { this.arm(); return; }
    this.spinThenArm();
  }

  private reply(ret: number, flags: number, t: Task | null): void {
    const { ctl, regs, frames } = this.views;
    let f = flags;
    let n = 0;
    if (t && (t.sigFrames.length || t.restartSyscall)) {
      for (const fr of t.sigFrames.slice(0, MAX_FRAMES)) {
        frames[n * 3] = fr.sig; frames[n * 3 + 1] = fr.handler; frames[n * 3 + 2] = fr.flags;
        n++;
      }
      t.activeFrames.push(...t.sigFrames);
      t.sigFrames = [];
      if (n) f |= F_SIGNALS;
      if (t.restartSyscall) f |= F_RESTART;
      t.restartSyscall = false;
    }
    regs[7] = ret;
    this.task.userSince = performance.now();
    Atomics.store(ctl, CTL_NFRAMES, n);
    Atomics.store(ctl, CTL_FLAGS, f);
    Atomics.store(ctl, CTL_STATE, REPLY);
    Atomics.notify(ctl, CTL_STATE);
  }

  /**
   * Spin briefly for the program's next call when the kernel is idle, then wait for it. Calls
   * answered at once re-enter here through finish(): they only set spinAgain, and this loop
   * serves them, so a program making millions of calls in a row does not grow the stack. At the
   * end of a time slice the kernel goes through the event loop (host requests, other Workers).
   */
  private spinThenArm(): void {
    if (this.spinning) { this.spinAgain = true; return; }
    const { ctl } = this.views;
    this.spinning = true;
    try {
      for (;;) {
        this.spinAgain = false;
        if (!isIdle()) break;
        if (needResched()) {
          setImmediate(() => { newSlice(); this.arm(); });
          return;
        }
        let served = false;
        const end = performance.now() + SPIN_AFTER_REPLY_NS / 1e6;
        while (performance.now() < end) {
          if (Atomics.load(ctl, CTL_STATE) === REQUEST) { this.onRequest(); served = true; break; }
        }
        if (!served) break;
        if (!this.spinAgain) return;
      }
    } finally {
      this.spinning = false;
    }
    this.arm();
  }

  /** The borrowing vfork child exec'd or exited: hand the channel back to the parent. */
  childGone(parent: Task, how: "exec" | "exit"): void {
    this.task = parent;
    this.goneFlag = how === "exec" ? F_GONE_EXEC : F_GONE_EXIT;
  }
}

/** The ExecBackend of a task running in a Worker. */
export function workerBackend(channel: WorkerChannel): ExecBackend & { channel: WorkerChannel } {
  return { kind: "worker", kill: () => channel.stop(), channel };
}

// vfork from a Worker program: the child borrows the channel.
vforkWorkerHook.start = (parent: Task, child: Task) => {
  const channel = (parent.backend as ExecBackend & { channel?: WorkerChannel }).channel;
  if (!channel) throw new Error("vfork: worker parent without a channel");
  let done = false;
  const giveBack = (how: "exec" | "exit") => {
    if (done) return;
    done = true;
    channel.childGone(parent, how);
  };
  child.backend = { kind: "worker", kill: () => giveBack(child.exitState !== 0 || child.exiting ? "exit" : "exec") } as ExecBackend;
  child.vforkDone = () => giveBack(child.exiting ? "exit" : "exec");
  channel.task = child;
};

export { REPLY, REQUEST, IDLE, CTL_FLAGS };
