// The trap for system programs, which run on the kernel's thread: a system call is a direct
// call into doSyscall64 for `current`, and blocking is an await. At each call the task may be
// preempted (its time slice is over) or find that it has exited or exec'd, in which case its
// old code is unwound with ProcessExit. Code that computes without calls (the shell's loops)
// passes preemption points, the timer ticks of this trap (tick).
import { doSyscall64 } from "../arch/x86/entry/common.js";
import { current, needResched, yieldCpu, leaveCpu } from "./sched.js";
import { exitToUserMode } from "./signal.js";
import type { Task } from "./task.js";
import { ProcessExit, type TrapBackend, type LibcState } from "../lib/libc/arch/trap.js";

function checkAlive(t: Task, gen: number): void {
  if (t.exitState !== 0 || t.exiting) throw new ProcessExit("exit");
  if (t.execGeneration !== gen) {
    if (current === t) leaveCpu();
    throw new ProcessExit("exec");
  }
}

export const kthreadBackend: TrapBackend = {
  enter(nr, a0, a1, a2, a3, a4, a5) {
    const t = current;
    if (t === null || t.exitState !== 0 || t.exiting) throw new ProcessExit("exit");
    const gen = t.execGeneration;
    const r = doSyscall64(t, nr, a0, a1, a2, a3, a4, a5);
    if (typeof r === "number") {
      checkAlive(t, gen);
      // After vfork the code goes on as the child, which is now on the CPU: it is the one to yield.
      if (needResched() && current !== null) return yieldCpu(current).then(() => r);
      return r;
    }
    return r.then((v) => {
      checkAlive(t, gen);
      return v;
    });
  },
  tick() {
    const t = current;
    if (t === null || t.exitState !== 0 || t.exiting) throw new ProcessExit("exit");
    const gen = t.execGeneration;
    // The return to user mode of a timer interrupt: pending signals (a fatal one ends the task).
    const toUser = (): void | Promise<void> => {
      if (!t.signalPending()) return;
      const out = exitToUserMode(t, 0);
      if (typeof out === "number") return checkAlive(t, gen);
      return out.then(() => checkAlive(t, gen));
    };
    if (needResched()) return yieldCpu(t).then(toUser);
    return toUser();
  },
  takeSignals() {
    const t = current;
    if (t === null || (t.sigFrames.length === 0 && !t.restartSyscall)) return null;
    const frames = t.sigFrames.map((f) => ({ sig: f.sig, handler: f.handler, flags: f.flags }));
    t.activeFrames.push(...t.sigFrames);
    t.sigFrames = [];
    const restart = t.restartSyscall;
    t.restartSyscall = false;
    return { frames, restart };
  },
  bytes() { return current!.mm!.bytes; },
  view() { return current!.mm!.view; },
  state(): LibcState {
    // Off the CPU only while old code unwinds after an exit or exec (its finally blocks): a
    // state of its own, which nobody reads again.
    const t = current;
    if (t === null) return { errno: 0 };
    return (t.libc ??= { errno: 0 });
  },
};
