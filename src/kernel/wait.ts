// Wait queues: a task that must wait parks itself here and gives up the CPU; wakeUp() makes
// the sleepers runnable again. Sleeping always goes through the scheduler (sched.ts), so only
// one task runs kernel or user code at a time and `current` is always right.
import type { Task } from "./task.js";
import { sleepOn, wakeUpProcess, TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE } from "./sched.js";
import { Errno } from "./errors.js";
import { afterMs } from "./timekeeping.js";
import { ERESTARTSYS } from "../include/uapi/errno.js";

export class WaitQueue {
  private sleepers = new Set<Task>();
  private listeners = new Set<() => void>();

  get active(): boolean {
    return this.sleepers.size > 0 || this.listeners.size > 0;
  }

  /** Wake every sleeper (wake_up / wake_up_interruptible / wake_up_all). */
  wakeUp(): void {
    for (const t of this.sleepers) wakeUpProcess(t);
    for (const fn of this.listeners) fn();
  }

  /** Call fn on every wake-up of this queue (how poll listens to many queues). */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Sleep until cond() is true (wait_event_interruptible). A pending signal ends the wait with
   * ERESTARTSYS, which the syscall exit turns into EINTR or a restart.
   */
  async waitEvent(task: Task, cond: () => boolean, interruptible = true): Promise<void> {
    while (!cond()) {
      if (interruptible && task.signalPending()) throw new Errno(ERESTARTSYS);
      this.sleepers.add(task);
      try {
        await sleepOn(task, interruptible ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE);
      } finally {
        this.sleepers.delete(task);
      }
    }
  }

  /** Like waitEvent, but gives up after ms milliseconds; returns whether cond() became true. */
  async waitEventTimeout(task: Task, cond: () => boolean, ms: number, interruptible = true): Promise<boolean> {
    let expired = false;
    const cancel = afterMs(ms, () => { expired = true; wakeUpProcess(task); });
    try {
      await this.waitEvent(task, () => cond() || expired, interruptible);
    } finally {
      cancel();
    }
    return cond();
  }
}

/** Wait on several queues at once (poll). */
export async function waitOnAny(task: Task, queues: WaitQueue[], cond: () => boolean, timeoutMs: number | null): Promise<boolean> {
  if (cond()) return true;
  if (timeoutMs === 0) return false;
  const q = new WaitQueue();
  const wake = () => q.wakeUp();
  const subs = queues.map((wq) => wq.subscribe(wake));
  try {
    if (timeoutMs === null) { await q.waitEvent(task, cond); return true; }
    return await q.waitEventTimeout(task, cond, timeoutMs);
  } finally {
    subs.forEach((unsub) => unsub());
  }
}

