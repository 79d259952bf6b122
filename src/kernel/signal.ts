// Signals: generation (sendSignal), and delivery on the way back to user space
// (exitToUserMode): default actions (terminate, ignore, stop, continue), handlers (queued as
// signal frames that the user side runs), and restarting interrupted system calls.
import type { Task, SignalFrame } from "./task.js";
import { sigbit } from "./task.js";
import {
  SIGKILL, SIGSTOP, SIGCONT, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIG_DFL, SIG_IGN, SA_RESTART, SA_NODEFER,
  SA_RESETHAND, SA_NOCLDSTOP, defaultAction, NSIG,
} from "../include/uapi/signal.js";
import { ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, EINTR } from "../include/uapi/errno.js";
import { wakeUpProcess, sleepOn, enqueueTask, TASK_STOPPED, TASK_INTERRUPTIBLE, current } from "./sched.js";
import { signalStatus, stoppedStatus, CONTINUED_STATUS } from "../include/uapi/wait.js";
import { doExit } from "./exit.js";

export const RESTART = -0x7fffffff;
const STOP_MASK = sigbit(SIGSTOP) | sigbit(SIGTSTP) | sigbit(SIGTTIN) | sigbit(SIGTTOU);
const UNBLOCKABLE = sigbit(SIGKILL) | sigbit(SIGSTOP);

export interface SigInfo { pid: number; uid: number; code: number }

/** Does delivering sig kill t (no handler, default action terminate or core dump)? */
export function sigFatal(t: Task, sig: number): boolean {
  if (sig === SIGKILL) return true;
  const h = t.sighand[sig].handler;
  if (h !== SIG_DFL) return false;
  const a = defaultAction(sig);
  return a === "term" || a === "core";
}

function sigIgnored(t: Task, sig: number): boolean {
  const h = t.sighand[sig].handler;
  return h === SIG_IGN || (h === SIG_DFL && defaultAction(sig) === "ign");
}

/** Generate sig for t (kill, tty, kernel). */
export function sendSignal(t: Task, sig: number, info: SigInfo = { pid: 0, uid: 0, code: 0x80 }): void {
  if (!t.isAlive() || sig <= 0 || sig > NSIG) return;
  const bit = sigbit(sig);
  if (sig === SIGKILL || sig === SIGCONT) {
    t.pending &= ~STOP_MASK;
    if (t.state === TASK_STOPPED) continueTask(t);
  } else if (bit & STOP_MASK) {
    t.pending &= ~sigbit(SIGCONT);
  }
  if (sig !== SIGKILL && !(t.blocked & bit) && sigIgnored(t, sig)) return;
  t.pending |= bit;
  t.pendingInfo.set(sig, info);
  if (t.blocked & bit & ~UNBLOCKABLE) return;
  if (sigFatal(t, sig)) t.fatalPending = true;
  signalWakeUp(t, sig === SIGKILL);
}

/** Make the task notice a signal: wake it from an interruptible sleep, or interrupt its user code. */
export function signalWakeUp(t: Task, fatal: boolean): void {
  if (wakeUpProcess(t, !fatal)) return;
  // A Worker running user code (not in a system call) cannot be interrupted between
  // instructions; a fatal signal ends it at once, as the CPU's interrupt would.
  if (t.fatalPending && t.backend?.kind === "worker" && t.resume === null && current !== t && !t.inSyscall) {
    const sig = lowestPending(t, t.pending & (sigbit(SIGKILL) | ~t.blocked));
    if (sig) void doExit(t, signalStatus(sig, defaultAction(sig) === "core"));
  }
}

function lowestPending(t: Task, set: bigint): number {
  if (set & sigbit(SIGKILL)) return SIGKILL;
  for (let s = 1; s <= NSIG; s++) if (set & sigbit(s)) return s;
  return 0;
}

/** SIGCONT for a stopped task: it runs again, and its parent hears of it. */
export function continueTask(t: Task): void {
  if (t.state !== TASK_STOPPED) return;
  const resume = t.resume;
  t.resume = null;
  enqueueTask(t, resume ?? (() => {}));
  notifyParent(t, CONTINUED_STATUS);
}

/** Tell the parent that t stopped or continued (wait4 with WUNTRACED/WCONTINUED, SIGCHLD). */
export function notifyParent(t: Task, report: number): void {
  t.pendingReport = report;
  const p = t.parent;
  if (!p) return;
  p.childWait.wakeUp();
  if (!(p.sighand[SIGCHLD].flags & SA_NOCLDSTOP)) sendSignal(p, SIGCHLD, { pid: t.pid, uid: t.cred.uid, code: 0 });
}

async function doStop(t: Task, sig: number): Promise<void> {
  notifyParent(t, stoppedStatus(sig));
  while (t.isAlive() && (t.pending & sigbit(SIGCONT)) === 0n && !t.fatalPending) {
    await sleepOn(t, TASK_STOPPED);
    if (t.state !== TASK_STOPPED) break;
  }
  t.pending &= ~sigbit(SIGCONT);
}

/**
 * Deliver pending signals before returning ret to user space. Returns the value the user sees:
 * ret itself, -EINTR for an interrupted call, or RESTART when the call must simply run again.
 * Handlers to run are left in t.sigFrames (and t.restartSyscall set when the call is to be
 * re-issued after them).
 */
export function exitToUserMode(t: Task, ret: number): number | Promise<number> {
  let restart = ret === -ERESTARTSYS || ret === -ERESTARTNOINTR || ret === -ERESTARTNOHAND;
  while (t.isAlive()) {
    const sig = lowestPending(t, t.pending & (~t.blocked | sigbit(SIGKILL)));
    if (!sig) break;
    t.pending &= ~sigbit(sig);
    const info = t.pendingInfo.get(sig);
    t.pendingInfo.delete(sig);
    const act = t.sighand[sig];
    if (sigFatal(t, sig)) {
      return doExit(t, signalStatus(sig, sig !== SIGKILL && defaultAction(sig) === "core")).then(() => ret);
    }
    if (act.handler === SIG_IGN) continue;
    if (act.handler === SIG_DFL) {
      if (defaultAction(sig) === "stop") {
        return doStop(t, sig).then(() => exitToUserMode(t, ret));
      }
      continue;
    }
    if (restart) {
      if (ret === -ERESTARTNOHAND || (ret === -ERESTARTSYS && !(act.flags & SA_RESTART))) ret = -EINTR;
      else t.restartSyscall = true;
      restart = false;
    }
    const frame: SignalFrame = { sig, handler: act.handler, flags: act.flags, savedMask: t.savedSigmask ?? t.blocked };
    t.savedSigmask = null;
    t.sigFrames.push(frame);
    t.blocked |= act.mask | (act.flags & SA_NODEFER ? 0n : sigbit(sig));
    t.blocked &= ~UNBLOCKABLE;
    if (act.flags & SA_RESETHAND) act.handler = SIG_DFL;
    void info;
  }
  t.fatalPending = false;
  if (restart) return RESTART;
  if (t.savedSigmask !== null && t.sigFrames.length === 0) {
    t.blocked = t.savedSigmask;
    t.savedSigmask = null;
  }
  return ret;
}

/** rt_sigreturn: the handler of frame returned; restore the mask it saved. */
export function sigreturn(t: Task, frame: SignalFrame): void {
  t.blocked = frame.savedMask & ~UNBLOCKABLE;
}

export { TASK_INTERRUPTIBLE };
