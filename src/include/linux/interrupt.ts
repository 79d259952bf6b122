// "linux/interrupt": tasklets, the deferred work of interrupt handlers. A tasklet runs its
// function once per scheduling, in softirq context (no task: sleeping in it is a bug), soon
// after tasklet_schedule returns, on the kernel's one CPU, never twice at once; scheduling a
// tasklet already pending does nothing. A disabled tasklet stays pending until enabled.
// tasklet_kill waits until a scheduled tasklet has run and keeps it from being scheduled again.
import { WaitQueue } from "../../kernel/wait.js";
import { mightSleep } from "./might_sleep.js";
import { runInInterrupt } from "./timer.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export const TASKLET_STATE_SCHED = 0, TASKLET_STATE_RUN = 1;

export class tasklet_struct {
  /** TASKLET_STATE_SCHED and TASKLET_STATE_RUN as bits. */
  state = 0;
  /** Disabled while above 0. */
  count = 0;
  use_callback = false;
  func: ((data: number) => void | Promise<void>) | null = null;
  callback: ((t: tasklet_struct) => void | Promise<void>) | null = null;
  data = 0;
  /** tasklet_kill's wait for the run to end. */
  readonly done = new WaitQueue();
}

const SCHED = 1 << TASKLET_STATE_SCHED, RUN = 1 << TASKLET_STATE_RUN;

export function tasklet_init(t: tasklet_struct, func: (data: number) => void | Promise<void>, data: number): void {
  t.state = 0;
  t.count = 0;
  t.use_callback = false;
  t.func = func;
  t.callback = null;
  t.data = data;
}
export function tasklet_setup(t: tasklet_struct, callback: (t: tasklet_struct) => void | Promise<void>): void {
  tasklet_init(t, () => {}, 0);
  t.use_callback = true;
  t.callback = callback;
  t.func = null;
}
export const DECLARE_TASKLET = (callback: (t: tasklet_struct) => void | Promise<void>) => { const t = new tasklet_struct(); tasklet_setup(t, callback); return t; };
export const DECLARE_TASKLET_OLD = (func: (data: number) => void | Promise<void>) => { const t = new tasklet_struct(); tasklet_init(t, func, 0); return t; };
export const DECLARE_TASKLET_DISABLED = (callback: (t: tasklet_struct) => void | Promise<void>) => { const t = DECLARE_TASKLET(callback); t.count = 1; return t; };

/** The softirq run: the tasklet's function, unless it was disabled meanwhile (it stays pending). */
function run(t: tasklet_struct): void {
  if (t.count > 0 || t.state & RUN) return;
  t.state = (t.state & ~SCHED) | RUN;
  const finish = () => { t.state &= ~RUN; t.done.wakeUp(); };
  runInInterrupt("tasklet_action_common+0x9a/0x110", () => {
    const r = t.use_callback ? t.callback?.(t) : t.func?.(t.data);
    if (r instanceof Promise) return r.finally(finish);
    finish();
  });
}

/** tasklet_schedule (and tasklet_hi_schedule): run t soon, once, if not already pending. */
export function tasklet_schedule(t: tasklet_struct): void {
  if (t.state & SCHED) return;
  t.state |= SCHED;
  setTimeout(() => run(t), 0);
}
export const tasklet_hi_schedule = tasklet_schedule;

export function tasklet_disable_nosync(t: tasklet_struct): void { t.count++; }
export const tasklet_disable = tasklet_disable_nosync;
export function tasklet_enable(t: tasklet_struct): void {
  if (t.count > 0 && --t.count === 0 && t.state & SCHED) setTimeout(() => run(t), 0);
}

/** tasklet_kill: wait for a scheduled or running t to finish; it is not pending afterwards. */
export async function tasklet_kill(t: tasklet_struct): Promise<void> {
  const idle = () => (t.state & (SCHED | RUN)) === 0 || (t.count > 0 && !(t.state & RUN));
  if (!idle()) await t.done.waitEvent(mightSleep(), idle, false);
  t.state = 0;
}

export const api = {
  tasklet_init, tasklet_setup, DECLARE_TASKLET, DECLARE_TASKLET_OLD, DECLARE_TASKLET_DISABLED, tasklet_schedule,
  tasklet_hi_schedule, tasklet_disable, tasklet_disable_nosync, tasklet_enable, tasklet_kill,
  TASKLET_STATE_SCHED, TASKLET_STATE_RUN,
};
exportHeader("linux/interrupt", api);
