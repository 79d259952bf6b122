// Scheduling policies: sched_getscheduler/setscheduler, sched_getparam/setparam,
// sched_get_priority_max/min and sched_rr_get_interval, with Linux's checks and errnos. A task
// keeps its policy, real-time priority and reset-on-fork flag (task.ts); /proc/PID/stat shows
// them. Typix has one CPU: the policy is recorded and reported, but the scheduler (sched.ts)
// shares the CPU between users and then between a user's tasks whatever their policy.
import type { Task } from "./task.js";
import { Errno } from "./errors.js";
import { EINVAL, EPERM, ESRCH } from "../include/uapi/errno.js";
import { capable } from "./cred.js";
import { findTask } from "./pid.js";
import { forkHooks } from "./fork.js";
import { getUser32, putUser32, copyToUser, StructBuf } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";
import { procState, RLIMIT_NICE, RLIMIT_RTPRIO } from "./proc_state.js";
import { HZ } from "../include/linux/jiffies.js";

export const SCHED_OTHER = 0, SCHED_FIFO = 1, SCHED_RR = 2, SCHED_BATCH = 3, SCHED_IDLE = 5, SCHED_DEADLINE = 6;
export const SCHED_RESET_ON_FORK = 0x40000000;
/** Real-time priorities are 1..MAX_RT_PRIO-1. */
export const MAX_RT_PRIO = 100;
/** SCHED_RR's time slice (RR_TIMESLICE): 100 ms. */
const RR_TIMESLICE_NS = 100_000_000n;
const TICK_NS = 1_000_000_000n / BigInt(HZ);
/** sched_setparam's "keep the policy" (SETPARAM_POLICY). */
const KEEP_POLICY = -1;

const isRt = (policy: number) => policy === SCHED_FIFO || policy === SCHED_RR;
const validPolicy = (policy: number) =>
  policy === SCHED_OTHER || policy === SCHED_BATCH || policy === SCHED_IDLE || isRt(policy) || policy === SCHED_DEADLINE;

/** find_process_by_pid: 0 is the caller; a zombie still answers (its pid is not yet free). */
function schedTask(t: Task, pid: number): Task {
  const p = pid === 0 ? t : findTask(pid);
  if (!p || p.exitState === "dead") throw new Errno(ESRCH);
  return p;
}

/** The limit a task's own RLIMIT_* allows, as a number (infinity is large). */
function rlimit(p: Task, which: number): number {
  const cur = procState(p).rlim[which].cur;
  return cur > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(cur);
}

/** May t make p's scheduling what it asks without CAP_SYS_NICE? (user_check_sched_setscheduler) */
function allowedUnprivileged(t: Task, p: Task, policy: number, prio: number, resetOnFork: boolean): boolean {
  if (isRt(policy)) {
    const rtLimit = rlimit(p, RLIMIT_RTPRIO);
    if (policy !== p.schedPolicy && rtLimit === 0) return false;
    if (prio > p.rtPriority && prio > rtLimit) return false;
  }
  if (policy === SCHED_DEADLINE) return false;
  // SCHED_IDLE counts as nice 20: leaving it is allowed only as far as RLIMIT_NICE allows.
  if (p.schedPolicy === SCHED_IDLE && policy !== SCHED_IDLE && 20 - p.niceness > rlimit(p, RLIMIT_NICE)) return false;
  const c = t.cred;
  if (c.euid !== p.cred.euid && c.euid !== p.cred.uid) return false;
  if (p.schedResetOnFork && !resetOnFork) return false;
  return true;
}

/** __sched_setscheduler: policy KEEP_POLICY keeps p's policy and flag (sched_setparam). */
function setScheduler(t: Task, p: Task, policy: number, prio: number): number {
  let resetOnFork: boolean;
  if (policy === KEEP_POLICY) {
    policy = p.schedPolicy;
    resetOnFork = p.schedResetOnFork;
  } else {
    resetOnFork = (policy & SCHED_RESET_ON_FORK) !== 0;
    policy &= ~SCHED_RESET_ON_FORK;
    if (!validPolicy(policy)) throw new Errno(EINVAL);
  }
  // The priority is unsigned in the kernel: a negative one is out of range too.
  if (prio >>> 0 > MAX_RT_PRIO - 1) throw new Errno(EINVAL);
  // SCHED_DEADLINE needs runtime, deadline and period, which only sched_setattr can give.
  if (policy === SCHED_DEADLINE || isRt(policy) !== (prio !== 0)) throw new Errno(EINVAL);
  if (!allowedUnprivileged(t, p, policy, prio, resetOnFork) && !capable(t.cred)) throw new Errno(EPERM);
  p.schedPolicy = policy;
  p.rtPriority = prio;
  p.schedResetOnFork = resetOnFork;
  return 0;
}

/** do_sched_setscheduler: the argument checks sched_setscheduler and sched_setparam share. */
function doSetScheduler(t: Task, pid: number, policy: number, param: number): number {
  if (!param || (pid | 0) < 0) throw new Errno(EINVAL);
  const prio = getUser32(t.mm!, param as UserPtr);
  return setScheduler(t, schedTask(t, pid | 0), policy, prio);
}

/** implements sched_setscheduler(2) */
export function sys_sched_setscheduler(t: Task, pid: number, policy: number, param: number): number {
  if ((policy | 0) < 0) throw new Errno(EINVAL);
  return doSetScheduler(t, pid, policy | 0, param);
}

/** implements sched_setparam(2) */
export function sys_sched_setparam(t: Task, pid: number, param: number): number {
  return doSetScheduler(t, pid, KEEP_POLICY, param);
}

/** implements sched_getscheduler(2): the policy, with SCHED_RESET_ON_FORK when set. */
export function sys_sched_getscheduler(t: Task, pid: number): number {
  if ((pid | 0) < 0) throw new Errno(EINVAL);
  const p = schedTask(t, pid | 0);
  return p.schedPolicy | (p.schedResetOnFork ? SCHED_RESET_ON_FORK : 0);
}

/** implements sched_getparam(2): the real-time priority (0 for the other policies). */
export function sys_sched_getparam(t: Task, pid: number, param: number): number {
  if (!param || (pid | 0) < 0) throw new Errno(EINVAL);
  const p = schedTask(t, pid | 0);
  putUser32(t.mm!, param as UserPtr, isRt(p.schedPolicy) ? p.rtPriority : 0);
  return 0;
}

/** implements sched_get_priority_max(2) */
export function sys_sched_get_priority_max(_t: Task, policy: number): number {
  policy |= 0;
  if (isRt(policy)) return MAX_RT_PRIO - 1;
  if (validPolicy(policy)) return 0;
  throw new Errno(EINVAL);
}

/** implements sched_get_priority_min(2) */
export function sys_sched_get_priority_min(_t: Task, policy: number): number {
  policy |= 0;
  if (isRt(policy)) return 1;
  if (validPolicy(policy)) return 0;
  throw new Errno(EINVAL);
}

/** implements sched_rr_get_interval(2): 100 ms for SCHED_RR, 0 for SCHED_FIFO, a tick otherwise. */
export function sys_sched_rr_get_interval(t: Task, pid: number, tp: number): number {
  if ((pid | 0) < 0) throw new Errno(EINVAL);
  const p = schedTask(t, pid | 0);
  const ns = p.schedPolicy === SCHED_RR ? RR_TIMESLICE_NS : p.schedPolicy === SCHED_FIFO ? 0n : TICK_NS;
  copyToUser(t.mm!, tp as UserPtr, new StructBuf(16).i64(0, ns / 1_000_000_000n).i64(8, ns % 1_000_000_000n).bytes);
  return 0;
}

/** sched_fork: the child has its parent's scheduling, unless reset-on-fork is set: then a
 * real-time child becomes SCHED_OTHER, a negative nice goes back to 0, and the flag is dropped. */
function schedFork(parent: Task, child: Task): void {
  child.schedPolicy = parent.schedPolicy;
  child.rtPriority = parent.rtPriority;
  if (!parent.schedResetOnFork) return;
  if (isRt(child.schedPolicy)) {
    child.schedPolicy = SCHED_OTHER;
    child.rtPriority = 0;
    child.niceness = 0;
  } else if (child.niceness < 0) child.niceness = 0;
  child.schedResetOnFork = false;
}
forkHooks.push(schedFork);

export const syscalls = {
  sys_sched_setscheduler, sys_sched_setparam, sys_sched_getscheduler, sys_sched_getparam,
  sys_sched_get_priority_max, sys_sched_get_priority_min, sys_sched_rr_get_interval,
};
