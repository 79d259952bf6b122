// Signals: generation (sendSignal), and delivery on the way back to user space
// (exitToUserMode): default actions (terminate, ignore, stop, continue), handlers (queued as
// signal frames that the user side runs), and restarting interrupted system calls.
import type { Task, SignalFrame } from "./task.js";
import { sigbit } from "./task.js";
import {
  SIGKILL, SIGSTOP, SIGCONT, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIGSEGV, SIG_DFL, SIG_IGN, SA_RESTART, SA_NODEFER,
  SA_RESETHAND, SA_NOCLDSTOP, defaultAction, NSIG,
} from "../include/uapi/signal.js";
import { ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, EINTR } from "../include/uapi/errno.js";
import { wakeUpProcess, sleepOn, enqueueTask, TASK_STOPPED, TASK_INTERRUPTIBLE, current } from "./sched.js";
import { signalStatus, stoppedStatus, CONTINUED_STATUS } from "../include/uapi/wait.js";
import { doGroupExit } from "./exit.js";
import { procStateIfAny } from "./proc_state.js";
import { Errno } from "./errors.js";
import { tracehooks } from "./tracehook.js";

export const RESTART = -0x7fffffff;
/** exitToUserMode's answer for a call to go on through restart_syscall(2) (ERESTART_RESTARTBLOCK). */
export const RESTART_BLOCK = -0x7ffffffe;
/** The call is to be resumed through the task's restart block (nanosleep's remaining time). */
export const ERESTART_RESTARTBLOCK = 516;
export const STOP_MASK = sigbit(SIGSTOP) | sigbit(SIGTSTP) | sigbit(SIGTTIN) | sigbit(SIGTTOU);
export const UNBLOCKABLE = sigbit(SIGKILL) | sigbit(SIGSTOP);

/** si_code values. */
export const SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TKILL = -6;
export const CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5, CLD_CONTINUED = 6;

export interface SigInfo { pid: number; uid: number; code: number; status?: number; /** sigqueue's si_value */ value?: number }

/** Does delivering sig kill t (no handler, default action terminate or core dump)? */
export function sigFatal(t: Task, sig: number): boolean {
  if (sig === SIGKILL) return true;
  const h = t.sighand[sig].handler;
  if (h !== SIG_DFL) return false;
  const a = defaultAction(sig);
  return a === "term" || a === "core";
}

/** Would sig be thrown away at delivery: SIG_IGN, or SIG_DFL whose default is to ignore? */
export function sigHandlerIgnored(t: Task, sig: number): boolean {
  const h = t.sighand[sig].handler;
  return h === SIG_IGN || (h === SIG_DFL && defaultAction(sig) === "ign");
}

/**
 * Generate sig for t (kill, tty, timers, the kernel). `force` is for the kernel's own SIGKILL and
 * SIGSTOP, which even init cannot escape; otherwise init (pid 1) drops every signal it has no
 * handler for, as Linux's init of a pid namespace does.
 */
export function sendSignal(t: Task, sig: number, info: SigInfo = { pid: 0, uid: 0, code: SI_KERNEL }, force = false): void {
  if (!t.isAlive() || sig <= 0 || sig > NSIG) return;
  const bit = sigbit(sig);
  if (t.pid === 1 && t.sighand[sig].handler === SIG_DFL && !(force && (sig === SIGKILL || sig === SIGSTOP))) return;
  if (sig === SIGKILL || sig === SIGCONT) {
    t.pending &= ~STOP_MASK;
    if (t.state === TASK_STOPPED) continueTask(t);
  } else if (bit & STOP_MASK) {
    t.pending &= ~sigbit(SIGCONT);
  }
  const waitedFor = ((procStateIfAny(t)?.realBlocked ?? 0n) & bit) !== 0n;
  if (sig !== SIGKILL && !(t.blocked & bit) && !waitedFor && t.ptrace === null && sigHandlerIgnored(t, sig)) return; // a tracer sees even ignored signals
  if (!(t.pending & bit)) t.pendingInfo.set(sig, info);
  t.pending |= bit;
  if (t.blocked & bit & ~UNBLOCKABLE) return;
  if (sigFatal(t, sig) && !waitedFor) t.fatalPending = true;
  signalWakeUp(t, sig === SIGKILL);
}

/** Make the task notice a signal: wake it from an interruptible sleep, or interrupt its user code. */
export function signalWakeUp(t: Task, fatal: boolean): void {
  if (wakeUpProcess(t, !fatal)) return;
  // A Worker running user code (not in a system call) cannot be interrupted between
  // instructions; a fatal signal ends it at once, as the CPU's interrupt would.
  if (t.fatalPending && t.backend?.kind === "worker" && t.resume === null && current !== t && !t.inSyscall) {
    const sig = lowestPending(t, t.pending & (sigbit(SIGKILL) | ~t.blocked));
    if (sig) void doGroupExit(t, signalStatus(sig)); // no core file is written: WCOREDUMP stays clear
  }
}

/** The signal to deliver first from set: SIGKILL, then the lowest number. */
export function lowestPending(_t: Task, set: bigint): number {
  if (set === 0n) return 0;
  if (set & sigbit(SIGKILL)) return SIGKILL;
  for (let s = 1; s <= NSIG; s++) if (set & sigbit(s)) return s;
  return 0;
}

/** Take sig off the pending set (rt_sigtimedwait, delivery); returns its siginfo. */
export function dequeueSignal(t: Task, sig: number): SigInfo {
  t.pending &= ~sigbit(sig);
  const info = t.pendingInfo.get(sig) ?? { pid: 0, uid: 0, code: SI_KERNEL };
  t.pendingInfo.delete(sig);
  return info;
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
  const continued = report === CONTINUED_STATUS;
  if (!(p.sighand[SIGCHLD].flags & SA_NOCLDSTOP)) {
    sendSignal(p, SIGCHLD, {
      pid: t.pid, uid: t.cred.uid, code: continued ? CLD_CONTINUED : CLD_STOPPED,
      status: continued ? SIGCONT : (report >> 8) & 0xff,
    });
  }
}

async function doStop(t: Task, sig: number): Promise<void> {
  notifyParent(t, stoppedStatus(sig));
  // A seizing tracer hears of the group-stop too; it may resume the task or leave it stopped.
  const traced = t.ptrace !== null ? tracehooks.groupStop(t, sig) : null;
  if (traced && !(await traced)) return;
  while (t.isAlive() && (t.pending & sigbit(SIGCONT)) === 0n && !t.fatalPending) {
    await sleepOn(t, TASK_STOPPED);
    if (t.state !== TASK_STOPPED) break;
  }
  // A listening tracer learns of the SIGCONT by an event stop, before the signal's own stop.
  if (traced && t.ptrace !== null && t.isAlive()) t.jobctlTrap = true;
}

const isRestartCode = (ret: number) =>
  ret === -ERESTARTSYS || ret === -ERESTARTNOINTR || ret === -ERESTARTNOHAND || ret === -ERESTART_RESTARTBLOCK;

/**
 * Deliver pending signals before returning ret to user space. Returns the value the user sees:
 * ret itself, -EINTR for an interrupted call, or RESTART when the call must simply run again.
 * Handlers to run are left in t.sigFrames (and t.restartSyscall set when the call is to be
 * re-issued after them). A call interrupted with ERESTART_RESTARTBLOCK and no handler to run
 * gives RESTART_BLOCK: the task goes on with restart_syscall(2), which runs its restart block.
 */
export function exitToUserMode(t: Task, ret: number): number | Promise<number> {
  let restart = isRestartCode(ret);
  while (t.isAlive()) {
    if (t.jobctlTrap) {
      t.jobctlTrap = false;
      const stop = tracehooks.trap(t); // PTRACE_EVENT_STOP (kernel/ptrace.ts)
      if (stop) return stop.then(() => exitToUserMode(t, ret));
    }
    const sig = lowestPending(t, t.pending & (~t.blocked | sigbit(SIGKILL)));
    if (!sig) break;
    const info = dequeueSignal(t, sig);
    if (t.ptrace !== null) {
      const stop = tracehooks.signal(t, sig, info); // signal-delivery stop (kernel/ptrace.ts)
      if (stop) return stop.then(() => exitToUserMode(t, ret));
    }
    const act = t.sighand[sig];
    if (sigFatal(t, sig)) {
      return doGroupExit(t, signalStatus(sig)).then(() => ret); // no core file is written: WCOREDUMP stays clear
    }
    if (act.handler === SIG_IGN) continue;
    if (act.handler === SIG_DFL) {
      if (defaultAction(sig) === "stop") {
        return doStop(t, sig).then(() => exitToUserMode(t, ret));
      }
      continue;
    }
    if (restart) {
      if (ret === -ERESTARTNOHAND || ret === -ERESTART_RESTARTBLOCK || (ret === -ERESTARTSYS && !(act.flags & SA_RESTART))) ret = -EINTR;
      else t.restartSyscall = true;
      restart = false;
    }
    const frame: SignalFrame = { sig, handler: act.handler, flags: act.flags, savedMask: t.savedSigmask ?? t.blocked };
    t.savedSigmask = null;
    t.sigFrames.push(frame);
    t.blocked |= act.mask | (act.flags & SA_NODEFER ? 0n : sigbit(sig));
    t.blocked &= ~UNBLOCKABLE;
    if (act.flags & SA_RESETHAND) act.handler = SIG_DFL;
  }
  t.fatalPending = false;
  if (t.savedSigmask !== null && t.sigFrames.length === 0) {
    t.blocked = t.savedSigmask;
    t.savedSigmask = null;
  }
  if (restart && ret === -ERESTART_RESTARTBLOCK) return RESTART_BLOCK;
  if (restart) return RESTART;
  const ps = procStateIfAny(t);
  if (ps) ps.restartBlock = null;
  return ret;
}

/** rt_sigreturn: the handler of the newest frame returned; restore the mask it saved. */
export function sigreturn(t: Task, frame: SignalFrame): void {
  t.blocked = frame.savedMask & ~UNBLOCKABLE;
}

/** A return from a handler without a frame: as Linux does for a corrupt frame, SIGSEGV. */
export function badSigreturn(t: Task): void {
  t.sighand[SIGSEGV].handler = SIG_DFL;
  t.blocked &= ~sigbit(SIGSEGV);
  sendSignal(t, SIGSEGV, { pid: 0, uid: 0, code: SI_KERNEL }, true);
}

export { TASK_INTERRUPTIBLE };
