// "linux/spinlock" (and rwlock): on Typix's one CPU, code between two sleeping points is atomic,
// so an uncontended lock is taken at once. A lock records its holder; a task that finds it held
// by another task (the holder slept with it, a bug Linux reports too) waits by yielding through
// the scheduler, so nothing freezes: spin_lock then returns a Promise, and modules write
// `await spin_lock(&l)` wherever the lock may be contended. Interrupt context (a timer) finding
// a lock held cannot wait: it reports the lockup and goes on.
import type { Task } from "../../kernel/task.js";
import { current, yieldCpu } from "../../kernel/sched.js";
import { printk, KERN } from "../../kernel/printk.js";
import { exportHeader } from "../../kernel/module/ksyms.js";
import { softlockupWatch } from "../../kernel/watchdog.js";
import { lockAcquire, lockRelease } from "../../kernel/lockdep.js";

export class spinlock_t {
  holder: Task | null = null;
  locked = false;
  /** lockdep's name: a DEFINE_SPINLOCK's own name, "&name" for one made by spin_lock_init. */
  constructor(readonly name = "lock", readonly depName = name) {}
}
export class rwlock_t {
  readers = 0;
  writer: Task | null | "irq" = null;
  constructor(readonly name = "rwlock", readonly depName = name) {}
}

function noteHeld(l: object): void { current?.locksHeld.push(l); }
function noteReleased(l: object): void {
  const held = current?.locksHeld;
  if (!held) return;
  const i = held.lastIndexOf(l);
  if (i >= 0) held.splice(i, 1);
}

/** Does the running task hold any spinlock or rwlock? (sleeping now is a bug) */
export function holdsSpinlock(t: Task | null = current): boolean {
  return !!t && t.locksHeld.some((l) => l instanceof spinlock_t || l instanceof rwlock_t);
}

export const spin_lock_init = (l?: spinlock_t, name?: string): spinlock_t => {
  if (l) { l.holder = null; l.locked = false; return l; }
  return new spinlock_t(name, "&" + (name ?? "lock"));
};
export const DEFINE_SPINLOCK = (name?: string) => new spinlock_t(name);

function take(l: spinlock_t): void { l.locked = true; l.holder = current; noteHeld(l); }

/** spin_lock: void when taken at once, a Promise when it had to wait for another task. */
export function spin_lock(l: spinlock_t): void | Promise<void> {
  return lockSpin(l, false);
}
function lockSpin(l: spinlock_t, irqOff: boolean): void | Promise<void> {
  lockAcquire(l, l.depName, "spin", irqOff);
  if (!l.locked) { take(l); return; }
  const me = current;
  if (!me) {
    printk(KERN(0) + `BUG: spinlock lockup suspected on CPU#0, swapper/0/0\n`);
    take(l);
    return;
  }
  // Taking a lock it already holds: the task spins on itself for ever (the watchdog reports it).
  if (l.holder === me) printk(KERN(0) + `BUG: spinlock recursion on CPU#0, ${me.comm}/${me.pid}\n`);
  // The soft-lockup watchdog sees a task that keeps spinning here (kernel/watchdog.ts).
  const where: { stack?: string } = {};
  Error.captureStackTrace(where);
  return (async () => {
    const done = softlockupWatch(me, where.stack ?? "");
    try {
      while (l.locked) await yieldCpu(me);
    } finally {
      done();
    }
    take(l);
  })();
}
export function spin_unlock(l: spinlock_t): void {
  lockRelease(l, l.depName, "spin");
  noteReleased(l);
  l.locked = false;
  l.holder = null;
}
export const spin_trylock = (l: spinlock_t): number => (l.locked ? 0 : (lockAcquire(l, l.depName, "spin", false, true), take(l), 1));
export const spin_is_locked = (l: spinlock_t): boolean => l.locked;
// Interrupts and bottom halves do not preempt kernel code here: these are spin_lock's forms.
// irqsave returns the flags word Linux would save (always 0x246: IF set).
export const spin_lock_irqsave = (l: spinlock_t): number | Promise<number> => {
  const r = lockSpin(l, true);
  return r ? r.then(() => 0x246) : 0x246;
};
export const spin_unlock_irqrestore = (l: spinlock_t, _flags: number) => spin_unlock(l);
export const spin_lock_irq = (l: spinlock_t): void | Promise<void> => lockSpin(l, true);
export const spin_unlock_irq = spin_unlock, spin_lock_bh = spin_lock, spin_unlock_bh = spin_unlock;

export const rwlock_init = (l?: rwlock_t, name?: string): rwlock_t => l ?? new rwlock_t(name, "&" + (name ?? "rwlock"));
export const DEFINE_RWLOCK = (name?: string) => new rwlock_t(name);
// Readers may nest, so lockdep checks only the write side.
async function waitFor(cond: () => boolean): Promise<void> {
  const me = current!;
  while (!cond()) await yieldCpu(me);
}
export function read_lock(l: rwlock_t): void | Promise<void> {
  lockAcquire(l, l.depName, "spin", false, true);
  if (l.writer === null || !current) { l.readers++; noteHeld(l); return; }
  return waitFor(() => l.writer === null).then(() => { l.readers++; noteHeld(l); });
}
export function read_unlock(l: rwlock_t): void { lockRelease(l, l.depName, "spin"); noteReleased(l); l.readers--; }
export function write_lock(l: rwlock_t): void | Promise<void> {
  const grab = () => { l.writer = current ?? "irq"; noteHeld(l); };
  lockAcquire(l, l.depName, "spin");
  if ((l.writer === null && l.readers === 0) || !current) { grab(); return; }
  return waitFor(() => l.writer === null && l.readers === 0).then(grab);
}
export function write_unlock(l: rwlock_t): void { lockRelease(l, l.depName, "spin"); noteReleased(l); l.writer = null; }

export const api = {
  spin_lock_init, DEFINE_SPINLOCK, spin_lock, spin_unlock, spin_trylock, spin_is_locked, spin_lock_irqsave,
  spin_unlock_irqrestore, spin_lock_irq, spin_unlock_irq, spin_lock_bh, spin_unlock_bh, rwlock_init, DEFINE_RWLOCK,
  read_lock, read_unlock, write_lock, write_unlock,
  read_lock_irqsave: read_lock, read_unlock_irqrestore: read_unlock, write_lock_irqsave: write_lock,
  write_unlock_irqrestore: write_unlock, read_lock_bh: read_lock, read_unlock_bh: read_unlock, write_lock_bh: write_lock,
  write_unlock_bh: write_unlock,
};
exportHeader("linux/spinlock", api);
