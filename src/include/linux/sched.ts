// "linux/sched" (and "linux/capability", "linux/cred"): the running task for drivers. `current`
// is Linux's macro: an object whose every read goes to the task on the CPU now (current.pid,
// current.comm, current.cred.uid ...), since a module binds its imports once at load. With no
// task on the CPU (a timer's callback) it reads as the idle task: pid 0, "swapper/0", root.
// get_current() gives the task itself, or null then. schedule() gives up the CPU once.
import type { Task } from "../../kernel/task.js";
import * as sched from "../../kernel/sched.js";
import { capable as credCapable, Cred } from "../../kernel/cred.js";
import { mightSleep } from "./might_sleep.js";
import { afterMs } from "../../kernel/timekeeping.js";
import { get_jiffies_64, jiffies_to_msecs } from "./jiffies.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export type task_struct = Task;

/** What `current` reads as with no task on the CPU. */
const idle = { pid: 0, tgid: 0, comm: "swapper/0", cred: new Cred(), parent: null };
/** current: the running task, read afresh on every property access. */
export const current: task_struct = new Proxy({} as Task, {
  get(_t, prop) {
    const t = sched.current;
    if (!t) return (idle as Record<PropertyKey, unknown>)[prop];
    const v = Reflect.get(t, prop, t);
    return typeof v === "function" ? v.bind(t) : v;
  },
  set(_t, prop, value) {
    const t = sched.current;
    return t ? Reflect.set(t, prop, value, t) : false;
  },
  has: (_t, prop) => prop in (sched.current ?? idle),
});
export const TASK_RUNNING = sched.TASK_RUNNING, TASK_INTERRUPTIBLE = sched.TASK_INTERRUPTIBLE,
  TASK_UNINTERRUPTIBLE = sched.TASK_UNINTERRUPTIBLE;
export const TASK_COMM_LEN = 16;
export const CAP_CHOWN = 0, CAP_DAC_OVERRIDE = 1, CAP_KILL = 5, CAP_SETUID = 7, CAP_NET_ADMIN = 12, CAP_SYS_MODULE = 16,
  CAP_SYS_RAWIO = 17, CAP_SYS_ADMIN = 21, CAP_SYS_BOOT = 22, CAP_SYS_NICE = 23, CAP_SYS_RESOURCE = 24, CAP_SYS_TIME = 25;

export const get_current = (): Task | null => sched.current;
export const task_pid_nr = (t: Task) => t.pid;
export const task_tgid_nr = (t: Task) => t.tgid;
export const current_uid = () => sched.current?.cred.uid ?? 0;
export const current_euid = () => sched.current?.cred.euid ?? 0;
export const current_gid = () => sched.current?.cred.gid ?? 0;
/** capable(cap): the running task has the capability (root, in Typix). */
export const capable = (_cap: number) => { const t = sched.current; return t ? credCapable(t.cred) : true; };
export const signal_pending = (t: Task) => t.signalPending();
export const fatal_signal_pending = (t: Task) => t.fatalPending;
export const get_task_comm = (t: Task) => t.comm;
export const wake_up_process = (t: Task) => (sched.wakeUpProcess(t) ? 1 : 0);
/** schedule(): let other tasks run, then go on. */
export async function schedule(): Promise<void> { await sched.yieldCpu(mightSleep()); }
export const cond_resched = schedule;

/** The state set_current_state() gave the running task for its next schedule_timeout(). */
const nextState = new WeakMap<Task, number>();
export const MAX_SCHEDULE_TIMEOUT = Number.MAX_SAFE_INTEGER;
/** set_current_state(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE | TASK_RUNNING). */
export function set_current_state(state: number): void {
  const t = sched.current;
  if (t) nextState.set(t, state);
}
/**
 * schedule_timeout(timeout): sleep in the state set before, for at most timeout jiffies, until
 * wake_up_process() or (interruptible) a signal; the jiffies left (0 when it timed out). In
 * TASK_RUNNING it only yields the CPU, as Linux's does.
 */
export async function schedule_timeout(timeout: number): Promise<number> {
  const t = mightSleep();
  const state = nextState.get(t) ?? sched.TASK_RUNNING;
  nextState.delete(t);
  if (state === sched.TASK_RUNNING) { await sched.yieldCpu(t); return timeout; }
  if (state === sched.TASK_INTERRUPTIBLE && t.signalPending()) return timeout;
  const forever = timeout >= MAX_SCHEDULE_TIMEOUT, start = get_jiffies_64();
  const cancel = forever ? null : afterMs(jiffies_to_msecs(Math.max(0, timeout)), () => sched.wakeUpProcess(t));
  try {
    await sched.sleepOn(t, state);
  } finally {
    cancel?.();
  }
  return forever ? timeout : Math.max(0, timeout - (get_jiffies_64() - start));
}
export function schedule_timeout_interruptible(timeout: number): Promise<number> {
  set_current_state(sched.TASK_INTERRUPTIBLE);
  return schedule_timeout(timeout);
}
export function schedule_timeout_uninterruptible(timeout: number): Promise<number> {
  set_current_state(sched.TASK_UNINTERRUPTIBLE);
  return schedule_timeout(timeout);
}

export const api = {
  current, get_current, task_pid_nr, task_tgid_nr, current_uid, current_euid, current_gid, signal_pending, fatal_signal_pending,
  get_task_comm, wake_up_process, schedule, cond_resched, TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE,
  TASK_COMM_LEN, set_current_state, __set_current_state: set_current_state, schedule_timeout, schedule_timeout_interruptible,
  schedule_timeout_uninterruptible, MAX_SCHEDULE_TIMEOUT,
};
exportHeader("linux/sched", api);
exportHeader("linux/capability", { capable, CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_KILL, CAP_SETUID, CAP_NET_ADMIN,
  CAP_SYS_MODULE, CAP_SYS_RAWIO, CAP_SYS_ADMIN, CAP_SYS_BOOT, CAP_SYS_NICE, CAP_SYS_RESOURCE, CAP_SYS_TIME });
