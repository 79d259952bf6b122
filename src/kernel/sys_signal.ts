// Signal system calls: kill, tkill, tgkill, rt_sigaction, rt_sigprocmask, rt_sigpending,
// rt_sigsuspend, rt_sigtimedwait, rt_sigreturn, sigaltstack, pause, alarm, getitimer, setitimer,
// restart_syscall.
import type { Task } from "./task.js";
import { sigbit } from "./task.js";
import { WaitQueue } from "./wait.js";
import { Errno } from "./errors.js";
import { EINVAL, EPERM, ESRCH, EAGAIN, EINTR, ENOMEM, ERESTARTNOHAND, ERESTARTSYS } from "../include/uapi/errno.js";
import {
  SIGKILL, SIGSTOP, SIGCONT, SIGALRM, NSIG, SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK, SA_NOCLDSTOP, SA_NOCLDWAIT, SA_SIGINFO,
  SA_ONSTACK, SA_RESTART, SA_NODEFER, SA_RESETHAND, SA_RESTORER,
} from "../include/uapi/signal.js";
import {
  sendSignal, sigreturn, badSigreturn, sigHandlerIgnored, dequeueSignal, lowestPending, UNBLOCKABLE, SI_USER, SI_TKILL,
  SI_KERNEL, type SigInfo,
} from "./signal.js";
import { allTasks, findTask } from "./pid.js";
import { capable } from "./cred.js";
import { copyToUser, getUser64, getUserU32, getUserBig64, StructBuf } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";
import { procState, procStateIfAny, type ITimer } from "./proc_state.js";
import { monotonicNs, armTimer, NSEC_PER_SEC } from "./timekeeping.js";

const SIGSET_SIZE = 8;
const SA_EXPOSE_TAGBITS = 0x800;
/** The sa_flags Linux keeps; it clears the others (so programs can detect them). */
const UAPI_SA_FLAGS = SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_NODEFER |
  SA_RESETHAND | SA_EXPOSE_TAGBITS | SA_RESTORER;

const validSignal = (sig: number) => sig >= 0 && sig <= NSIG;

// ---- sending ----

/** May t signal p (check_kill_permission)? */
function killPermitted(t: Task, p: Task, sig: number): boolean {
  if (p === t || capable(t.cred)) return true;
  const c = t.cred, tc = p.cred;
  if (c.euid === tc.suid || c.euid === tc.uid || c.uid === tc.suid || c.uid === tc.uid) return true;
  return sig === SIGCONT && p.sid === t.sid;
}

/** group_send_sig_info: permission, then the signal (sig 0 only checks). */
function sendTo(t: Task, p: Task, sig: number, code: number): void {
  if (!validSignal(sig)) throw new Errno(EINVAL);
  if (!killPermitted(t, p, sig)) throw new Errno(EPERM);
  if (sig) sendSignal(p, sig, { pid: t.pid, uid: t.cred.uid, code });
}

/** Tasks that still have a pid (zombies included: Linux finds them too). */
const existing = () => [...allTasks()].filter((x) => x.exitState !== "dead");

function errnoOf(e: unknown): number {
  if (e instanceof Errno) return e.errno;
  throw e;
}

/** Send to every member of process group pgid: success if any succeeded, else the last error. */
function killPgrp(t: Task, pgid: number, sig: number): number {
  let success = false, err = ESRCH;
  for (const p of existing()) {
    if (p.pgid !== pgid) continue;
    try { sendTo(t, p, sig, SI_USER); success = true; } catch (e) { err = errnoOf(e); }
  }
  if (success) return 0;
  throw new Errno(err);
}

/** implements kill(2) */
export function sys_kill(t: Task, pid: number, sig: number): number {
  pid |= 0; sig |= 0;
  if (pid > 0) {
    const p = findTask(pid);
    if (!p || p.exitState === "dead") throw new Errno(ESRCH);
    sendTo(t, p, sig, SI_USER);
    return 0;
  }
  if (pid === -0x80000000) throw new Errno(ESRCH);
  if (pid !== -1) return killPgrp(t, pid === 0 ? t.pgid : -pid, sig);
  // Everyone but init and ourselves; refusals for lack of permission are not reported.
  let count = 0, ret = 0;
  for (const p of existing()) {
    if (p.pid <= 1 || p === t) continue;
    count++;
    try { sendTo(t, p, sig, SI_USER); } catch (e) { const n = errnoOf(e); if (n !== EPERM) ret = -n; }
  }
  if (!count) throw new Errno(ESRCH);
  if (ret) throw new Errno(-ret);
  return 0;
}

/** implements tkill(2) */
export function sys_tkill(t: Task, tid: number, sig: number): number {
  tid |= 0; sig |= 0;
  if (tid <= 0) throw new Errno(EINVAL);
  const p = findTask(tid);
  if (!p || p.exitState === "dead") throw new Errno(ESRCH);
  sendTo(t, p, sig, SI_TKILL);
  return 0;
}

/**
 * The siginfo a caller queues with rt_sigqueueinfo or rt_tgsigqueueinfo: si_code, si_pid, si_uid
 * and si_value as given. Only the kernel may claim SI_USER or a positive code, or SI_TKILL,
 * unless the signal is for the caller itself (Linux's rule: EPERM).
 */
function queuedInfo(t: Task, target: Task, uinfo: number): SigInfo {
  const mm = t.mm!;
  const code = getUserU32(mm, (uinfo + 8) as UserPtr) | 0;
  if ((code >= 0 || code === SI_TKILL) && target !== t) throw new Errno(EPERM);
  return {
    code, pid: getUserU32(mm, (uinfo + 16) as UserPtr) | 0, uid: getUserU32(mm, (uinfo + 20) as UserPtr),
    value: getUserU32(mm, (uinfo + 24) as UserPtr) | 0,
  };
}

function queueTo(t: Task, p: Task | undefined, sig: number, uinfo: number): number {
  if (!p || p.exitState === "dead") throw new Errno(ESRCH);
  const info = queuedInfo(t, p, uinfo);
  if (!validSignal(sig)) throw new Errno(EINVAL);
  if (!killPermitted(t, p, sig)) throw new Errno(EPERM);
  if (sig) sendSignal(p, sig, info);
  return 0;
}

/** implements rt_sigqueueinfo(2) */
export function sys_rt_sigqueueinfo(t: Task, pid: number, sig: number, uinfo: number): number {
  pid |= 0; sig |= 0;
  return queueTo(t, pid > 0 ? findTask(pid) : undefined, sig, uinfo);
}

/** implements rt_tgsigqueueinfo(2) */
export function sys_rt_tgsigqueueinfo(t: Task, tgid: number, tid: number, sig: number, uinfo: number): number {
  tgid |= 0; tid |= 0; sig |= 0;
  if (tid <= 0 || tgid <= 0) throw new Errno(EINVAL);
  const p = findTask(tid);
  return queueTo(t, p && p.tgid === tgid ? p : undefined, sig, uinfo);
}

/** implements tgkill(2) */
export function sys_tgkill(t: Task, tgid: number, tid: number, sig: number): number {
  tgid |= 0; tid |= 0; sig |= 0;
  if (tid <= 0 || tgid <= 0) throw new Errno(EINVAL);
  const p = findTask(tid);
  if (!p || p.exitState === "dead" || p.tgid !== tgid) throw new Errno(ESRCH);
  sendTo(t, p, sig, SI_TKILL);
  return 0;
}

// ---- actions and masks ----

function readSigset(t: Task, p: number): bigint {
  return getUserBig64(t.mm!, p as UserPtr);
}

function writeSigset(t: Task, p: number, set: bigint, size = SIGSET_SIZE): void {
  const b = new StructBuf(8).i64(0, BigInt.asIntN(64, set));
  copyToUser(t.mm!, p as UserPtr, b.bytes.subarray(0, size));
}

/** implements rt_sigaction(2): struct kernel_sigaction { handler, flags, restorer, mask } */
export function sys_rt_sigaction(t: Task, sig: number, act: number, oact: number, sigsetsize: number): number {
  sig |= 0;
  if (sigsetsize !== SIGSET_SIZE) throw new Errno(EINVAL);
  let next: { handler: number; flags: number; restorer: number; mask: bigint } | null = null;
  if (act) {
    const mm = t.mm!;
    next = {
      handler: getUser64(mm, act as UserPtr),
      flags: getUserU32(mm, (act + 8) as UserPtr),
      restorer: getUser64(mm, (act + 16) as UserPtr),
      mask: getUserBig64(mm, (act + 24) as UserPtr),
    };
  }
  if (sig < 1 || sig > NSIG || (next && (sig === SIGKILL || sig === SIGSTOP))) throw new Errno(EINVAL);
  const cur = t.sighand[sig];
  const old = { ...cur };
  if (next) {
    cur.handler = next.handler;
    cur.flags = (next.flags & UAPI_SA_FLAGS) >>> 0;
    cur.restorer = next.restorer;
    cur.mask = next.mask & ~UNBLOCKABLE;
    // POSIX: setting a pending signal's action to ignore discards it.
    if (sigHandlerIgnored(t, sig) && t.pending & sigbit(sig)) dequeueSignal(t, sig);
  }
  if (oact) {
    const b = new StructBuf(32).i64(0, old.handler).i64(8, old.flags >>> 0).i64(16, old.restorer)
      .i64(24, BigInt.asIntN(64, old.mask));
    copyToUser(t.mm!, oact as UserPtr, b.bytes);
  }
  return 0;
}

/** implements rt_sigprocmask(2) */
export function sys_rt_sigprocmask(t: Task, how: number, set: number, oset: number, sigsetsize: number): number {
  if (sigsetsize !== SIGSET_SIZE) throw new Errno(EINVAL);
  const old = t.blocked;
  if (set) {
    const s = readSigset(t, set) & ~UNBLOCKABLE;
    switch (how) {
      case SIG_BLOCK: t.blocked |= s; break;
      case SIG_UNBLOCK: t.blocked &= ~s; break;
      case SIG_SETMASK: t.blocked = s; break;
      default: throw new Errno(EINVAL);
    }
  }
  if (oset) writeSigset(t, oset, old);
  return 0;
}

/** implements rt_sigpending(2): pending signals that are blocked. */
export function sys_rt_sigpending(t: Task, set: number, sigsetsize: number): number {
  if (sigsetsize >>> 0 > SIGSET_SIZE) throw new Errno(EINVAL);
  writeSigset(t, set, t.pending & t.blocked, sigsetsize >>> 0);
  return 0;
}

/** Sleep until a signal is pending; ends with ERESTARTNOHAND, as pause and sigsuspend do. */
async function sleepUntilSignal(t: Task): Promise<never> {
  const wq = new WaitQueue();
  try {
    await wq.waitEvent(t, () => false);
  } catch (e) {
    if (e instanceof Errno) throw new Errno(ERESTARTNOHAND);
    throw e;
  }
  throw new Errno(ERESTARTNOHAND);
}

/** implements pause(2) */
export async function sys_pause(t: Task): Promise<number> {
  return sleepUntilSignal(t);
}

/** implements rt_sigsuspend(2): the old mask comes back after the handler has run. */
export async function sys_rt_sigsuspend(t: Task, unewset: number, sigsetsize: number): Promise<number> {
  if (sigsetsize !== SIGSET_SIZE) throw new Errno(EINVAL);
  const set = readSigset(t, unewset) & ~UNBLOCKABLE;
  t.savedSigmask = t.blocked;
  t.blocked = set;
  return sleepUntilSignal(t);
}

/** Read a struct timespec: EINVAL when negative or tv_nsec is out of range. Returns ns. */
export function readTimespec(t: Task, p: number): bigint {
  const sec = BigInt(getUser64(t.mm!, p as UserPtr));
  const nsec = BigInt(getUser64(t.mm!, (p + 8) as UserPtr));
  if (sec < 0n || nsec < 0n || nsec >= NSEC_PER_SEC) throw new Errno(EINVAL);
  return sec * NSEC_PER_SEC + nsec;
}

/** Fill siginfo_t (128 bytes): si_signo, si_errno, si_code, si_pid, si_uid (si_status for SIGCHLD). */
export function putSiginfo(t: Task, p: number, sig: number, info: SigInfo): void {
  const b = new StructBuf(128).i32(0, sig).i32(8, info.code).i32(16, info.pid).u32(20, info.uid);
  if (info.status !== undefined) b.i32(24, info.status);
  else if (info.value !== undefined) b.i32(24, info.value);
  copyToUser(t.mm!, p as UserPtr, b.bytes);
}

/** implements rt_sigtimedwait(2) */
export async function sys_rt_sigtimedwait(t: Task, uthese: number, uinfo: number, uts: number, sigsetsize: number): Promise<number> {
  if (sigsetsize !== SIGSET_SIZE) throw new Errno(EINVAL);
  const these = readSigset(t, uthese) & ~UNBLOCKABLE;
  const timeoutNs = uts ? readTimespec(t, uts) : null;
  const take = (): number => {
    const sig = lowestPending(t, t.pending & these);
    if (!sig) return 0;
    const info = dequeueSignal(t, sig);
    if (uinfo) putSiginfo(t, uinfo, sig, info);
    return sig;
  };
  let sig = take();
  if (sig) return sig;
  if (timeoutNs === 0n) throw new Errno(EAGAIN);
  const ps = procState(t);
  const saved = t.blocked;
  ps.realBlocked = these;
  t.blocked &= ~these;
  const deadline = timeoutNs === null ? null : monotonicNs() + timeoutNs;
  const wq = new WaitQueue();
  const cancel = deadline === null ? null : armTimer(deadline, () => wq.wakeUp());
  try {
    await wq.waitEvent(t, () => deadline !== null && monotonicNs() >= deadline);
  } catch (e) {
    if (!(e instanceof Errno) || e.errno !== ERESTARTSYS) throw e;
  } finally {
    cancel?.();
    t.blocked = saved;
    ps.realBlocked = 0n;
  }
  sig = take();
  if (sig) return sig;
  throw new Errno(t.signalPending() ? EINTR : EAGAIN);
}

/** implements rt_sigreturn(2): the handler of the newest frame has returned. */
export function sys_rt_sigreturn(t: Task): number {
  const frame = t.activeFrames.pop();
  if (!frame) { badSigreturn(t); return 0; }
  sigreturn(t, frame);
  return 0;
}

/** implements sigaltstack(2): stack_t { ss_sp, ss_flags, ss_size } */
export function sys_sigaltstack(t: Task, uss: number, uoss: number): number {
  const SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 0x80000000, MINSIGSTKSZ = 2048;
  const ps = procState(t);
  const old = { ...ps.altstack };
  if (uss) {
    const mm = t.mm!;
    const sp = getUser64(mm, uss as UserPtr);
    const flags = getUserU32(mm, (uss + 8) as UserPtr);
    const size = getUser64(mm, (uss + 16) as UserPtr);
    const mode = (flags & ~SS_AUTODISARM) >>> 0;
    if (mode !== SS_DISABLE && mode !== SS_ONSTACK && mode !== 0) throw new Errno(EINVAL);
    if (mode === SS_DISABLE) ps.altstack = { sp: 0, flags: SS_DISABLE, size: 0 };
    else {
      if (size < MINSIGSTKSZ) throw new Errno(ENOMEM);
      ps.altstack = { sp, flags: (flags & SS_AUTODISARM) >>> 0, size };
    }
  }
  if (uoss) {
    const b = new StructBuf(24).i64(0, old.sp).i32(8, old.flags).i64(16, old.size);
    copyToUser(t.mm!, uoss as UserPtr, b.bytes);
  }
  return 0;
}

// ---- alarm and interval timers ----

const ITIMER_REAL = 0, ITIMER_PROF = 2;
const NSEC_PER_USEC = 1000n;

/** What is left of an interval timer, ns (a due timer that has not fired yet counts as 1 µs). */
function itimerLeft(it: ITimer): bigint {
  if (it.deadlineNs === 0n) return 0n;
  const left = it.deadlineNs - monotonicNs();
  return left > 0n ? left : NSEC_PER_USEC;
}

/** Arm ITIMER_REAL: SIGALRM at valueNs from now, then every intervalNs. */
function setRealTimer(t: Task, valueNs: bigint, intervalNs: bigint): void {
  const ps = procState(t);
  const it = ps.itimers[ITIMER_REAL];
  ps.cancelReal?.();
  ps.cancelReal = null;
  it.intervalNs = intervalNs;
  it.deadlineNs = valueNs ? monotonicNs() + valueNs : 0n;
  if (!valueNs) return;
  const arm = (deadline: bigint) => {
    ps.cancelReal = armTimer(deadline, () => {
      ps.cancelReal = null;
      if (!t.isAlive()) return;
      if (it.intervalNs) {
        it.deadlineNs = deadline + it.intervalNs;
        arm(it.deadlineNs);
      } else {
        it.deadlineNs = 0n;
      }
      sendSignal(t, SIGALRM, { pid: 0, uid: 0, code: SI_KERNEL });
    });
  };
  arm(it.deadlineNs);
}

/** implements alarm(2): returns the seconds that were left, rounded as Linux rounds them. */
export function sys_alarm(t: Task, seconds: number): number {
  const it = procState(t).itimers[ITIMER_REAL];
  const left = itimerLeft(it);
  setRealTimer(t, BigInt(seconds >>> 0) * NSEC_PER_SEC, 0n);
  const sec = left / NSEC_PER_SEC, usec = (left % NSEC_PER_SEC) / NSEC_PER_USEC;
  return Number((sec === 0n && usec > 0n) || usec >= 500000n ? sec + 1n : sec);
}

function itimerval(intervalNs: bigint, valueNs: bigint): StructBuf {
  const tv = (ns: bigint) => [ns / NSEC_PER_SEC, (ns % NSEC_PER_SEC) / NSEC_PER_USEC];
  const [is, iu] = tv(intervalNs), [vs, vu] = tv(valueNs);
  return new StructBuf(32).i64(0, is).i64(8, iu).i64(16, vs).i64(24, vu);
}

function getItimer(t: Task, which: number): StructBuf {
  if (which < ITIMER_REAL || which > ITIMER_PROF) throw new Errno(EINVAL);
  const it = procState(t).itimers[which];
  // The CPU-time timers only count while the task uses CPU time, which it has not.
  const value = which === ITIMER_REAL ? itimerLeft(it) : it.deadlineNs;
  return itimerval(it.intervalNs, value);
}

/** implements getitimer(2) */
export function sys_getitimer(t: Task, which: number, value: number): number {
  const b = getItimer(t, which | 0);
  copyToUser(t.mm!, value as UserPtr, b.bytes);
  return 0;
}

function readTimeval(t: Task, p: number): bigint {
  const sec = BigInt(getUser64(t.mm!, p as UserPtr));
  const usec = BigInt(getUser64(t.mm!, (p + 8) as UserPtr));
  if (sec < 0n || usec < 0n || usec >= 1000000n) throw new Errno(EINVAL);
  return sec * NSEC_PER_SEC + usec * NSEC_PER_USEC;
}

/** implements setitimer(2): a NULL new value disarms the timer, as Linux accepts. */
export function sys_setitimer(t: Task, which: number, nvalue: number, ovalue: number): number {
  which |= 0;
  let interval = 0n, value = 0n;
  if (nvalue) { interval = readTimeval(t, nvalue); value = readTimeval(t, nvalue + 16); }
  const old = getItimer(t, which);
  if (which === ITIMER_REAL) {
    setRealTimer(t, value, interval);
  } else {
    const it = procState(t).itimers[which];
    it.intervalNs = interval;
    it.deadlineNs = value;
  }
  if (ovalue) copyToUser(t.mm!, ovalue as UserPtr, old.bytes);
  return 0;
}

/**
 * implements restart_syscall(2): go on with the sleep a signal interrupted (nanosleep, poll...),
 * through the restart block it left. Without one it is -EINTR, as do_no_restart_syscall.
 */
export function sys_restart_syscall(t: Task): number | Promise<number> {
  const ps = procStateIfAny(t);
  const resume = ps?.restartBlock ?? null;
  if (ps) ps.restartBlock = null;
  if (!resume) throw new Errno(EINTR);
  return resume();
}

export const syscalls = {
  sys_restart_syscall, sys_kill, sys_tkill, sys_tgkill, sys_rt_sigaction, sys_rt_sigprocmask, sys_rt_sigpending, sys_rt_sigsuspend,
  sys_rt_sigtimedwait, sys_rt_sigreturn, sys_sigaltstack, sys_pause, sys_alarm, sys_getitimer, sys_setitimer,
  sys_rt_sigqueueinfo, sys_rt_tgsigqueueinfo,
};
