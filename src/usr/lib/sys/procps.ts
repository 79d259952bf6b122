// Reading processes from /proc, as procps's library does for ps, w and top: each /proc/PID's
// stat (one line of numbers), status (the ids) and cmdline (the arguments), plus the few
// system-wide figures they are measured against (boot time, uptime, memory).
import { opendir, readdir, closedir } from "../../../lib/libc/dirent.js";
import { readFileBytes, bytesToStr, fromUtf8 } from "../common.js";

/** Clock ticks per second of the times in /proc (USER_HZ). */
export const HZ = 100;

export interface Proc {
  pid: number; comm: string; state: string; ppid: number; pgrp: number; sid: number; ttyNr: number; tpgid: number;
  utime: number; stime: number; nice: number; threads: number; start: number; vsize: number; rss: number;
  ruid: number; euid: number; rgid: number; egid: number;
  /** The arguments; empty for a kernel thread or a zombie. */
  args: string[];
}

const text = async (path: string): Promise<string | null> => {
  const b = await readFileBytes(path);
  return b ? fromUtf8(bytesToStr(b)) : null;
};

/** One process, or null when it went away while being read. */
export async function readProc(pid: number): Promise<Proc | null> {
  const stat = await text(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // comm may hold spaces and parentheses: it runs from the first "(" to the last ")".
  const open = stat.indexOf("("), close = stat.lastIndexOf(")");
  const f = stat.slice(close + 2).trim().split(" ");
  const n = (i: number) => Number(f[i - 3]);
  const status = (await text(`/proc/${pid}/status`)) ?? "";
  const ids = (key: string) => (new RegExp(`^${key}:\\t(\\d+)\\t(\\d+)`, "m").exec(status) ?? ["", "0", "0"]).slice(1).map(Number);
  const [ruid, euid] = ids("Uid");
  const [rgid, egid] = ids("Gid");
  const cmd = await readFileBytes(`/proc/${pid}/cmdline`);
  let args: string[] = [];
  if (cmd && cmd.length) {
    const s = fromUtf8(bytesToStr(cmd));
    args = (s.endsWith("\0") ? s.slice(0, -1) : s).split("\0");
  }
  return {
    pid, comm: stat.slice(open + 1, close), state: f[0], ppid: n(4), pgrp: n(5), sid: n(6), ttyNr: n(7), tpgid: n(8),
    utime: n(14), stime: n(15), nice: n(19), threads: n(20), start: n(22), vsize: n(23), rss: n(24),
    ruid, euid, rgid, egid, args,
  };
}

/** Every process, in /proc's order (ascending PID). */
export async function readProcs(): Promise<Proc[]> {
  const dir = await opendir("/proc");
  if (!dir) return [];
  const pids: number[] = [];
  for (let d = await readdir(dir); d; d = await readdir(dir)) if (/^\d+$/.test(d.d_name)) pids.push(Number(d.d_name));
  await closedir(dir);
  pids.sort((a, b) => a - b);
  const out: Proc[] = [];
  for (const pid of pids) {
    const p = await readProc(pid);
    if (p) out.push(p);
  }
  return out;
}

export interface SysFigures { btime: number; uptime: number; memTotalKb: number }

/** Boot time (seconds since the epoch), uptime (seconds) and MemTotal (kB). */
export async function sysFigures(): Promise<SysFigures> {
  const stat = (await text("/proc/stat")) ?? "";
  const up = (await text("/proc/uptime")) ?? "0";
  const mem = (await text("/proc/meminfo")) ?? "";
  return {
    btime: Number(/^btime (\d+)/m.exec(stat)?.[1] ?? 0),
    uptime: Number(up.split(" ")[0]) || 0,
    memTotalKb: Number(/^MemTotal:\s+(\d+)/m.exec(mem)?.[1] ?? 0),
  };
}

/** The terminal a tty_nr names, as ps prints it: "pts/0", "tty1", "ttyS0", "console", or "?". */
export function ttyName(ttyNr: number): string {
  if (ttyNr === 0) return "?";
  const major = (ttyNr >> 8) & 0xfff, minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
  if (major === 4) return minor < 64 ? `tty${minor}` : `ttyS${minor - 64}`;
  if (major === 5) return minor === 1 ? "console" : minor === 0 ? "tty" : minor === 2 ? "ptmx" : "?";
  if (major >= 136 && major <= 143) return `pts/${(major - 136) * 256 + minor}`;
  return "?";
}
