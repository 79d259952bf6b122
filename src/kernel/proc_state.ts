// Per-process state that the signal, time and resource calls keep beside struct task: resource
// limits, interval timers, the alternate signal stack, prctl settings, the restart block of an
// interrupted sleep, and the CPU times of reaped children. Created on first use; fork copies
// what Linux's fork copies.
import type { Task } from "./task.js";
import { forkHooks, forkChecks } from "./fork.js";
import { allTasks } from "./pid.js";
import { TOTALRAM_BYTES } from "./sysstat.js";
import { Errno } from "./errors.js";
import { capable } from "./cred.js";
import { EAGAIN } from "../include/uapi/errno.js";

/** kernel.threads-max: as Linux sizes it, one task per 8 kernel stacks (16 KiB) of RAM. */
export const MAX_THREADS = TOTALRAM_BYTES / (8 * 16384);

export const RLIM_INFINITY = 0xffffffffffffffffn;
export const RLIMIT_CPU = 0, RLIMIT_FSIZE = 1, RLIMIT_DATA = 2, RLIMIT_STACK = 3, RLIMIT_CORE = 4,
  RLIMIT_RSS = 5, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7, RLIMIT_MEMLOCK = 8, RLIMIT_AS = 9,
  RLIMIT_LOCKS = 10, RLIMIT_SIGPENDING = 11, RLIMIT_MSGQUEUE = 12, RLIMIT_NICE = 13,
  RLIMIT_RTPRIO = 14, RLIMIT_RTTIME = 15, RLIM_NLIMITS = 16;

export interface Rlimit { cur: bigint; max: bigint }

/** The limits init starts with (Linux's INIT_RLIMITS for a machine of Typix's size). */
export function defaultRlimits(): Rlimit[] {
  const inf = { cur: RLIM_INFINITY, max: RLIM_INFINITY };
  const l: Rlimit[] = Array.from({ length: RLIM_NLIMITS }, () => ({ ...inf }));
  l[RLIMIT_STACK] = { cur: 8n << 20n, max: RLIM_INFINITY };
  l[RLIMIT_CORE] = { cur: 0n, max: RLIM_INFINITY };
  l[RLIMIT_NPROC] = { cur: BigInt(MAX_THREADS / 2), max: BigInt(MAX_THREADS / 2) };
  l[RLIMIT_NOFILE] = { cur: 1024n, max: 4096n };
  l[RLIMIT_MEMLOCK] = { cur: 8n << 20n, max: 8n << 20n };
  l[RLIMIT_SIGPENDING] = { cur: BigInt(MAX_THREADS / 2), max: BigInt(MAX_THREADS / 2) };
  l[RLIMIT_MSGQUEUE] = { cur: 819200n, max: 819200n };
  l[RLIMIT_NICE] = { cur: 0n, max: 0n };
  l[RLIMIT_RTPRIO] = { cur: 0n, max: 0n };
  return l;
}

/** An interval timer: the expiry (monotonic ns) and the reload interval (ns), both 0 when off. */
export interface ITimer { deadlineNs: bigint; intervalNs: bigint }

export interface ProcState {
  rlim: Rlimit[];
  /** ITIMER_REAL (alarm shares it), ITIMER_VIRTUAL, ITIMER_PROF. */
  itimers: [ITimer, ITimer, ITimer];
  /** Cancels ITIMER_REAL's host timer. */
  cancelReal: (() => void) | null;
  altstack: { sp: number; flags: number; size: number };
  pdeathsig: number;
  dumpable: number;
  keepcaps: number;
  noNewPrivs: number;
  childSubreaper: number;
  clearChildTid: number;
  fsBase: number;
  gsBase: number;
  /** Capability sets set by capset (null: derived from the uids). */
  caps: { eff: bigint; perm: bigint; inh: bigint } | null;
  /** Re-runs an interrupted sleep with what is left of it (ERESTART_RESTARTBLOCK). */
  restartBlock: (() => number | Promise<number>) | null;
  /** Signals rt_sigtimedwait waits for: never dropped as ignored while waited for. */
  realBlocked: bigint;
  /** CPU time of reaped children, ms (getrusage RUSAGE_CHILDREN, times). */
  cutimeMs: number;
  cstimeMs: number;
}

const states = new WeakMap<Task, ProcState>();

export function procState(t: Task): ProcState {
  let s = states.get(t);
  if (!s) {
    const rlim = defaultRlimits();
    rlim[RLIMIT_NOFILE].cur = BigInt(t.files.max);
    s = {
      rlim,
      itimers: [{ deadlineNs: 0n, intervalNs: 0n }, { deadlineNs: 0n, intervalNs: 0n }, { deadlineNs: 0n, intervalNs: 0n }],
      altstack: { sp: 0, flags: 2, size: 0 },
      pdeathsig: 0, dumpable: 1, keepcaps: 0, noNewPrivs: 0, childSubreaper: 0, clearChildTid: 0,
      fsBase: 0, gsBase: 0, cancelReal: null, caps: null, restartBlock: null, realBlocked: 0n, cutimeMs: 0, cstimeMs: 0,
    };
    states.set(t, s);
  }
  return s;
}

/** Peek without creating. */
export function procStateIfAny(t: Task): ProcState | undefined {
  return states.get(t);
}

// fork: EAGAIN past threads-max, or when the real user already has RLIMIT_NPROC processes
// (root, and holders of CAP_SYS_RESOURCE or CAP_SYS_ADMIN, are exempt from the latter): a fork
// bomb stops there.
forkChecks.push((parent) => {
  let all = 0, mine = 0;
  const uid = parent.cred.uid;
  for (const t of allTasks()) { // zombies count until reaped, as in Linux
    all++;
    if (t.cred.uid === uid) mine++;
  }
  if (all >= MAX_THREADS) throw new Errno(EAGAIN);
  const limit = (states.get(parent)?.rlim ?? defaultRlimits())[RLIMIT_NPROC].cur;
  if (uid !== 0 && !capable(parent.cred) && BigInt(mine) >= limit) throw new Errno(EAGAIN);
});

// fork: limits, the alternate stack, dumpable, no_new_privs and capabilities are inherited;
// timers, the parent-death signal and the children's times are not.
forkHooks.push((parent, child) => {
  const p = states.get(parent);
  if (!p) return;
  const c = procState(child);
  c.rlim = p.rlim.map((r) => ({ ...r }));
  c.altstack = { ...p.altstack };
  c.dumpable = p.dumpable;
  c.keepcaps = p.keepcaps;
  c.noNewPrivs = p.noNewPrivs;
  c.caps = p.caps ? { ...p.caps } : null;
});
