// Sleeping, waiting and locking as C kernel code calls them (linux/wait.h, mutex.h, completion.h,
// spinlock.h, delay.h, sched.h, jiffies.h in the build directory), on the same kernel objects
// TypeScript modules use, so lockdep, might_sleep and the soft-lockup watchdog see C code too.
// A C wait_queue_head_t, struct mutex, struct completion or spinlock_t is a small struct in
// kernel memory; the kernel's object for it is found by its address and made on first use (a
// DEFINE_MUTEX is all zeros, as Linux's static initializers are), and forgotten when the memory
// holding it is freed (kfree, or the module's unload). Timers (linux/timer.h) too: the kernel's
// timer calls the function the C struct timer_list holds when it fires. `current` is a C view of the running
// task (c_objects.ts).
// The calls that wait return a Promise, which the module's import turns into a suspension of its
// C stack (c_sleep.ts); errors come back as Linux's negative numbers.
import type { KernelMemory } from "../../mm/kernel_memory.js";
import { current } from "../sched.js";
import { WaitQueue } from "../wait.js";
import { isErrno } from "../errors.js";
import { ERESTARTSYS } from "../../include/uapi/errno.js";
import { mightSleep } from "../../include/linux/might_sleep.js";
import { HZ, get_jiffies_64 } from "../../include/linux/jiffies.js";
import * as mutexes from "../../include/linux/mutex.js";
import * as completions from "../../include/linux/completion.js";
import * as spin from "../../include/linux/spinlock.js";
import * as delay from "../../include/linux/delay.js";
import * as sched from "../../include/linux/sched.js";
import * as timers from "../../include/linux/timer.js";
import { callC } from "./c_sleep.js";
import { CObjects, type TaskViews } from "./c_objects.js";

type CFunction = (...args: number[]) => number | Promise<number>;

/** struct timer_list (linux/timer.h): after its list node, expires, function and flags. */
const TIMER = { expires: 8, function: 12, flags: 16 };
const toNumber = (p: Promise<unknown>): Promise<number> => p.then((v) => (typeof v === "number" ? v : 0));
const restartsys = (e: unknown) => { if (isErrno(e) && e.errno === ERESTARTSYS) return -ERESTARTSYS; throw e; };

/** Sleep until the next wake-up of wq (or a signal, if interruptible: -ERESTARTSYS). */
async function sleepOnce(wq: WaitQueue, interruptible: boolean, ms: number | null): Promise<number> {
  const t = mightSleep();
  let first = true;
  const once = () => { if (first) { first = false; return false; } return true; };
  try {
    if (ms === null) { await wq.waitEvent(t, once, interruptible); return 0; }
    const start = performance.now();
    await wq.waitEventTimeout(t, once, ms, interruptible);
    const left = ms - (performance.now() - start);
    return left <= 0 ? 0 : Math.max(1, Math.ceil((left * HZ) / 1000));
  } catch (e) {
    return restartsys(e);
  }
}

export function cSyncApi(km: KernelMemory, taskViews: TaskViews, objs: CObjects): Record<string, CFunction> {
  const wq = (p: number) => objs.get(p, () => new WaitQueue());
  // A lock's lockdep name: the one its C struct holds (the header's initializers), or its address.
  const nameOf = (p: number, kind: string, at = km.view.getUint32(p + 4, true)) => (at ? km.cString(at, 128) : `${kind}@${p.toString(16)}`);
  const mutex = (p: number) => objs.get(p, () => new mutexes.mutex(nameOf(p, "mutex")));
  const completion = (p: number) => objs.get(p, () => new completions.completion());
  const lock = (p: number) => objs.get(p, () => new spin.spinlock_t(nameOf(p, "lock")));
  const taskAt = (p: number) => taskViews.taskAt(p) ?? current;
  const voidOf = (r: void | Promise<void>) => (r instanceof Promise ? r.then(() => 0) : 0);
  // A timer calls the function its C struct holds when it fires (DEFINE_TIMER fills it statically).
  // A timer whose memory is freed (kfree'd, or its module unloaded) can no longer fire.
  const timer = (p: number) => objs.get(p, () => {
    const t = new timers.timer_list();
    timers.timer_setup(t, () => {
      const f = km.table.get(km.view.getUint32(p + TIMER.function, true));
      if (f) callC(km, f as (...a: unknown[]) => unknown, [p]);
    }, 0);
    return t;
  }, timers.del_timer);
  // C's jiffies are the low 32 bits: an expiry is the 64-bit count nearest to it.
  const expiry = (j32: number) => { const now = get_jiffies_64(); return now + (((j32 >>> 0) - (now >>> 0)) | 0); };
  const arm = (p: number, j32: number) => { km.view.setUint32(p + TIMER.expires, j32 >>> 0, true); return timers.mod_timer(timer(p), expiry(j32)); };
  return {
    // linux/wait.h: the macros loop on their condition around these.
    __init_waitqueue_head: (p) => { objs.reset(p, new WaitQueue()); return 0; },
    __typix_wait_sleep: (p, interruptible) => sleepOnce(wq(p), interruptible !== 0, null),
    __typix_wait_sleep_timeout: (p, interruptible, jiffies) => sleepOnce(wq(p), interruptible !== 0, (jiffies * 1000) / HZ),
    __wake_up: (p) => { wq(p).wakeUp(); return 0; },
    waitqueue_active: (p) => (wq(p).active ? 1 : 0),
    // linux/mutex.h
    __mutex_init: (p, name) => { km.view.setUint32(p + 4, name, true); objs.reset(p, new mutexes.mutex(nameOf(p, "mutex"))); return 0; },
    mutex_lock: (p) => toNumber(mutexes.mutex_lock(mutex(p))),
    mutex_lock_interruptible: (p) => mutexes.mutex_lock_interruptible(mutex(p)),
    mutex_lock_killable: (p) => mutexes.mutex_lock_killable(mutex(p)),
    mutex_trylock: (p) => mutexes.mutex_trylock(mutex(p)),
    mutex_unlock: (p) => { mutexes.mutex_unlock(mutex(p)); return 0; },
    mutex_is_locked: (p) => (mutexes.mutex_is_locked(mutex(p)) ? 1 : 0),
    // linux/completion.h
    init_completion: (p) => { objs.reset(p, new completions.completion()); return 0; },
    reinit_completion: (p) => { completions.reinit_completion(completion(p)); return 0; },
    complete: (p) => { completions.complete(completion(p)); return 0; },
    complete_all: (p) => { completions.complete_all(completion(p)); return 0; },
    wait_for_completion: (p) => toNumber(completions.wait_for_completion(completion(p))),
    wait_for_completion_interruptible: (p) => completions.wait_for_completion_interruptible(completion(p)),
    wait_for_completion_killable: (p) => completions.wait_for_completion_killable(completion(p)),
    wait_for_completion_timeout: (p, j) => completions.wait_for_completion_timeout(completion(p), j),
    try_wait_for_completion: (p) => (completions.try_wait_for_completion(completion(p)) ? 1 : 0),
    completion_done: (p) => (completions.completion_done(completion(p)) ? 1 : 0),
    // linux/spinlock.h: a lock found held (its holder slept with it) makes the caller wait.
    __typix_spin_lock_init: (p, name) => { km.view.setUint32(p + 4, name, true); objs.reset(p, new spin.spinlock_t(nameOf(p, "lock"))); return 0; },
    spin_lock: (p) => voidOf(spin.spin_lock(lock(p))),
    spin_lock_bh: (p) => voidOf(spin.spin_lock_bh(lock(p))),
    spin_lock_irq: (p) => voidOf(spin.spin_lock_irq(lock(p))),
    _raw_spin_lock_irqsave: (p) => spin.spin_lock_irqsave(lock(p)),
    spin_unlock: (p) => { spin.spin_unlock(lock(p)); return 0; },
    spin_unlock_bh: (p) => { spin.spin_unlock_bh(lock(p)); return 0; },
    spin_unlock_irq: (p) => { spin.spin_unlock_irq(lock(p)); return 0; },
    spin_unlock_irqrestore: (p, flags) => { spin.spin_unlock_irqrestore(lock(p), flags); return 0; },
    spin_trylock: (p) => spin.spin_trylock(lock(p)),
    spin_is_locked: (p) => (spin.spin_is_locked(lock(p)) ? 1 : 0),
    // linux/delay.h
    msleep: (ms) => toNumber(delay.msleep(ms >>> 0)),
    msleep_interruptible: (ms) => delay.msleep_interruptible(ms >>> 0),
    ssleep: (s) => toNumber(delay.ssleep(s >>> 0)),
    usleep_range: (min, max) => toNumber(delay.usleep_range(min >>> 0, max >>> 0)),
    udelay: (us) => { delay.udelay(us >>> 0); return 0; },
    ndelay: (ns) => { delay.ndelay(ns >>> 0); return 0; },
    mdelay: (ms) => { delay.mdelay(ms >>> 0); return 0; },
    // linux/timer.h: the callback runs in interrupt context.
    timer_setup: (p, fn, flags) => {
      km.view.setUint32(p + TIMER.function, fn >>> 0, true);
      km.view.setUint32(p + TIMER.flags, flags >>> 0, true);
      timers.del_timer(timer(p));
      return 0;
    },
    mod_timer: (p, expires) => arm(p, expires),
    add_timer: (p) => { arm(p, km.view.getUint32(p + TIMER.expires, true)); return 0; },
    timer_pending: (p) => (timers.timer_pending(timer(p)) ? 1 : 0),
    del_timer: (p) => timers.del_timer(timer(p)),
    del_timer_sync: (p) => timers.del_timer_sync(timer(p)),
    timer_delete: (p) => timers.timer_delete(timer(p)),
    timer_delete_sync: (p) => timers.timer_delete_sync(timer(p)),
    timer_shutdown_sync: (p) => timers.timer_shutdown_sync(timer(p)),
    // linux/sched.h and linux/jiffies.h
    __typix_current: () => (current ? taskViews.viewOf(current) : 0),
    signal_pending: (p) => (taskAt(p)?.signalPending() ? 1 : 0),
    fatal_signal_pending: (p) => (taskAt(p)?.fatalPending ? 1 : 0),
    schedule: () => toNumber(sched.schedule()),
    cond_resched: () => toNumber(sched.cond_resched()),
    schedule_timeout: (j) => sched.schedule_timeout(j),
    set_current_state: (s) => { sched.set_current_state(s); return 0; },
    __typix_jiffies: () => get_jiffies_64() >>> 0,
    msecs_to_jiffies: (m) => Math.ceil(((m >>> 0) * HZ) / 1000),
    jiffies_to_msecs: (j) => Math.floor(((j >>> 0) * 1000) / HZ),
  };
}
