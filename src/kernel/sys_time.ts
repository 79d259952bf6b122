// Time and scheduling system calls: nanosleep, clock_nanosleep, clock_gettime/getres/settime,
// gettimeofday, settimeofday, time, times, getrusage, sysinfo, sched_yield, getpriority,
// setpriority, sched_getaffinity/setaffinity, getcpu. Sleeps go through a wait queue and the
// scheduler; a timer only wakes the sleeper.
import { userTimeMs } from "./task.js";
import type { Task } from "./task.js";
import { Errno } from "./errors.js";
import { EINVAL, EPERM, EACCES, ESRCH, EOPNOTSUPP, ERESTARTSYS, ERESTARTNOHAND } from "../include/uapi/errno.js";
import { WaitQueue } from "./wait.js";
import { yieldCpu } from "./sched.js";
import { capable } from "./cred.js";
import { findTask, allTasks } from "./pid.js";
import { copyToUser, copyFromUser, getUser64, getUser32, putUser32, putUser64, StructBuf } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";
import { monotonicNs, realtimeNs, setRealtimeNs, armTimer, NSEC_PER_SEC } from "./timekeeping.js";
import { ERESTART_RESTARTBLOCK } from "./signal.js";
import { procState, procStateIfAny, RLIMIT_NICE } from "./proc_state.js";
import { loadAverages, FSHIFT, TOTALRAM_BYTES, usedRamBytes } from "./sysstat.js";

export const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3,
  CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7,
  CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9, CLOCK_TAI = 11;
export const TIMER_ABSTIME = 1;
/** The kernel's tick (CONFIG_HZ=250, as Debian builds it): the coarse clocks' resolution. */
const HZ = 250n, USER_HZ = 100n;
const TICK_NS = NSEC_PER_SEC / HZ;

// ---- clocks ----

/** CPU time of a task (user + system), ns. */
function cpuNs(t: Task): bigint {
  return BigInt(Math.round((userTimeMs(t) + t.stimeMs) * 1e6));
}

/** A clock id resolved: a reader, its resolution, and whether it can sleep on it. */
interface Clock { read(): bigint; res: bigint; sleep: "hr" | "cpu" | null; settable: boolean }

function cpuClock(t: Task, clk: number): Clock {
  // A CPU clock id made by clock_getcpuclockid/pthread_getcpuclockid: ~pid << 3 | thread << 2 | which.
  const which = clk & 3, perThread = (clk & 4) !== 0, pid = ~clk >> 3;
  if (which === 3) throw new Errno(EINVAL);
  const p = pid === 0 ? t : findTask(pid);
  if (!p || p.exitState === "dead" || (perThread && p !== t)) throw new Errno(EINVAL);
  return { read: () => cpuNs(p), res: 1n, sleep: perThread ? null : "cpu", settable: false };
}

function clockOf(t: Task, clk: number): Clock {
  clk |= 0;
  if (clk < 0) return cpuClock(t, clk);
  switch (clk) {
    case CLOCK_REALTIME: case CLOCK_TAI: return { read: realtimeNs, res: 1n, sleep: "hr", settable: clk === CLOCK_REALTIME };
    case CLOCK_MONOTONIC: case CLOCK_BOOTTIME: return { read: monotonicNs, res: 1n, sleep: "hr", settable: false };
    case CLOCK_MONOTONIC_RAW: return { read: monotonicNs, res: 1n, sleep: null, settable: false };
    case CLOCK_REALTIME_COARSE: return { read: () => realtimeNs() / TICK_NS * TICK_NS, res: TICK_NS, sleep: null, settable: false };
    case CLOCK_MONOTONIC_COARSE: return { read: () => monotonicNs() / TICK_NS * TICK_NS, res: TICK_NS, sleep: null, settable: false };
    case CLOCK_PROCESS_CPUTIME_ID: return { read: () => cpuNs(t), res: 1n, sleep: "cpu", settable: false };
    case CLOCK_THREAD_CPUTIME_ID: return { read: () => cpuNs(t), res: 1n, sleep: null, settable: false };
    default: throw new Errno(EINVAL); // the alarm clocks need an RTC, which Typix has not
  }
}

function timespec(ns: bigint): StructBuf {
  return new StructBuf(16).i64(0, ns / NSEC_PER_SEC).i64(8, ns % NSEC_PER_SEC);
}

/** Read a struct timespec: EINVAL when negative or tv_nsec is out of range. Returns ns. */
function readTimespec(t: Task, p: number): bigint {
  const b = copyFromUser(t.mm!, p as UserPtr, 16);
  const v = new DataView(b.buffer);
  const sec = v.getBigInt64(0, true), nsec = v.getBigInt64(8, true);
  if (sec < 0n || nsec < 0n || nsec >= NSEC_PER_SEC) throw new Errno(EINVAL);
  return sec * NSEC_PER_SEC + nsec;
}

/** implements clock_gettime(2) */
export function sys_clock_gettime(t: Task, clk: number, tp: number): number {
  const c = clockOf(t, clk);
  copyToUser(t.mm!, tp as UserPtr, timespec(c.read()).bytes);
  return 0;
}

/** implements clock_getres(2) */
export function sys_clock_getres(t: Task, clk: number, tp: number): number {
  const c = clockOf(t, clk);
  if (tp) copyToUser(t.mm!, tp as UserPtr, timespec(c.res).bytes);
  return 0;
}

/** The time zone settimeofday last set (struct timezone). */
const sysTz = { minuteswest: 0, dsttime: 0 };

/** do_sys_settimeofday64: validity, then permission, then the change. */
function setTime(t: Task, ns: bigint | null, tz: { minuteswest: number; dsttime: number } | null): number {
  if (ns !== null && ns / NSEC_PER_SEC > 0x7fffffffffn) throw new Errno(EINVAL);
  if (!capable(t.cred)) throw new Errno(EPERM);
  if (tz) {
    if (tz.minuteswest > 15 * 60 || tz.minuteswest < -15 * 60) throw new Errno(EINVAL);
    Object.assign(sysTz, tz);
  }
  if (ns !== null) setRealtimeNs(ns);
  return 0;
}

/** implements clock_settime(2): only CLOCK_REALTIME can be set. */
export function sys_clock_settime(t: Task, clk: number, tp: number): number {
  const c = clockOf(t, clk);
  if (!c.settable && (clk | 0) >= 0) throw new Errno(EINVAL);
  const ns = readTimespec(t, tp);
  if (!c.settable) throw new Errno(EPERM);
  return setTime(t, ns, null);
}

/** implements gettimeofday(2) */
export function sys_gettimeofday(t: Task, tv: number, tz: number): number {
  if (tv) {
    const ns = realtimeNs();
    copyToUser(t.mm!, tv as UserPtr, new StructBuf(16).i64(0, ns / NSEC_PER_SEC).i64(8, (ns % NSEC_PER_SEC) / 1000n).bytes);
  }
  if (tz) copyToUser(t.mm!, tz as UserPtr, new StructBuf(8).i32(0, sysTz.minuteswest).i32(4, sysTz.dsttime).bytes);
  return 0;
}

/** implements settimeofday(2) */
export function sys_settimeofday(t: Task, tv: number, tz: number): number {
  let ns: bigint | null = null;
  if (tv) {
    const sec = BigInt(getUser64(t.mm!, tv as UserPtr)), usec = BigInt(getUser64(t.mm!, (tv + 8) as UserPtr));
    if (usec < 0n || usec >= 1000000n || sec < 0n) throw new Errno(EINVAL);
    ns = sec * NSEC_PER_SEC + usec * 1000n;
  }
  const zone = tz ? { minuteswest: getUser32(t.mm!, tz as UserPtr), dsttime: getUser32(t.mm!, (tz + 4) as UserPtr) } : null;
  return setTime(t, ns, zone);
}

/** implements time(2) */
export function sys_time(t: Task, tloc: number): number {
  const sec = Number(realtimeNs() / NSEC_PER_SEC);
  if (tloc) putUser64(t.mm!, tloc as UserPtr, sec);
  return sec;
}

// ---- sleeping ----

/**
 * Sleep until clock c reads deadline or later. Returns true when it did, false when a signal
 * interrupted the sleep.
 */
async function sleepUntil(t: Task, c: Clock, deadline: bigint): Promise<boolean> {
  const wq = new WaitQueue();
  const due = () => c.read() >= deadline;
  while (!due()) {
    // CPU time does not pass while the process sleeps: only a signal ends that wait.
    const cancel = c.sleep === "hr" ? armTimer(monotonicNs() + (deadline - c.read()), () => wq.wakeUp()) : null;
    try {
      await wq.waitEvent(t, due);
    } catch (e) {
      if (e instanceof Errno && e.errno === ERESTARTSYS) return false;
      throw e;
    } finally {
      cancel?.();
    }
  }
  return true;
}

/** hrtimer_nanosleep: relative sleeps report what was left and resume through the restart block. */
async function doNanosleep(t: Task, c: Clock, deadline: bigint, abs: boolean, rem: number): Promise<number> {
  if (await sleepUntil(t, c, deadline)) return 0;
  if (abs) throw new Errno(ERESTARTNOHAND);
  if (rem) {
    let left = deadline - c.read();
    if (left < 0n) left = 0n;
    copyToUser(t.mm!, rem as UserPtr, timespec(left).bytes);
  }
  procState(t).restartBlock = () => doNanosleep(t, c, deadline, false, rem);
  throw new Errno(ERESTART_RESTARTBLOCK);
}

/** implements nanosleep(2) */
export async function sys_nanosleep(t: Task, req: number, rem: number): Promise<number> {
  const ns = readTimespec(t, req);
  const c = clockOf(t, CLOCK_MONOTONIC);
  return doNanosleep(t, c, c.read() + ns, false, rem);
}

/** implements clock_nanosleep(2) */
export async function sys_clock_nanosleep(t: Task, clk: number, flags: number, req: number, rem: number): Promise<number> {
  const c = clockOf(t, clk);
  if (!c.sleep) throw new Errno((clk | 0) < 0 ? EINVAL : EOPNOTSUPP);
  const ns = readTimespec(t, req);
  const abs = (flags & TIMER_ABSTIME) !== 0;
  return doNanosleep(t, c, abs ? ns : c.read() + ns, abs, abs ? 0 : rem);
}

// ---- accounting ----

const msToTimeval = (b: StructBuf, off: number, ms: number) =>
  b.i64(off, Math.floor(ms / 1000)).i64(off + 8, Math.floor((ms % 1000) * 1000));
const msToClock = (ms: number) => Math.floor((ms * Number(USER_HZ)) / 1000);

/** implements times(2): clock ticks (USER_HZ); the result counts jiffies as Linux does, from 2^32 - 300 s. */
export function sys_times(t: Task, buf: number): number {
  if (buf) {
    const ps = procStateIfAny(t);
    const b = new StructBuf(32).i64(0, msToClock(userTimeMs(t))).i64(8, msToClock(t.stimeMs))
      .i64(16, msToClock(ps?.cutimeMs ?? 0)).i64(24, msToClock(ps?.cstimeMs ?? 0));
    copyToUser(t.mm!, buf as UserPtr, b.bytes);
  }
  const jiffies = 0x100000000n - 300n * HZ + monotonicNs() / TICK_NS;
  return Number((jiffies * USER_HZ) / HZ);
}

export const RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;

/** implements getrusage(2) */
export function sys_getrusage(t: Task, who: number, ru: number): number {
  who |= 0;
  if (who !== RUSAGE_SELF && who !== RUSAGE_CHILDREN && who !== RUSAGE_THREAD) throw new Errno(EINVAL);
  const b = new StructBuf(144);
  if (who === RUSAGE_CHILDREN) {
    const ps = procStateIfAny(t);
    msToTimeval(b, 0, ps?.cutimeMs ?? 0);
    msToTimeval(b, 16, ps?.cstimeMs ?? 0);
  } else {
    msToTimeval(b, 0, userTimeMs(t));
    msToTimeval(b, 16, t.stimeMs);
    // ru_maxrss, KiB: the memory mapped in the address space.
    const rss = t.mm ? t.mm.areas.reduce((n, a) => n + (a.end - a.start), 0) : 0;
    b.i64(32, Math.floor(rss / 1024));
  }
  copyToUser(t.mm!, ru as UserPtr, b.bytes);
  return 0;
}

/** implements sysinfo(2): struct sysinfo, 112 bytes on x86-64, mem_unit 1. */
export function sys_sysinfo(t: Task, info: number): number {
  const mono = monotonicNs();
  const loads = loadAverages().map((l) => l << (16 - FSHIFT));
  const procs = [...allTasks()].filter((x) => x.exitState !== "dead").length;
  const b = new StructBuf(112)
    .i64(0, mono / NSEC_PER_SEC + (mono % NSEC_PER_SEC ? 1n : 0n))
    .i64(8, loads[0]).i64(16, loads[1]).i64(24, loads[2])
    .i64(32, TOTALRAM_BYTES).i64(40, TOTALRAM_BYTES - usedRamBytes())
    .i64(48, 0).i64(56, 0).i64(64, 0).i64(72, 0)
    .u16(80, procs)
    .i64(88, 0).i64(96, 0)
    .u32(104, 1);
  copyToUser(t.mm!, info as UserPtr, b.bytes);
  return 0;
}

// ---- scheduling ----

/** implements sched_yield(2) */
export async function sys_sched_yield(t: Task): Promise<number> {
  await yieldCpu(t);
  return 0;
}

export const PRIO_PROCESS = 0, PRIO_PGRP = 1, PRIO_USER = 2;

function prioTargets(t: Task, which: number, who: number): Task[] {
  const live = [...allTasks()].filter((x) => x.isAlive() && !x.exiting);
  switch (which) {
    case PRIO_PROCESS: {
      const p = who === 0 ? t : findTask(who);
      return p && p.isAlive() ? [p] : [];
    }
    case PRIO_PGRP: {
      const g = who === 0 ? t.pgid : who;
      return live.filter((x) => x.pgid === g);
    }
    case PRIO_USER: {
      const u = who === 0 ? t.cred.uid : who >>> 0;
      return live.filter((x) => x.cred.uid === u);
    }
    default:
      throw new Errno(EINVAL);
  }
}

/** implements getpriority(2): returns 20 - nice (1..40), the kernel's form; libc converts. */
export function sys_getpriority(t: Task, which: number, who: number): number {
  const ps = prioTargets(t, which | 0, who | 0);
  if (!ps.length) throw new Errno(ESRCH);
  return Math.max(...ps.map((p) => 20 - p.niceness));
}

/** implements setpriority(2) */
export function sys_setpriority(t: Task, which: number, who: number, niceval: number): number {
  const ps = prioTargets(t, which | 0, who | 0);
  const nice = Math.min(19, Math.max(-20, niceval | 0));
  if (!ps.length) throw new Errno(ESRCH);
  let err = 0;
  for (const p of ps) {
    const c = t.cred;
    if (p.cred.uid !== c.euid && p.cred.euid !== c.euid && !capable(c)) { err = EPERM; continue; }
    const nlim = procState(p).rlim[RLIMIT_NICE].cur;
    if (nice < p.niceness && !capable(c) && nlim < BigInt(20 - nice)) { err = EACCES; continue; }
    p.niceness = nice;
  }
  if (err) throw new Errno(err);
  return 0;
}

function affinityTask(t: Task, pid: number): Task {
  const p = (pid | 0) === 0 ? t : findTask(pid | 0);
  if (!p || p.exitState !== 0) throw new Errno(ESRCH);
  return p;
}

/** implements sched_getaffinity(2): one CPU. Returns the size of the kernel's mask (8). */
export function sys_sched_getaffinity(t: Task, pid: number, len: number, mask: number): number {
  len >>>= 0;
  if (len * 8 < 1 || len & 7) throw new Errno(EINVAL);
  affinityTask(t, pid);
  copyToUser(t.mm!, mask as UserPtr, new StructBuf(8).u8(0, 1).bytes);
  return 8;
}

/** implements sched_setaffinity(2): the mask must include CPU 0, the only one. */
export function sys_sched_setaffinity(t: Task, pid: number, len: number, mask: number): number {
  len >>>= 0;
  const b = copyFromUser(t.mm!, mask as UserPtr, Math.min(len, 8));
  const p = affinityTask(t, pid);
  if (p !== t && !capable(t.cred) && t.cred.euid !== p.cred.uid && t.cred.euid !== p.cred.euid) throw new Errno(EPERM);
  if (!(b.length && b[0] & 1)) throw new Errno(EINVAL);
  return 0;
}

/** implements getcpu(2): CPU 0, node 0. */
export function sys_getcpu(t: Task, cpu: number, node: number): number {
  if (cpu) putUser32(t.mm!, cpu as UserPtr, 0);
  if (node) putUser32(t.mm!, node as UserPtr, 0);
  return 0;
}

export const syscalls = {
  sys_nanosleep, sys_clock_nanosleep, sys_clock_gettime, sys_clock_getres, sys_clock_settime, sys_gettimeofday,
  sys_settimeofday, sys_time, sys_times, sys_getrusage, sys_sysinfo, sys_sched_yield, sys_getpriority,
  sys_setpriority, sys_sched_getaffinity, sys_sched_setaffinity, sys_getcpu,
};
