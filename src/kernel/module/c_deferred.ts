// Kernel threads, workqueues and tasklets as C kernel code calls them (linux/kthread.h,
// workqueue.h, interrupt.h in the build directory), on the kernel's own (include/linux/
// kthread.ts, workqueue.ts, interrupt.ts). A thread's function, a work item's and a tasklet's
// are C function pointers, called through the table when they run; the C struct work_struct,
// delayed_work and tasklet_struct are found by address (c_objects.ts) and cancelled when their
// memory is freed. A kthread is a struct task_struct * (its C view); a workqueue is an opaque
// pointer to a word of kernel memory that stands for it.
import type { KernelMemory } from "../../mm/kernel_memory.js";
import type { Task } from "../task.js";
import { callC } from "./c_sleep.js";
import { cVsprintf } from "./c_format.js";
import type { CObjects, TaskViews } from "./c_objects.js";
import * as kthreads from "../../include/linux/kthread.js";
import * as works from "../../include/linux/workqueue.js";
import * as tasklets from "../../include/linux/interrupt.js";
import { completion } from "../../include/linux/completion.js";
import { EINTR } from "../../include/uapi/errno.js";

type CFunction = (...args: number[]) => number | Promise<number>;
type Fn = (...a: unknown[]) => unknown;

/** struct work_struct: data, entry (a list_head), func. */
const WORK_FUNC = 12;
/** struct tasklet_struct: next, state, count, use_callback, then func or callback, data. */
const TASKLET = { state: 4, count: 8, useCallback: 12, func: 16, data: 20 };

/** A kernel result as C's int (true is 1), or a Promise of it. */
const asInt = (v: unknown): number => (typeof v === "number" ? v : v === true ? 1 : 0);
const numberOf = (r: unknown): number | Promise<number> => (r instanceof Promise ? r.then(asInt) : asInt(r));
const zeroOf = (r: unknown): number | Promise<number> => (r instanceof Promise ? r.then(() => 0) : 0);
/** A callback's end, for the kernel's workers: nothing, or a Promise of nothing. */
const settle = (r: unknown): void | Promise<void> => (r instanceof Promise ? r.then(() => undefined) : undefined);

export function cDeferredApi(km: KernelMemory, views: TaskViews, objs: CObjects): Record<string, CFunction> {
  const fnAt = (idx: number): Fn | null => (idx ? (km.table.get(idx) as Fn | null) : null);
  const task = (p: number): Task | undefined => views.taskAt(p);

  // linux/kthread.h
  const create = (fn: number, data: number, fmt: number, ap: number) => {
    const f = fnAt(fn);
    if (!f) return -EINTR;
    const t = kthreads.kthread_create(() => numberOf(callC(km, f, [data])), null, "%s", cVsprintf(km, fmt, ap));
    return views.viewOf(t);
  };

  // linux/workqueue.h: the kernel's work item calls the function the C struct holds now.
  const work = (p: number, delayed = false) => objs.get(p, () => {
    const w = delayed ? new works.delayed_work() : new works.work_struct();
    works.INIT_WORK(w, () => {
      const f = fnAt(km.view.getUint32(p + WORK_FUNC, true));
      return f ? settle(callC(km, f, [p])) : undefined;
    });
    return w;
  }, (w) => { works.cancel_work(w); });
  const dwork = (p: number) => work(p, true) as works.delayed_work;
  const queues = new Map<number, works.workqueue_struct>();
  const queue = (h: number) => (h ? queues.get(h) : works.system_wq()) ?? works.system_wq();
  const newQueue = (wq: works.workqueue_struct) => {
    const h = km.alloc(4);
    if (!h) return 0;
    queues.set(h, wq);
    return h;
  };

  const syncState = (p: number, t: tasklets.tasklet_struct) => {
    km.view.setUint32(p + TASKLET.state, t.state, true);
    km.view.setInt32(p + TASKLET.count, t.count, true);
  };

  /** tasklet_init and tasklet_setup: the function (or callback) and data, not pending, enabled. */
  const initTasklet = (p: number, fn: number, callback: boolean, data: number) => {
    km.view.setUint32(p + TASKLET.func, fn >>> 0, true);
    km.view.setUint32(p + TASKLET.data, data >>> 0, true);
    km.view.setUint8(p + TASKLET.useCallback, callback ? 1 : 0);
    const t = tasklet(p);
    t.state = 0;
    t.count = 0;
    syncState(p, t);
    return 0;
  };
  // linux/interrupt.h: a C tasklet's fields are read when it runs (DECLARE_TASKLET fills them).
  const tasklet = (p: number) => objs.get(p, () => {
    const t = new tasklets.tasklet_struct();
    const dv = km.view;
    t.count = dv.getInt32(p + TASKLET.count, true);
    tasklets.tasklet_init(t, () => {
      const f = fnAt(dv.getUint32(p + TASKLET.func, true));
      if (!f) return;
      syncState(p, t);
      const cb = dv.getUint8(p + TASKLET.useCallback) !== 0;
      return settle(callC(km, f, [cb ? p : dv.getUint32(p + TASKLET.data, true)]));
    }, 0);
    return t;
  }, (t) => { t.state = 0; t.count = 1; });
  return {
    kthread_create_on_node: (fn, data, _node, fmt, ap) => create(fn, data, fmt, ap),
    wake_up_process: (p) => { const t = task(p); return t ? (kthreads.kthreadWake(t) ? 1 : 0) : 0; },
    kthread_stop: (p) => { const t = task(p); return t ? kthreads.kthread_stop(t) : -EINTR; },
    kthread_should_stop: () => (kthreads.kthread_should_stop() ? 1 : 0),
    kthread_exit: (code) => kthreads.kthread_exit(code),
    kthread_complete_and_exit: (c, code) => kthreads.kthread_complete_and_exit(c ? objs.get(c, () => new completion()) : null, code),

    __typix_init_work: (p, fn) => { km.view.setUint32(p + WORK_FUNC, fn >>> 0, true); works.cancel_work(work(p)); return 0; },
    __typix_init_delayed_work: (p, fn) => { km.view.setUint32(p + WORK_FUNC, fn >>> 0, true); works.cancel_work(dwork(p)); return 0; },
    alloc_workqueue: (fmt, flags, max, ap) => newQueue(works.alloc_workqueue("%s", flags, max, cVsprintf(km, fmt, ap))),
    __typix_create_workqueue: (name, flags) => newQueue(works.alloc_workqueue("%s", flags, 1, km.cString(name))),
    destroy_workqueue: (h) => {
      const wq = queues.get(h);
      if (!wq) return 0;
      queues.delete(h);
      km.release(h);
      return zeroOf(works.destroy_workqueue(wq));
    },
    queue_work_on: (_cpu, h, p) => (works.queue_work(queue(h), work(p)) ? 1 : 0),
    queue_delayed_work_on: (_cpu, h, p, delay) => (works.queue_delayed_work(queue(h), dwork(p), delay >>> 0) ? 1 : 0),
    mod_delayed_work_on: (_cpu, h, p, delay) => {
      const was = works.cancel_delayed_work(dwork(p));
      works.queue_delayed_work(queue(h), dwork(p), delay >>> 0);
      return was ? 1 : 0;
    },
    flush_work: (p) => numberOf(works.flush_work(work(p))),
    flush_delayed_work: (p) => numberOf(works.flush_delayed_work(dwork(p))),
    cancel_work: (p) => (works.cancel_work(work(p)) ? 1 : 0),
    cancel_work_sync: (p) => numberOf(works.cancel_work_sync(work(p))),
    cancel_delayed_work: (p) => (works.cancel_delayed_work(dwork(p)) ? 1 : 0),
    cancel_delayed_work_sync: (p) => numberOf(works.cancel_delayed_work_sync(dwork(p))),
    __typix_flush_workqueue: (h) => zeroOf(works.flush_workqueue(queue(h))),
    work_pending: (p) => (objs.peek(p) ? (works.work_pending(work(p)) ? 1 : 0) : 0),

    tasklet_init: (p, fn, data) => initTasklet(p, fn, false, data),
    tasklet_setup: (p, cb) => initTasklet(p, cb, true, 0),
    __tasklet_schedule: (p) => { const t = tasklet(p); tasklets.tasklet_schedule(t); syncState(p, t); return 0; },
    __tasklet_hi_schedule: (p) => { const t = tasklet(p); tasklets.tasklet_hi_schedule(t); syncState(p, t); return 0; },
    tasklet_disable_nosync: (p) => { const t = tasklet(p); tasklets.tasklet_disable_nosync(t); syncState(p, t); return 0; },
    tasklet_disable: (p) => { const t = tasklet(p); tasklets.tasklet_disable(t); syncState(p, t); return 0; },
    tasklet_enable: (p) => { const t = tasklet(p); tasklets.tasklet_enable(t); syncState(p, t); return 0; },
    tasklet_kill: (p) => { const t = tasklet(p); return zeroOf(tasklets.tasklet_kill(t).then(() => syncState(p, t))); },
  };
}
