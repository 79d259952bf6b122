// Process exit and reaping: do_exit (close everything, become a zombie, tell the parent,
// hand orphans to init, SIGHUP+SIGCONT to process groups it orphans) and wait4(2)/waitid(2).
import type { Task } from "./task.js";
import { findTask, unregisterTask, allTasks } from "./pid.js";
import { current, leaveCpu, TASK_DEAD, TASK_STOPPED } from "./sched.js";
import { sendSignal, CLD_EXITED, CLD_KILLED, CLD_DUMPED, CLD_STOPPED, CLD_CONTINUED, SI_USER } from "./signal.js";
import { SIGCHLD, SIGHUP, SIGCONT, SA_NOCLDWAIT, SIG_IGN } from "../include/uapi/signal.js";
import { Errno } from "./errors.js";
import { ECHILD, EINVAL, ESRCH, EBADF } from "../include/uapi/errno.js";
import {
  WNOHANG, WUNTRACED, WSTOPPED, WEXITED, WCONTINUED, WNOWAIT, __WALL, exitStatus, CONTINUED_STATUS, P_ALL, P_PID, P_PGID,
} from "../include/uapi/wait.js";
import { putUser32, copyToUser, StructBuf } from "../mm/uaccess.js";
import { mmput, type UserPtr } from "../mm/mm.js";
import { procState, procStateIfAny } from "./proc_state.js";
import { futexWake } from "./futex.js";

export const __WNOTHREAD = 0x20000000, __WCLONE = 0x80000000;
export const P_PIDFD = 3;

/** Hooks other subsystems add to exit (tty session teardown, ptrace detach, ...). */
export const exitHooks: ((t: Task) => void)[] = [];

/** The init task, which adopts orphans. */
let initTask: Task | null = null;
export function setInitTask(t: Task): void { initTask = t; }
export function getInitTask(): Task | null { return initTask; }

/** Members of process group pgid that still count (not yet reaped). */
function pgrpMembers(pgid: number): Task[] {
  return [...allTasks()].filter((x) => x.pgid === pgid && x.exitState !== "dead");
}

/**
 * Will process group pgid be orphaned once `ignore` has gone: no member has a parent in
 * another group of the same session (POSIX's orphaned process group)?
 */
function willBecomeOrphanedPgrp(pgid: number, ignore: Task | null): boolean {
  for (const p of pgrpMembers(pgid)) {
    if (p === ignore || p.exitState !== 0 || p.exiting) continue;
    const parent = p.parent;
    if (!parent || parent.pid === 1) continue;
    if (parent.pgid !== pgid && parent.sid === p.sid) return false;
  }
  return true;
}

/** A group just orphaned that has stopped members gets SIGHUP then SIGCONT (POSIX). */
function killOrphanedPgrp(pgid: number, ignore: Task | null): void {
  if (!willBecomeOrphanedPgrp(pgid, ignore)) return;
  const members = pgrpMembers(pgid).filter((x) => x.isAlive() && !x.exiting);
  if (!members.some((x) => x.state === TASK_STOPPED)) return;
  for (const x of members) sendSignal(x, SIGHUP, { pid: 0, uid: 0, code: 0x80 });
  for (const x of members) sendSignal(x, SIGCONT, { pid: 0, uid: 0, code: 0x80 });
}

/** The si_code and si_status a wait status word reports. */
export function statusToCld(status: number): { code: number; status: number } {
  if (status === CONTINUED_STATUS) return { code: CLD_CONTINUED, status: SIGCONT };
  if ((status & 0xff) === 0x7f) return { code: CLD_STOPPED, status: (status >> 8) & 0xff };
  if ((status & 0x7f) === 0) return { code: CLD_EXITED, status: (status >> 8) & 0xff };
  return { code: status & 0x80 ? CLD_DUMPED : CLD_KILLED, status: status & 0x7f };
}

/**
 * End task t with wait status `status`. The task stops running at once; its files are closed,
 * then it becomes a zombie until its parent reaps it.
 */
export async function doExit(t: Task, status: number): Promise<void> {
  if (t.exitState !== 0 || t.exiting) return;
  t.exiting = true;
  t.exitCode = status;
  t.backend?.kill();
  if (t.alarmTimer) clearTimeout(t.alarmTimer);
  t.alarmTimer = null;
  const ps = procStateIfAny(t);
  ps?.cancelReal?.();
  if (ps) ps.cancelReal = null;
  for (const hook of exitHooks) hook(t);
  // A descriptor table shared with other threads (CLONE_FILES) stays open for them.
  if (--t.files.users <= 0) {
    try {
      await t.files.closeAll();
    } catch {
      // A release() that fails cannot stop an exit.
    }
  }
  clearChildTid(t);
  mmput(t.mm);
  t.mm = null;
  t.exitState = "zombie";
  t.state = TASK_DEAD;
  t.vforkDone?.();
  t.vforkDone = null;
  t.exitNotify?.(status);
  exitNotify(t);
  if (current === t) leaveCpu();
}

/**
 * CLONE_CHILD_CLEARTID / set_tid_address: a thread leaving an address space others still use
 * writes 0 at the address it was given and wakes a futex waiter there (pthread_join's wait).
 */
function clearChildTid(t: Task): void {
  const ps = procStateIfAny(t);
  const addr = ps?.clearChildTid ?? 0;
  if (!addr || !t.mm || t.mm.users <= 1) return;
  ps!.clearChildTid = 0;
  try {
    putUser32(t.mm, addr as UserPtr, 0);
    futexWake(t.mm, addr, 1);
  } catch {
    // An address it cannot write is ignored, as Linux ignores the fault.
  }
}

/**
 * A thread other than the leader is gone: nobody waits for it (it is reaped at once), its
 * children go to its group's leader, and a leader that exited first is reported now.
 */
function threadGone(t: Task): void {
  const leader = t.leader;
  leader.threads.delete(t);
  for (const c of t.children) { c.parent = leader; leader.children.add(c); }
  t.children.clear();
  leader.utimeMs += t.utimeMs;
  leader.stimeMs += t.stimeMs;
  t.exitState = "dead";
  unregisterTask(t);
  if (leader.exitState === "zombie" && leader.threads.size === 0) exitNotify(leader);
}

/**
 * do_group_exit: every thread of t's group ends with status (exit_group, a fatal signal); the
 * leader last, so that the process is reported once all of it has gone.
 */
export async function doGroupExit(t: Task, status: number): Promise<void> {
  const leader = t.leader;
  for (const x of [...leader.threads]) if (x !== t) await doExit(x, status);
  if (t !== leader) await doExit(t, status);
  if (leader.exitState === "zombie") leader.exitCode = status;
  await doExit(leader, status);
}

/** exit_notify: orphans to init, the parent told (or the zombie reaped at once). */
function exitNotify(t: Task): void {
  if (t.leader !== t) { threadGone(t); return; }
  // A leader whose other threads run on is reported when the last of them goes.
  if (t.threads.size > 0) return;
  const p = t.parent;
  // Our own group may be orphaned by our going.
  if (p && p.pgid !== t.pgid && p.sid === t.sid) killOrphanedPgrp(t.pgid, t);
  const children = [...t.children];
  t.children.clear();
  for (const c of children) {
    c.parent = initTask;
    if (initTask && initTask !== t) initTask.children.add(c);
    c.exitSignal = SIGCHLD;
    const pd = procStateIfAny(c)?.pdeathsig ?? 0;
    if (pd && c.isAlive()) sendSignal(c, pd, { pid: t.pid, uid: t.cred.uid, code: SI_USER });
    if (c.exitState === "zombie") initTask?.childWait.wakeUp();
  }
  for (const c of children) {
    if (c.pgid !== t.pgid && c.sid === t.sid) killOrphanedPgrp(c.pgid, null);
  }
  if (!p) { release(t); return; }
  const autoreap = t.exitSignal === SIGCHLD &&
    (p.sighand[SIGCHLD].handler === SIG_IGN || (p.sighand[SIGCHLD].flags & SA_NOCLDWAIT) !== 0);
  if (t.exitSignal && !(autoreap && p.sighand[SIGCHLD].handler === SIG_IGN)) {
    const cld = statusToCld(t.exitCode);
    sendSignal(p, t.exitSignal, { pid: t.pid, uid: t.cred.uid, code: cld.code, status: cld.status });
  }
  if (autoreap) release(t);
  // Woken either way: a waiter with nothing left to wait for gets ECHILD.
  p.childWait.wakeUp();
}

/** Reap a zombie: it disappears from the process table; its CPU time goes to the parent. */
function release(t: Task): void {
  t.exitState = "dead";
  const p = t.parent;
  if (p) {
    const ps = procState(p);
    const cs = procStateIfAny(t);
    ps.cutimeMs += t.utimeMs + (cs?.cutimeMs ?? 0);
    ps.cstimeMs += t.stimeMs + (cs?.cstimeMs ?? 0);
    p.children.delete(t);
  }
  unregisterTask(t);
}

export interface WaitResult { pid: number; status: number; task: Task; uid: number }

/** Which children a wait selects: by pid, by process group, or any. */
export type WaitWho = { type: "pid"; id: number } | { type: "pgid"; id: number } | { type: "all" };

/** A tracer's tracees (kernel/ptrace.ts): a stop or exit to report, or whether any match. */
export const waitHooks = { tracees: (_parent: Task, _who: WaitWho, _options: number): WaitResult | boolean => false };

function selects(c: Task, who: WaitWho, options: number): boolean {
  // Without __WALL, a "clone" child (one that signals its parent with something other than
  // SIGCHLD) is waited for only with __WCLONE, and the others only without it.
  if (!(options & __WALL) && (c.exitSignal !== SIGCHLD) !== ((options & __WCLONE) !== 0)) return false;
  if (who.type === "pid") return c.pid === who.id;
  if (who.type === "pgid") return c.pgid === who.id;
  return true;
}

/** One pass over the children: a reportable child, or null; ECHILD when none match. */
function findReportable(parent: Task, who: WaitWho, options: number): WaitResult | null {
  const traced = waitHooks.tracees(parent, who, options);
  if (typeof traced === "object") return traced;
  let any = traced;
  for (const c of [...parent.children]) {
    if (c.exitState === "dead" || !selects(c, who, options)) continue;
    any = true;
    if (c.exitState === "zombie") {
      if (!(options & WEXITED) || c.threads.size > 0) continue;
      if (!(options & WNOWAIT)) release(c);
      return { pid: c.pid, status: c.exitCode, task: c, uid: c.cred.uid };
    }
    if (c.pendingReport !== null) {
      const r = c.pendingReport;
      const stopped = (r & 0xff) === 0x7f;
      if (stopped && c.state !== TASK_STOPPED) continue;
      if ((stopped && options & WSTOPPED) || (!stopped && options & WCONTINUED)) {
        if (!(options & WNOWAIT)) c.pendingReport = null;
        return { pid: c.pid, status: r, task: c, uid: c.cred.uid };
      }
    }
  }
  if (!any) throw new Errno(ECHILD);
  return null;
}

/**
 * Wait for a child to change state (the heart of wait4 and waitid). options are waitid's
 * (WEXITED, WSTOPPED, WCONTINUED, WNOHANG, WNOWAIT, __W*). Returns null for WNOHANG with
 * nothing to report.
 */
export async function waitChild(t: Task, who: WaitWho, options: number): Promise<WaitResult | null> {
  let result: WaitResult | null = null;
  await t.childWait.waitEvent(t, () => {
    result = findReportable(t, who, options);
    return result !== null || (options & WNOHANG) !== 0;
  });
  return result;
}

/** struct rusage for a reaped child: its user and system time. */
function childRusage(c: Task): StructBuf {
  const cs = procStateIfAny(c);
  const b = new StructBuf(144);
  const ut = c.utimeMs + (cs?.cutimeMs ?? 0), st = c.stimeMs + (cs?.cstimeMs ?? 0);
  b.i64(0, Math.floor(ut / 1000)).i64(8, Math.floor((ut % 1000) * 1000));
  b.i64(16, Math.floor(st / 1000)).i64(24, Math.floor((st % 1000) * 1000));
  return b;
}

/** implements wait4(2) */
export async function sys_wait4(t: Task, pid: number, wstatus: number, options: number, rusage: number): Promise<number> {
  pid |= 0;
  options >>>= 0;
  if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) throw new Errno(EINVAL);
  if (pid === -0x80000000) throw new Errno(ESRCH);
  const who: WaitWho = pid > 0 ? { type: "pid", id: pid } : pid === -1 ? { type: "all" }
    : { type: "pgid", id: pid === 0 ? t.pgid : -pid };
  const r = await waitChild(t, who, options | WEXITED);
  if (!r) return 0;
  if (wstatus) putUser32(t.mm!, wstatus as UserPtr, r.status);
  if (rusage) copyToUser(t.mm!, rusage as UserPtr, childRusage(r.task).bytes);
  return r.pid;
}

/** implements waitid(2) */
export async function sys_waitid(t: Task, idtype: number, id: number, infop: number, options: number, rusage: number): Promise<number> {
  options >>>= 0;
  id >>>= 0;
  if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) throw new Errno(EINVAL);
  if (!(options & (WEXITED | WSTOPPED | WCONTINUED))) throw new Errno(EINVAL);
  let who: WaitWho;
  switch (idtype) {
    case P_ALL: who = { type: "all" }; break;
    case P_PID:
      if ((id | 0) <= 0) throw new Errno(EINVAL);
      who = { type: "pid", id };
      break;
    case P_PGID:
      if ((id | 0) < 0) throw new Errno(EINVAL);
      who = { type: "pgid", id: id === 0 ? t.pgid : id };
      break;
    case P_PIDFD:
      // Typix has no pidfds yet, so no descriptor names one.
      throw new Errno(EBADF);
    default:
      throw new Errno(EINVAL);
  }
  const r = await waitChild(t, who, options);
  if (rusage && r) copyToUser(t.mm!, rusage as UserPtr, childRusage(r.task).bytes);
  if (infop) {
    // siginfo_t for SIGCHLD on x86-64: si_signo 0, si_errno 4, si_code 8, si_pid 16,
    // si_uid 20, si_status 24; all zero when WNOHANG found nothing.
    const b = new StructBuf(32);
    if (r) {
      const cld = statusToCld(r.status);
      b.i32(0, SIGCHLD).i32(4, 0).i32(8, cld.code).i32(16, r.pid).u32(20, r.uid).i32(24, cld.status);
    }
    copyToUser(t.mm!, infop as UserPtr, b.bytes.subarray(0, 28));
  }
  return 0;
}

/** implements exit(2): the calling thread ends; its process, when it was the last. */
export async function sys_exit(t: Task, code: number): Promise<number> {
  await doExit(t, exitStatus(code));
  return 0;
}

/** implements exit_group(2): every thread of the process ends. */
export async function sys_exit_group(t: Task, code: number): Promise<number> {
  await doGroupExit(t, exitStatus(code));
  return 0;
}

export function zombies(): Task[] {
  return [...allTasks()].filter((t) => t.exitState === "zombie");
}

export { findTask };
export const syscalls = { sys_wait4, sys_waitid, sys_exit, sys_exit_group };
