// "linux/sched" (and "linux/capability", "linux/cred"): the running task for drivers. `current`
// is the task the kernel runs for (pid, comm, cred.uid/euid ...), or null in interrupt context;
// it is a live binding, and get_current() reads it. schedule() gives up the CPU once.
import type { Task } from "../../kernel/task.js";
import * as sched from "../../kernel/sched.js";
import { capable as credCapable } from "../../kernel/cred.js";
import { mightSleep } from "./might_sleep.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export { current } from "../../kernel/sched.js";
export type task_struct = Task;
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

export const api = {
  get_current, task_pid_nr, task_tgid_nr, current_uid, current_euid, current_gid, signal_pending, fatal_signal_pending,
  get_task_comm, wake_up_process, schedule, cond_resched, TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE,
  TASK_COMM_LEN,
};
exportHeader("linux/sched", api);
exportHeader("linux/capability", { capable, CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_KILL, CAP_SETUID, CAP_NET_ADMIN,
  CAP_SYS_MODULE, CAP_SYS_RAWIO, CAP_SYS_ADMIN, CAP_SYS_BOOT, CAP_SYS_NICE, CAP_SYS_RESOURCE, CAP_SYS_TIME });
