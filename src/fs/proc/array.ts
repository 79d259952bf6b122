// /proc/PID/status and /proc/PID/stat (Linux's fs/proc/array.c): a process's state, ids,
// memory and signals, as text for people and as one line of numbers for ps and top.
import { userTimeMs } from "../../kernel/task.js";
import type { Task } from "../../kernel/task.js";
import { TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE, TASK_STOPPED } from "../../kernel/sched.js";
import { SIG_IGN, SIG_DFL, NSIG } from "../../include/uapi/signal.js";
import { PROT_EXEC, PROT_WRITE } from "../../include/uapi/mman.js";
import { MAJOR, MINOR } from "../../include/uapi/stat.js";
import { msToTicks } from "./generic.js";
import { procStateIfAny, defaultRlimits, RLIMIT_SIGPENDING } from "../../kernel/proc_state.js";

/** The state letter and its word, as "State:" shows them. */
export function taskState(t: Task): [string, string] {
  if (t.exitState === "zombie") return ["Z", "zombie"];
  if (t.exitState === "dead") return ["X", "dead"];
  if (t.state === TASK_STOPPED) return ["T", "stopped"];
  if (t.state === TASK_INTERRUPTIBLE) return ["S", "sleeping"];
  if (t.state === TASK_UNINTERRUPTIBLE) return ["D", "disk sleep"];
  return ["R", "running"];
}

export interface MemFigures { size: number; data: number; stack: number; exe: number; anon: number; file: number }

/** The sizes of t's address space, bytes. */
export function memFigures(t: Task): MemFigures | null {
  const mm = t.mm;
  if (!mm) return null;
  const f: MemFigures = { size: 0, data: 0, stack: 0, exe: 0, anon: 0, file: 0 };
  for (const a of mm.areas) {
    const n = a.end - a.start;
    f.size += n;
    if (a.name === "[stack]") f.stack += n;
    else if (a.prot & PROT_EXEC) f.exe += n;
    else if (a.prot & PROT_WRITE && !a.shared) f.data += n;
    if (a.name.startsWith("/")) f.file += n; else f.anon += n;
  }
  return f;
}

const hex16 = (v: bigint) => v.toString(16).padStart(16, "0");

/** The ignored and caught signal sets (SigIgn, SigCgt). */
export function signalSets(t: Task): { ign: bigint; cgt: bigint } {
  let ign = 0n, cgt = 0n;
  for (let sig = 1; sig <= NSIG && sig < t.sighand.length; sig++) {
    const h = t.sighand[sig].handler;
    if (h === SIG_IGN) ign |= 1n << BigInt(sig - 1);
    else if (h !== SIG_DFL) cgt |= 1n << BigInt(sig - 1);
  }
  return { ign, cgt };
}

/** FDSize: the descriptor table's size, 64 and growing by powers of two, as Linux's fdtable. */
function fdSize(t: Task): number {
  const fds = t.files.list();
  const top = fds.length ? fds[fds.length - 1] + 1 : 0;
  let n = 64;
  while (n < top) n *= 2;
  return n;
}

/** The tty_nr of stat: the device number in the kernel's new_encode_dev form. */
function ttyNr(t: Task): number {
  const dev = t.tty?.dev as number | undefined;
  if (dev === undefined) return 0;
  const major = MAJOR(dev), minor = MINOR(dev);
  return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
}

const kB = (label: string, bytes: number) => `${label}:\t${String(Math.floor(bytes / 1024)).padStart(8)} kB\n`;

/*
 * /proc/PID/status: "Field:\tvalue\n" lines, in Linux's order:
 *   Name, Umask (%04o), State ("S (sleeping)"), Tgid, Ngid, Pid, PPid, TracerPid,
 *   Uid and Gid (real, effective, saved, filesystem, tab-separated), FDSize, Groups ("%d " each),
 *   NStgid, NSpid, NSpgid, NSsid, the Vm* sizes ("%8lu kB"; absent without an address space),
 *   Threads, SigQ, SigPnd, ShdPnd, SigBlk, SigIgn, SigCgt (16 hex digits), the capability sets,
 *   NoNewPrivs, Seccomp, Cpus_allowed(_list), Mems_allowed(_list).
 */
export function statusShow(t: Task): string {
  const c = t.cred;
  const [letter, word] = taskState(t);
  const ps = procStateIfAny(t);
  let s = `Name:\t${t.comm}\n`;
  s += `Umask:\t${t.fs.umask.toString(8).padStart(4, "0")}\n`;
  s += `State:\t${letter} (${word})\n`;
  s += `Tgid:\t${t.tgid}\nNgid:\t0\nPid:\t${t.pid}\nPPid:\t${t.parent?.pid ?? 0}\n`;
  s += `TracerPid:\t${t.ptrace?.tracer?.pid ?? 0}\n`;
  s += `Uid:\t${c.uid}\t${c.euid}\t${c.suid}\t${c.fsuid}\n`;
  s += `Gid:\t${c.gid}\t${c.egid}\t${c.sgid}\t${c.fsgid}\n`;
  s += `FDSize:\t${fdSize(t)}\n`;
  s += `Groups:\t${c.groups.map((g) => `${g} `).join("")}\n`;
  s += `NStgid:\t${t.tgid}\nNSpid:\t${t.pid}\nNSpgid:\t${t.pgid}\nNSsid:\t${t.sid}\n`;
  const m = t.isAlive() ? memFigures(t) : null;
  if (m) {
    s += kB("VmPeak", m.size) + kB("VmSize", m.size) + kB("VmLck", 0) + kB("VmPin", 0);
    s += kB("VmHWM", m.size) + kB("VmRSS", m.size) + kB("RssAnon", m.anon) + kB("RssFile", m.file) + kB("RssShmem", 0);
    s += kB("VmData", m.data) + kB("VmStk", m.stack) + kB("VmExe", m.exe) + kB("VmLib", 0);
    s += kB("VmPTE", Math.ceil(m.size / (2 << 20)) * 4096) + kB("VmSwap", 0);
    s += `HugetlbPages:\t${String(0).padStart(8)} kB\n`;
  }
  s += `CoreDumping:\t0\nTHP_enabled:\t1\n`;
  s += `Threads:\t${1 + t.leader.threads.size}\n`;
  let queued = 0;
  for (let b = t.pending; b; b &= b - 1n) queued++;
  s += `SigQ:\t${queued}/${(procStateIfAny(t)?.rlim ?? defaultRlimits())[RLIMIT_SIGPENDING].cur}\n`;
  const { ign, cgt } = signalSets(t);
  s += `SigPnd:\t${hex16(t.pending)}\nShdPnd:\t${hex16(0n)}\nSigBlk:\t${hex16(t.blocked)}\n`;
  s += `SigIgn:\t${hex16(ign)}\nSigCgt:\t${hex16(cgt)}\n`;
  const full = 0x1ffffffffffn;
  const caps = ps?.caps ?? (c.euid === 0 ? { inh: 0n, perm: full, eff: full } : { inh: 0n, perm: 0n, eff: 0n });
  s += `CapInh:\t${hex16(caps.inh)}\nCapPrm:\t${hex16(caps.perm)}\nCapEff:\t${hex16(caps.eff)}\n`;
  s += `CapBnd:\t${hex16(full)}\nCapAmb:\t${hex16(0n)}\n`;
  s += `NoNewPrivs:\t${ps?.noNewPrivs ?? 0}\nSeccomp:\t0\nSeccomp_filters:\t0\n`;
  s += `Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t00000001\nMems_allowed_list:\t0\n`;
  return s;
}

/*
 * /proc/PID/stat: one line of 52 space-separated fields (proc(5)):
 *   pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
 *   utime stime cutime cstime priority nice num_threads itrealvalue starttime vsize rss rsslim
 *   startcode endcode startstack kstkesp kstkeip signal blocked sigignore sigcatch wchan nswap
 *   cnswap exit_signal processor rt_priority policy delayacct_blkio_ticks guest_time
 *   cguest_time start_data end_data start_brk arg_start arg_end env_start env_end exit_code
 * Times in clock ticks (USER_HZ), vsize in bytes, rss in pages.
 */
export function statShow(t: Task): string {
  const [letter] = taskState(t);
  const ps = procStateIfAny(t);
  const mm = t.isAlive() ? t.mm : null;
  const m = t.isAlive() ? memFigures(t) : null;
  const { ign, cgt } = signalSets(t);
  const tpgid = t.tty ? (t.tty.pgrp || -1) : -1;
  const nice = t.niceness;
  // task_prio(): -1 - rt_priority for SCHED_FIFO (1) and SCHED_RR (2), 20 + nice otherwise.
  const prio = t.schedPolicy === 1 || t.schedPolicy === 2 ? -1 - t.rtPriority : 20 + nice;
  const f: (number | string | bigint)[] = [
    t.pid, `(${t.comm})`, letter, t.parent?.pid ?? 0, t.pgid, t.sid, ttyNr(t), tpgid,
    0x400000, 0, 0, 0, 0,
    msToTicks(userTimeMs(t)), msToTicks(t.stimeMs), msToTicks(ps?.cutimeMs ?? 0), msToTicks(ps?.cstimeMs ?? 0),
    prio, nice, 1 + t.leader.threads.size, 0, msToTicks(t.startTime),
    m?.size ?? 0, m ? Math.floor(m.size / 4096) : 0, "18446744073709551615",
    mm?.startCode ?? 0, mm?.endCode ?? 0, mm?.startStack ?? 0, 0, 0,
    t.pending & 0x7fffffffn, t.blocked & 0x7fffffffn, ign & 0x7fffffffn, cgt & 0x7fffffffn,
    0, 0, 0, t.exitSignal, 0, t.rtPriority, t.schedPolicy, 0, 0, 0,
    mm?.startData ?? 0, mm?.endData ?? 0, mm?.startBrk ?? 0, mm?.argStart ?? 0, mm?.argEnd ?? 0,
    mm?.envStart ?? 0, mm?.envEnd ?? 0, t.exitState ? t.exitCode : 0,
  ];
  return f.join(" ") + "\n";
}
