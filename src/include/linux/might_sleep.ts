// The check every sleeping call of the driver API makes first (might_sleep): sleeping with a
// spinlock held, or with no task to put to sleep (a timer, a work item run in interrupt
// context), is a bug Linux reports; the second cannot sleep at all here, so it throws (an oops).
import type { Task } from "../../kernel/task.js";
import { current } from "../../kernel/sched.js";
import { printk, KERN } from "../../kernel/printk.js";
import { holdsSpinlock } from "./spinlock.js";
import { reportSleepInAtomic } from "../../kernel/lockdep.js";

/**
 * The task about to sleep. Holding a spinlock then is reported: by a call that checks with
 * might_sleep() at `at` (Linux's FILE:LINE, e.g. mutex_lock's) as "BUG: sleeping function called
 * from invalid context", otherwise as the scheduler's "scheduling while atomic".
 */
export function mightSleep(at?: string): Task {
  const t = current;
  if (!t) throw new Error("BUG: scheduling while atomic: swapper/0/0/0x00000100");
  if (holdsSpinlock(t)) {
    if (at) reportSleepInAtomic(t, at);
    else printk(KERN(3) + `BUG: scheduling while atomic: ${t.comm}/${t.pid}/0x00000002\n`);
  }
  return t;
}
