// futex(2): waiting on a 32-bit word of user memory, the primitive under pthread mutexes,
// condition variables, semaphores and pthread_join. FUTEX_WAIT sleeps only if the word still
// holds the value the caller saw (checked and slept on without another task running between,
// as every kernel call is on Typix's one CPU); FUTEX_WAKE wakes up to n of its sleepers in the
// order they came. Queues are keyed by the address space and the address (FUTEX_PRIVATE_FLAG
// changes nothing here: a word is only shared between threads of one address space).
import type { Task } from "./task.js";
import type { MmStruct, UserPtr } from "../mm/mm.js";
import { WaitQueue } from "./wait.js";
import { Errno, isErrno } from "./errors.js";
import { EAGAIN, EINVAL, ENOSYS, ETIMEDOUT, EINTR, ERESTARTSYS } from "../include/uapi/errno.js";
import { getUser32 } from "../mm/uaccess.js";
import { readTimespec } from "./sys_signal.js";

export const FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10;
export const FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256;
const FUTEX_CMD_MASK = ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);

/** One waiter: woken by a FUTEX_WAKE (woken = true) or by its timeout or a signal. */
interface Waiter { task: Task; woken: boolean; queue: WaitQueue }
const queues = new WeakMap<MmStruct, Map<number, Waiter[]>>();

function waitersAt(mm: MmStruct, addr: number): Waiter[] {
  let m = queues.get(mm);
  if (!m) { m = new Map(); queues.set(mm, m); }
  let w = m.get(addr);
  if (!w) { w = []; m.set(addr, w); }
  return w;
}

function forget(mm: MmStruct, addr: number, w: Waiter): void {
  const list = queues.get(mm)?.get(addr);
  if (!list) return;
  const i = list.indexOf(w);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) queues.get(mm)!.delete(addr);
}

/** Wake up to n tasks waiting on addr; how many were woken. */
export function futexWake(mm: MmStruct, addr: number, n: number): number {
  const list = queues.get(mm)?.get(addr);
  if (!list) return 0;
  let woken = 0;
  while (woken < n && list.length) {
    const w = list.shift()!;
    w.woken = true;
    w.queue.wakeUp();
    woken++;
  }
  if (list.length === 0) queues.get(mm)!.delete(addr);
  return woken;
}

async function futexWait(t: Task, addr: number, val: number, timeoutNs: bigint | null): Promise<number> {
  const mm = t.mm!;
  if (getUser32(mm, addr as UserPtr) !== (val | 0)) throw new Errno(EAGAIN);
  const w: Waiter = { task: t, woken: false, queue: new WaitQueue() };
  waitersAt(mm, addr).push(w);
  try {
    if (timeoutNs === null) await w.queue.waitEvent(t, () => w.woken, true);
    else if (!(await w.queue.waitEventTimeout(t, () => w.woken, Number(timeoutNs) / 1e6, true))) throw new Errno(ETIMEDOUT);
  } catch (e) {
    // A signal ends the wait: the caller sees EINTR (libc waits again where POSIX says so).
    if (isErrno(e) && e.errno === ERESTARTSYS) throw new Errno(EINTR);
    throw e;
  } finally {
    if (!w.woken) forget(mm, addr, w);
  }
  return 0;
}

/** implements futex(2): FUTEX_WAIT and FUTEX_WAKE (and their _BITSET forms with all bits). */
export async function sys_futex(t: Task, uaddr: number, op: number, val: number, utime: number, _uaddr2: number, _val3: number): Promise<number> {
  if (uaddr & 3) throw new Errno(EINVAL);
  const cmd = op & FUTEX_CMD_MASK;
  switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
      // FUTEX_WAIT's timeout is relative; the _BITSET form's is absolute (taken here as relative to now).
      return futexWait(t, uaddr, val, utime ? readTimespec(t, utime) : null);
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
      return futexWake(t.mm!, uaddr, val >>> 0);
    default:
      throw new Errno(ENOSYS);
  }
}

export const syscalls = { sys_futex };
