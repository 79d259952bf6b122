// "linux/completion": a one-shot (or counted) event: complete() lets one waiter through,
// complete_all() lets every present and future waiter through. Waiting is async.
import { WaitQueue } from "../../kernel/wait.js";
import { isErrno } from "../../kernel/errors.js";
import { ERESTARTSYS } from "../uapi/errno.js";
import { mightSleep } from "./might_sleep.js";
import { HZ, get_jiffies_64 } from "./jiffies.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

const ALL = Number.MAX_SAFE_INTEGER;

export class completion {
  done = 0;
  readonly wait = new WaitQueue();
}
export const init_completion = (c?: completion): completion => { if (c) { c.done = 0; return c; } return new completion(); };
export const DECLARE_COMPLETION = () => new completion();
export const reinit_completion = (c: completion) => { c.done = 0; };
export function complete(c: completion): void { if (c.done !== ALL) c.done++; c.wait.wakeUp(); }
export function complete_all(c: completion): void { c.done = ALL; c.wait.wakeUp(); }
const take = (c: completion) => { if (c.done !== ALL) c.done--; };

export async function wait_for_completion(c: completion): Promise<void> {
  if (c.done === 0) await c.wait.waitEvent(mightSleep(), () => c.done > 0, false);
  take(c);
}
/** 0, or -ERESTARTSYS on a signal. */
export async function wait_for_completion_interruptible(c: completion): Promise<number> {
  try { if (c.done === 0) await c.wait.waitEvent(mightSleep(), () => c.done > 0, true); } catch (e) {
    if (isErrno(e) && e.errno === ERESTARTSYS) return -ERESTARTSYS;
    throw e;
  }
  take(c);
  return 0;
}
export const wait_for_completion_killable = wait_for_completion_interruptible;
/** The jiffies left (at least 1), or 0 on timeout. */
export async function wait_for_completion_timeout(c: completion, timeout: number): Promise<number> {
  const end = get_jiffies_64() + timeout;
  if (c.done === 0 && !(await c.wait.waitEventTimeout(mightSleep(), () => c.done > 0, (timeout * 1000) / HZ, false))) return 0;
  take(c);
  return Math.max(1, end - get_jiffies_64());
}
export const try_wait_for_completion = (c: completion): boolean => (c.done > 0 ? (take(c), true) : false);
export const completion_done = (c: completion): boolean => c.done > 0;

export const api = {
  init_completion, DECLARE_COMPLETION, reinit_completion, complete, complete_all, wait_for_completion,
  wait_for_completion_interruptible, wait_for_completion_killable, wait_for_completion_timeout, try_wait_for_completion,
  completion_done,
};
exportHeader("linux/completion", api);
