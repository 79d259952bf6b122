// "linux/wait": wait queues for drivers, on kernel/wait.ts. Blocking calls are async: a module
// writes `if (await wait_event_interruptible(wq, () => ready)) return -ERESTARTSYS;` — the
// condition is a function, evaluated afresh after every wake-up. The interruptible forms end
// with -ERESTARTSYS on a signal; the timeout forms take and return jiffies.
import { WaitQueue } from "../../kernel/wait.js";
import { isErrno } from "../../kernel/errors.js";
import { ERESTARTSYS } from "../uapi/errno.js";
import { mightSleep } from "./might_sleep.js";
import { HZ, get_jiffies_64 } from "./jiffies.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export type wait_queue_head_t = WaitQueue;
export { WaitQueue as wait_queue_head };

/** init_waitqueue_head / DECLARE_WAIT_QUEUE_HEAD: a new, empty wait queue head. */
export const init_waitqueue_head = (): WaitQueue => new WaitQueue();
export const DECLARE_WAIT_QUEUE_HEAD = init_waitqueue_head;

/** wait_event: sleep (uninterruptibly) until cond() holds. */
export async function wait_event(wq: WaitQueue, cond: () => boolean): Promise<void> {
  if (cond()) return;
  await wq.waitEvent(mightSleep(), cond, false);
}

/** wait_event_interruptible: 0 once cond() holds, -ERESTARTSYS on a signal. */
export async function wait_event_interruptible(wq: WaitQueue, cond: () => boolean): Promise<number> {
  if (cond()) return 0;
  try { await wq.waitEvent(mightSleep(), cond, true); return 0; } catch (e) {
    if (isErrno(e) && e.errno === ERESTARTSYS) return -ERESTARTSYS;
    throw e;
  }
}
export const wait_event_killable = wait_event_interruptible;

async function timed(wq: WaitQueue, cond: () => boolean, timeout: number, interruptible: boolean): Promise<number> {
  if (cond()) return Math.max(1, timeout);
  const end = get_jiffies_64() + timeout;
  try {
    const ok = await wq.waitEventTimeout(mightSleep(), cond, (timeout * 1000) / HZ, interruptible);
    if (!ok) return 0;
  } catch (e) {
    if (isErrno(e) && e.errno === ERESTARTSYS) return -ERESTARTSYS;
    throw e;
  }
  return Math.max(1, end - get_jiffies_64());
}
/** wait_event_timeout: the jiffies left (at least 1) once cond() holds, 0 if the time ran out. */
export const wait_event_timeout = (wq: WaitQueue, cond: () => boolean, timeout: number) => timed(wq, cond, timeout, false);
/** wait_event_interruptible_timeout: as above, or -ERESTARTSYS on a signal. */
export const wait_event_interruptible_timeout = (wq: WaitQueue, cond: () => boolean, timeout: number) => timed(wq, cond, timeout, true);

export const wake_up = (wq: WaitQueue) => wq.wakeUp();
export const wake_up_interruptible = wake_up, wake_up_all = wake_up, wake_up_interruptible_all = wake_up;
export const waitqueue_active = (wq: WaitQueue) => wq.active;

export const api = {
  init_waitqueue_head, DECLARE_WAIT_QUEUE_HEAD, wait_event, wait_event_interruptible, wait_event_killable,
  wait_event_timeout, wait_event_interruptible_timeout, wake_up, wake_up_interruptible, wake_up_all,
  wake_up_interruptible_all, waitqueue_active, __wake_up: wake_up,
};
exportHeader("linux/wait", api);
