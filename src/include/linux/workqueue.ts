// "linux/workqueue": deferred work run by a kernel thread (kworker), so work functions may
// sleep. Each workqueue has its own worker thread; schedule_work uses the system one. A work
// item queued while pending is not queued twice (queue_work returns false). An exception in a
// work function is an oops; the worker goes on with the next item. flush_work and
// flush_workqueue wait (async) until the work has run.
import type { Task } from "../../kernel/task.js";
import { WaitQueue } from "../../kernel/wait.js";
import { oops } from "../../kernel/panic.js";
import { kthread_run, kthread_stop, kthread_should_stop } from "./kthread.js";
import { mightSleep } from "./might_sleep.js";
import { timer_list, timer_setup, mod_timer, del_timer } from "./timer.js";
import { get_jiffies_64 } from "./jiffies.js";
import { vsprintf } from "./vsprintf.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export class work_struct {
  pending = false;
  running = false;
  wq: workqueue_struct | null = null;
  constructor(public func: ((w: work_struct) => void | Promise<void>) | null = null) {}
}
export class delayed_work extends work_struct {
  readonly timer = new timer_list();
}

export class workqueue_struct {
  readonly items: work_struct[] = [];
  readonly more = new WaitQueue();
  readonly idle = new WaitQueue();
  worker: Task | null = null;
  constructor(readonly name: string, readonly flags: number) {}
  get busy(): boolean { return this.items.length > 0 || this.items.some((w) => w.running) || running.has(this); }
}
const running = new Set<workqueue_struct>();

async function workerFn(wq: workqueue_struct): Promise<number> {
  for (;;) {
    await wq.more.waitEvent(mightSleep(), () => wq.items.length > 0 || kthread_should_stop(), false);
    if (wq.items.length === 0 && kthread_should_stop()) return 0;
    const w = wq.items.shift()!;
    w.pending = false;
    w.running = true;
    running.add(wq);
    try { await w.func?.(w); } catch (e) { oops(null, e, "process_one_work+0x1e5/0x3c0"); }
    w.running = false;
    running.delete(wq);
    wq.idle.wakeUp();
  }
}

export const WQ_UNBOUND = 0x2, WQ_FREEZABLE = 0x4, WQ_MEM_RECLAIM = 0x8, WQ_HIGHPRI = 0x10, WQ_CPU_INTENSIVE = 0x20;

/** alloc_workqueue(fmt, flags, max_active, ...): a workqueue and its worker thread. */
export function alloc_workqueue(fmt: string, flags: number, _maxActive: number, ...args: unknown[]): workqueue_struct {
  const wq = new workqueue_struct(vsprintf(fmt, args), flags);
  wq.worker = kthread_run(workerFn, wq, "kworker/u2:%s", wq.name.slice(0, 4));
  return wq;
}
export const create_workqueue = (name: string) => alloc_workqueue("%s", WQ_MEM_RECLAIM, 1, name);
export const create_singlethread_workqueue = create_workqueue;

let systemWq: workqueue_struct | null = null;
/** system_wq, made on first use. */
export function system_wq(): workqueue_struct {
  return (systemWq ??= alloc_workqueue("events", 0, 0));
}

export function INIT_WORK(w: work_struct, fn: (w: work_struct) => void | Promise<void>): work_struct {
  w.func = fn;
  w.pending = false;
  return w;
}
export const DECLARE_WORK = (fn: (w: work_struct) => void | Promise<void>) => new work_struct(fn);
export function INIT_DELAYED_WORK(w: delayed_work, fn: (w: work_struct) => void | Promise<void>): delayed_work {
  INIT_WORK(w, fn);
  return w;
}

/** queue_work: true if queued, false if it was already pending. */
export function queue_work(wq: workqueue_struct, w: work_struct): boolean {
  if (w.pending) return false;
  w.pending = true;
  w.wq = wq;
  wq.items.push(w);
  wq.more.wakeUp();
  return true;
}
export const schedule_work = (w: work_struct) => queue_work(system_wq(), w);

export function queue_delayed_work(wq: workqueue_struct, w: delayed_work, delay: number): boolean {
  if (w.pending || w.timer.handle !== null) return false;
  if (delay <= 0) return queue_work(wq, w);
  timer_setup(w.timer, () => { queue_work(wq, w); }, 0);
  mod_timer(w.timer, get_jiffies_64() + delay);
  return true;
}
export const schedule_delayed_work = (w: delayed_work, delay: number) => queue_delayed_work(system_wq(), w, delay);

/** cancel_work: take a pending item off its queue; true if it was pending. */
export function cancel_work(w: work_struct): boolean {
  if (w instanceof delayed_work && del_timer(w.timer)) return true;
  if (!w.pending || !w.wq) return false;
  const i = w.wq.items.indexOf(w);
  if (i >= 0) w.wq.items.splice(i, 1);
  w.pending = false;
  return true;
}
/** flush_work: wait until w has run; true if it had to wait. */
export async function flush_work(w: work_struct): Promise<boolean> {
  if (!w.pending && !w.running) return false;
  const wq = w.wq!;
  await wq.idle.waitEvent(mightSleep(), () => !w.pending && !w.running, false);
  return true;
}
export async function cancel_work_sync(w: work_struct): Promise<boolean> {
  const was = cancel_work(w);
  if (w.running) await flush_work(w);
  return was;
}
export const cancel_delayed_work = (w: delayed_work) => cancel_work(w);
export const cancel_delayed_work_sync = (w: delayed_work) => cancel_work_sync(w);
export async function flush_delayed_work(w: delayed_work): Promise<boolean> {
  if (del_timer(w.timer) && w.wq) queue_work(w.wq, w);
  return flush_work(w);
}
/** flush_workqueue: wait until everything queued so far has run. */
export async function flush_workqueue(wq: workqueue_struct): Promise<void> {
  if (wq.items.length === 0 && !running.has(wq)) return;
  await wq.idle.waitEvent(mightSleep(), () => wq.items.length === 0 && !running.has(wq), false);
}
export const flush_scheduled_work = () => flush_workqueue(system_wq());
/** destroy_workqueue: run what is queued, then end the worker thread. */
export async function destroy_workqueue(wq: workqueue_struct): Promise<void> {
  await flush_workqueue(wq);
  if (wq.worker) await kthread_stop(wq.worker);
  wq.worker = null;
}
export const work_pending = (w: work_struct) => w.pending;

export const api = {
  alloc_workqueue, create_workqueue, create_singlethread_workqueue, INIT_WORK, DECLARE_WORK, INIT_DELAYED_WORK,
  queue_work, schedule_work, queue_delayed_work, schedule_delayed_work, cancel_work, cancel_work_sync,
  cancel_delayed_work, cancel_delayed_work_sync, flush_work, flush_delayed_work, flush_workqueue, flush_scheduled_work,
  destroy_workqueue, work_pending, system_wq, WQ_UNBOUND, WQ_FREEZABLE, WQ_MEM_RECLAIM, WQ_HIGHPRI, WQ_CPU_INTENSIVE,
};
exportHeader("linux/workqueue", api, ["alloc_workqueue", "create_workqueue", "create_singlethread_workqueue",
  "destroy_workqueue", "flush_work", "cancel_work_sync", "cancel_work", "cancel_delayed_work_sync", "flush_delayed_work"]);
