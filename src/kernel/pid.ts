// Process IDs: allocation (ascending, wrapping at pid_max, skipping ones in use) and lookup.
import type { Task } from "./task.js";
import { Errno } from "./errors.js";
import { EAGAIN } from "../include/uapi/errno.js";

export const PID_MAX = 4194304;
const tasks = new Map<number, Task>();
let last = 0;

export function allocPid(): number {
  for (let i = 0; i < PID_MAX; i++) {
    last = last >= PID_MAX - 1 ? 300 : last + 1;
    if (!tasks.has(last) && !isPgidOrSidInUse(last)) return last;
  }
  throw new Errno(EAGAIN);
}

function isPgidOrSidInUse(id: number): boolean {
  for (const t of tasks.values()) if (t.pgid === id || t.sid === id) return true;
  return false;
}

export function registerTask(t: Task): void { tasks.set(t.pid, t); }
export function unregisterTask(t: Task): void { tasks.delete(t.pid); }
export function findTask(pid: number): Task | undefined { return tasks.get(pid); }
export function allTasks(): IterableIterator<Task> { return tasks.values(); }
/** The last pid handed out (/proc/loadavg, /proc/sys/kernel/ns_last_pid). */
export function lastPid(): number { return last; }
