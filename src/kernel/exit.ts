// Process exit and reaping: do_exit (close everything, become a zombie, tell the parent,
// hand orphans to init) and wait4(2)/waitid(2).
import type { Task } from "./task.js";
import { findTask, unregisterTask, allTasks } from "./pid.js";
import { current, leaveCpu, TASK_DEAD } from "./sched.js";
import { sendSignal } from "./signal.js";
import { SIGCHLD, SA_NOCLDWAIT, SIG_IGN } from "../include/uapi/signal.js";
import { Errno } from "./errors.js";
import { ECHILD, EINVAL } from "../include/uapi/errno.js";
import { WNOHANG, WUNTRACED, WCONTINUED, WNOWAIT, __WALL, exitStatus } from "../include/uapi/wait.js";
import { putUser32, StructBuf, copyToUser } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

/** Hooks other subsystems add to exit (tty session teardown, ptrace detach, ...). */
export const exitHooks: ((t: Task) => void)[] = [];

/** The init task, which adopts orphans. */
let initTask: Task | null = null;
export function setInitTask(t: Task): void { initTask = t; }
export function getInitTask(): Task | null { return initTask; }

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
  for (const hook of exitHooks) hook(t);
  try {
    await t.files.closeAll();
  } catch {
    // A release() that fails cannot stop an exit.
  }
  t.mm = null;
  t.exitState = "zombie";
  t.state = TASK_DEAD;
  t.vforkDone?.();
  t.vforkDone = null;
  t.exitNotify?.(status);
  // Orphans go to init; zombies among them are reaped by init's wait loop.
  for (const c of t.children) {
    c.parent = initTask;
    initTask?.children.add(c);
    if (c.exitState === "zombie") initTask?.childWait.wakeUp();
  }
  t.children.clear();
  const p = t.parent;
  if (p && (p.sighand[SIGCHLD].handler === SIG_IGN || (p.sighand[SIGCHLD].flags & SA_NOCLDWAIT))) {
    release(t);
  } else if (p) {
    if (t.exitSignal) sendSignal(p, t.exitSignal, { pid: t.pid, uid: t.cred.uid, code: 1 });
    p.childWait.wakeUp();
  } else {
    release(t);
  }
  if (current === t) leaveCpu();
}

/** Reap a zombie: it disappears from the process table. */
function release(t: Task): void {
  t.exitState = "dead";
  t.parent?.children.delete(t);
  unregisterTask(t);
}

export interface WaitResult { pid: number; status: number; task: Task }

/** Which children a wait4 pid argument selects. */
function selects(parent: Task, c: Task, pid: number): boolean {
  if (pid > 0) return c.pid === pid;
  if (pid === -1) return true;
  if (pid === 0) return c.pgid === parent.pgid;
  return c.pgid === -pid;
}

/** One pass over the children: a reportable child, or null; ECHILD when none match. */
function findReportable(parent: Task, pid: number, options: number): WaitResult | null {
  let any = false;
  for (const c of parent.children) {
    if (!selects(parent, c, pid)) continue;
    any = true;
    if (c.exitState === "zombie") {
      if (!(options & WNOWAIT)) release(c);
      return { pid: c.pid, status: c.exitCode, task: c };
    }
    if (c.pendingReport !== null) {
      const r = c.pendingReport;
      const stopped = (r & 0xff) === 0x7f;
      if ((stopped && options & WUNTRACED) || (!stopped && options & WCONTINUED)) {
        if (!(options & WNOWAIT)) c.pendingReport = null;
        return { pid: c.pid, status: r, task: c };
      }
    }
  }
  if (!any) throw new Errno(ECHILD);
  return null;
}

/** Wait for a child to change state (the heart of wait4 and waitid). Returns null for WNOHANG with nothing to report. */
export async function waitChild(t: Task, pid: number, options: number): Promise<WaitResult | null> {
  if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOWAIT | __WALL | 0x20000000 | 0x80000000)) throw new Errno(EINVAL);
  let result: WaitResult | null = null;
  await t.childWait.waitEvent(t, () => {
    result = findReportable(t, pid, options);
    return result !== null || (options & WNOHANG) !== 0;
  });
  return result;
}

/** implements wait4(2) */
export async function sys_wait4(t: Task, pid: number, wstatus: number, options: number, rusage: number): Promise<number> {
  const r = await waitChild(t, pid | 0, options);
  if (!r) return 0;
  if (wstatus) putUser32(t.mm!, wstatus as UserPtr, r.status);
  if (rusage) copyToUser(t.mm!, rusage as UserPtr, new StructBuf(144).bytes);
  return r.pid;
}

/** implements exit(2): for Typix's single-threaded processes, the same as exit_group. */
export async function sys_exit(t: Task, code: number): Promise<number> {
  await doExit(t, exitStatus(code));
  return 0;
}

/** implements exit_group(2) */
export async function sys_exit_group(t: Task, code: number): Promise<number> {
  await doExit(t, exitStatus(code));
  return 0;
}

export function zombies(): Task[] {
  return [...allTasks()].filter((t) => t.exitState === "zombie");
}

export { findTask };
export const syscalls = { sys_wait4, sys_exit, sys_exit_group };
