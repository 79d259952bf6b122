// "linux/mutex" and "linux/semaphore": sleeping locks. A task that finds the lock taken sleeps on
// the lock's wait queue (kernel/wait.ts) until the owner unlocks. mutex_lock and down are async
// (`await mutex_lock(&m)`); the interruptible forms return -EINTR on a signal.
import type { Task } from "../../kernel/task.js";
import { WaitQueue } from "../../kernel/wait.js";
import { current } from "../../kernel/sched.js";
import { isErrno } from "../../kernel/errors.js";
import { EINTR, ERESTARTSYS, ETIME } from "../uapi/errno.js";
import { mightSleep } from "./might_sleep.js";
import { HZ } from "./jiffies.js";
import { exportHeader } from "../../kernel/module/ksyms.js";
import { lockAcquire, lockRelease, lockForget } from "../../kernel/lockdep.js";

/** Where mutex_lock and down check might_sleep() in Linux 6.6. */
const MUTEX_C = "kernel/locking/mutex.c:580", SEMAPHORE_C = "kernel/locking/semaphore.c:58";

export class mutex {
  owner: Task | null = null;
  readonly wq = new WaitQueue();
  /** lockdep's name: a DEFINE_MUTEX's own name, "&name" for one made by mutex_init. */
  constructor(readonly name = "mutex", readonly depName = name) {}
}
export const mutex_init = (m?: mutex, name?: string): mutex => { if (m) { m.owner = null; return m; } return new mutex(name, "&" + (name ?? "mutex")); };
export const DEFINE_MUTEX = (name?: string) => new mutex(name);

function interrupted(e: unknown): boolean { return isErrno(e) && e.errno === ERESTARTSYS; }

export async function mutex_lock(m: mutex): Promise<void> {
  const t = mightSleep(MUTEX_C);
  lockAcquire(m, m.depName, "sleep", false, false, t);
  await m.wq.waitEvent(t, () => m.owner === null, false);
  m.owner = t;
  t.locksHeld.push(m);
}
/** mutex_lock_interruptible: 0, or -EINTR when a signal arrives while waiting. */
export async function mutex_lock_interruptible(m: mutex): Promise<number> {
  const t = mightSleep(MUTEX_C);
  lockAcquire(m, m.depName, "sleep", false, false, t);
  try { await m.wq.waitEvent(t, () => m.owner === null, true); } catch (e) {
    lockForget(m, t);
    if (interrupted(e)) return -EINTR;
    throw e;
  }
  m.owner = t;
  t.locksHeld.push(m);
  return 0;
}
export const mutex_lock_killable = mutex_lock_interruptible;
/** mutex_trylock: 1 if taken, 0 if busy. */
export function mutex_trylock(m: mutex): number {
  if (m.owner !== null) return 0;
  lockAcquire(m, m.depName, "sleep", false, true);
  m.owner = current;
  current?.locksHeld.push(m);
  return 1;
}
export function mutex_unlock(m: mutex): void {
  const o = m.owner;
  lockRelease(m, m.depName, "sleep");
  if (o && o !== current) lockForget(m, o);
  if (o) { const i = o.locksHeld.lastIndexOf(m); if (i >= 0) o.locksHeld.splice(i, 1); }
  m.owner = null;
  m.wq.wakeUp();
}
export const mutex_is_locked = (m: mutex) => m.owner !== null;
export const mutex_destroy = (_m: mutex) => {};

/** struct semaphore: a counter; down waits while it is 0. */
export class semaphore {
  readonly wq = new WaitQueue();
  constructor(public count = 1) {}
}
export const sema_init = (s: semaphore | null, val: number): semaphore => { if (s) { s.count = val; return s; } return new semaphore(val); };
export const DEFINE_SEMAPHORE = (val = 1) => new semaphore(val);
export async function down(s: semaphore): Promise<void> {
  await s.wq.waitEvent(mightSleep(SEMAPHORE_C), () => s.count > 0, false);
  s.count--;
}
export async function down_interruptible(s: semaphore): Promise<number> {
  try { await s.wq.waitEvent(mightSleep(SEMAPHORE_C), () => s.count > 0, true); } catch (e) {
    if (interrupted(e)) return -EINTR;
    throw e;
  }
  s.count--;
  return 0;
}
export const down_killable = down_interruptible;
export const down_trylock = (s: semaphore): number => (s.count > 0 ? (s.count--, 0) : 1);
export async function down_timeout(s: semaphore, jiffies: number): Promise<number> {
  const ok = await s.wq.waitEventTimeout(mightSleep(SEMAPHORE_C), () => s.count > 0, (jiffies * 1000) / HZ, false);
  if (!ok) return -ETIME;
  s.count--;
  return 0;
}
export function up(s: semaphore): void { s.count++; s.wq.wakeUp(); }

export const api = {
  mutex_init, DEFINE_MUTEX, mutex_lock, mutex_lock_interruptible, mutex_lock_killable, mutex_trylock, mutex_unlock,
  mutex_is_locked, mutex_destroy,
};
exportHeader("linux/mutex", api);
exportHeader("linux/semaphore", { sema_init, DEFINE_SEMAPHORE, down, down_interruptible, down_killable, down_trylock, down_timeout, up });
