// ps: report a snapshot of the processes (procps-ng). UNIX options (-e -A -f -u USER -p PIDS
// -o FORMAT), BSD options (a u x, and a bare PID list) and GNU ones (--no-headers, --pid,
// --user, --format). Default: the caller's processes on its terminal, "PID TTY TIME CMD".
// Data comes from /proc/PID/stat, status and cmdline (../lib/sys/procps.ts).
import { write, isatty, geteuid, getpid } from "../../lib/libc/unistd.js";
import { Tool } from "../lib/common.js";
import { loadIds, type IdDb } from "../lib/ids.js";
import { termWidth } from "../lib/term.js";
import { MONTHS, now } from "../lib/time.js";
import { readProcs, readProc, sysFigures, ttyName, HZ, type Proc, type SysFigures } from "../lib/sys/procps.js";

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

const HELP = `
Usage:
 ps [options]

Basic options:
 -A, -e               all processes
 -a                   all with tty, except session leaders
  a                   all with tty, including other users
 -d                   all except session leaders
 -N, --deselect       negate selection
  r                   only running processes
  T                   all processes on this terminal
  x                   processes without controlling ttys

For more details see ps(1).
`;

interface Ctx { ids: IdDb; sys: SysFigures; nowSec: number }

interface Column { key: string; header: string; width: number; right: boolean; value: (p: Proc, c: Ctx) => string }

const p2 = (n: number) => String(n).padStart(2, "0");

/** Seconds of CPU time used. */
const cpuSecs = (p: Proc) => Math.floor((p.utime + p.stime) / HZ);
/** Seconds since the process started. */
const runSecs = (p: Proc, c: Ctx) => Math.max(0, c.sys.uptime - p.start / HZ);

/** "[DD-]HH:MM:SS", as TIME shows it. */
function hms(s: number): string {
  const d = Math.floor(s / 86400);
  const t = `${p2(Math.floor(s / 3600) % 24)}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}`;
  return d ? `${d}-${t}` : t;
}

/** "[[DD-]hh:]mm:ss", as ELAPSED shows it. */
function elapsed(s: number): string {
  const d = Math.floor(s / 86400), h = Math.floor(s / 3600) % 24, m = Math.floor(s / 60) % 60;
  if (d) return `${d}-${p2(h)}:${p2(m)}:${p2(s % 60)}`;
  if (h) return `${p2(h)}:${p2(m)}:${p2(s % 60)}`;
  return `${p2(m)}:${p2(s % 60)}`;
}

/** START and STIME: "HH:MM" today, "MonDD" this year, else the year. */
function startTime(p: Proc, c: Ctx): string {
  const at = new Date((c.sys.btime + Math.floor(p.start / HZ)) * 1000);
  const n = new Date(c.nowSec * 1000);
  if (at.getUTCFullYear() !== n.getUTCFullYear()) return String(at.getUTCFullYear());
  if (at.getUTCMonth() !== n.getUTCMonth() || at.getUTCDate() !== n.getUTCDate()) return `${MONTHS[at.getUTCMonth()]}${p2(at.getUTCDate())}`;
  return `${p2(at.getUTCHours())}:${p2(at.getUTCMinutes())}`;
}

/** Tenths of a percent, as "%2u.%u". */
const tenths = (v: number) => `${Math.floor(v / 10)}.${v % 10}`;

function pcpu(p: Proc, c: Ctx): number {
  const secs = runSecs(p, c);
  return secs > 0 ? Math.min(999, Math.floor(((p.utime + p.stime) * 1000) / HZ / secs)) : 0;
}

function statCode(p: Proc): string {
  let s = p.state;
  if (p.nice < 0) s += "<"; else if (p.nice > 0) s += "N";
  if (p.sid === p.pid) s += "s";
  if (p.threads > 1) s += "l";
  if (p.tpgid !== -1 && p.tpgid === p.pgrp) s += "+";
  return s;
}

function userName(c: Ctx, uid: number): string {
  const n = c.ids.users.get(uid) ?? String(uid);
  return n.length > 8 ? n.slice(0, 7) + "+" : n;
}

const zombie = (p: Proc) => p.state === "Z";
const argsOf = (p: Proc) => (p.args.length && p.args.join("") !== "" && !zombie(p) ? p.args.join(" ") : `[${p.comm}]`) + (zombie(p) ? " <defunct>" : "");
const commOf = (p: Proc) => p.comm + (zombie(p) ? " <defunct>" : "");

const COLUMNS: Record<string, Omit<Column, "key">> = {
  pid: { header: "PID", width: 7, right: true, value: (p) => String(p.pid) },
  ppid: { header: "PPID", width: 7, right: true, value: (p) => String(p.ppid) },
  pgid: { header: "PGID", width: 7, right: true, value: (p) => String(p.pgrp) },
  pgrp: { header: "PGRP", width: 7, right: true, value: (p) => String(p.pgrp) },
  sid: { header: "SID", width: 7, right: true, value: (p) => String(p.sid) },
  sess: { header: "SESS", width: 7, right: true, value: (p) => String(p.sid) },
  tpgid: { header: "TPGID", width: 7, right: true, value: (p) => String(p.tpgid) },
  comm: { header: "COMMAND", width: 15, right: false, value: commOf },
  ucmd: { header: "CMD", width: 15, right: false, value: commOf },
  args: { header: "COMMAND", width: 27, right: false, value: argsOf },
  cmd: { header: "CMD", width: 27, right: false, value: argsOf },
  command: { header: "COMMAND", width: 27, right: false, value: argsOf },
  stat: { header: "STAT", width: 4, right: false, value: statCode },
  s: { header: "S", width: 1, right: false, value: (p) => p.state },
  state: { header: "S", width: 1, right: false, value: (p) => p.state },
  tty: { header: "TT", width: 8, right: false, value: (p) => ttyName(p.ttyNr) },
  tt: { header: "TT", width: 8, right: false, value: (p) => ttyName(p.ttyNr) },
  user: { header: "USER", width: 8, right: false, value: (p, c) => userName(c, p.euid) },
  euser: { header: "EUSER", width: 8, right: false, value: (p, c) => userName(c, p.euid) },
  ruser: { header: "RUSER", width: 8, right: false, value: (p, c) => userName(c, p.ruid) },
  uname: { header: "USER", width: 8, right: false, value: (p, c) => userName(c, p.euid) },
  uid: { header: "UID", width: 5, right: true, value: (p) => String(p.euid) },
  euid: { header: "EUID", width: 5, right: true, value: (p) => String(p.euid) },
  ruid: { header: "RUID", width: 5, right: true, value: (p) => String(p.ruid) },
  gid: { header: "GID", width: 5, right: true, value: (p) => String(p.egid) },
  time: { header: "TIME", width: 8, right: true, value: (p) => hms(cpuSecs(p)) },
  cputime: { header: "TIME", width: 8, right: true, value: (p) => hms(cpuSecs(p)) },
  etime: { header: "ELAPSED", width: 11, right: true, value: (p, c) => elapsed(Math.floor(runSecs(p, c))) },
  etimes: { header: "ELAPSED", width: 7, right: true, value: (p, c) => String(Math.floor(runSecs(p, c))) },
  rss: { header: "RSS", width: 5, right: true, value: (p) => String(p.rss * 4) },
  rssize: { header: "RSS", width: 5, right: true, value: (p) => String(p.rss * 4) },
  vsz: { header: "VSZ", width: 6, right: true, value: (p) => String(Math.floor(p.vsize / 1024)) },
  vsize: { header: "VSZ", width: 6, right: true, value: (p) => String(Math.floor(p.vsize / 1024)) },
  "%cpu": { header: "%CPU", width: 4, right: true, value: (p, c) => tenths(pcpu(p, c)) },
  pcpu: { header: "%CPU", width: 4, right: true, value: (p, c) => tenths(pcpu(p, c)) },
  "%mem": { header: "%MEM", width: 4, right: true, value: (p, c) => tenths(c.sys.memTotalKb ? Math.min(999, Math.floor((p.rss * 4 * 1000) / c.sys.memTotalKb)) : 0) },
  pmem: { header: "%MEM", width: 4, right: true, value: (p, c) => tenths(c.sys.memTotalKb ? Math.min(999, Math.floor((p.rss * 4 * 1000) / c.sys.memTotalKb)) : 0) },
  c: { header: "C", width: 2, right: true, value: (p, c) => String(Math.min(99, Math.floor(pcpu(p, c) / 10))) },
  ni: { header: "NI", width: 3, right: true, value: (p) => String(p.nice) },
  nice: { header: "NI", width: 3, right: true, value: (p) => String(p.nice) },
  pri: { header: "PRI", width: 3, right: true, value: (p) => String(19 - p.nice) },
  start_time: { header: "START", width: 5, right: true, value: startTime },
  stime: { header: "STIME", width: 5, right: false, value: startTime },
  bsdstart: { header: "START", width: 6, right: true, value: startTime },
  bsdtime: { header: "TIME", width: 6, right: true, value: (p) => `${Math.floor(cpuSecs(p) / 60)}:${p2(cpuSecs(p) % 60)}` },
};

function col(key: string, header?: string): Column {
  const c = COLUMNS[key];
  return { key, ...c, header: header ?? c.header };
}

const FORMATS = {
  default: () => [col("pid"), col("tty", "TTY"), col("time"), col("ucmd")],
  full: () => [col("uname", "UID"), col("pid"), col("ppid"), col("c"), col("stime"), col("tty", "TTY"), col("time"), col("cmd")],
  user: () => [col("user"), col("pid"), col("%cpu"), col("%mem"), col("vsz"), col("rss"), col("tty", "TTY"), col("stat"),
    col("start_time"), col("bsdtime"), col("command")],
  bsd: () => [col("pid"), col("tty", "TTY"), col("stat"), col("bsdtime"), col("command")],
};

/** Render rows as procps does: right columns padded left, left ones padded right, the last unpadded. */
function render(cols: Column[], rows: string[][], headers: boolean, maxWidth: number): string {
  let out = "";
  const all = headers ? [cols.map((c) => c.header), ...rows] : rows;
  for (const r of all) {
    let line = "";
    r.forEach((v, i) => {
      const c = cols[i];
      if (i) line += " ";
      if (c.right) line += v.padStart(c.width);
      else line += i === cols.length - 1 ? v : v.padEnd(c.width);
    });
    out += (maxWidth > 0 ? line.slice(0, maxWidth) : line) + "\n";
  }
  return out;
}

async function usageError(msg: string): Promise<number> {
  await write(2, `error: ${msg}\n${USAGE}`);
  return 1;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("ps", HELP);
  let all = false, bsdA = false, bsdX = false, bsdU = false, bsd = false, full = false, headers = true;
  const users: string[] = [], pidArgs: string[] = [];
  let format: Column[] | null = null;
  const addFormat = (spec: string): string | null => {
    format ??= [];
    // "a,b,c" or "a b c"; "key=Header" renames (and takes the rest of the word).
    for (const part of spec.match(/[^,\s=]+(=.*$)?/g) ?? []) {
      const eq = part.indexOf("=");
      const key = (eq < 0 ? part : part.slice(0, eq)).toLowerCase();
      if (!COLUMNS[key]) return key;
      format.push(col(key, eq < 0 ? undefined : part.slice(eq + 1)));
    }
    return null;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const takeArg = (rest: string): string | null => (rest !== "" ? rest : i + 1 < argv.length ? argv[++i] : null);
    if (a.startsWith("--")) {
      const [name, val] = a.includes("=") ? [a.slice(2, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a.slice(2), null];
      if (name === "help") { t.out.text(HELP); return t.finish(0); }
      if (name === "no-headers" || name === "no-heading") { headers = false; continue; }
      if (name === "version") { t.out.text("ps from procps-ng 4.0.2\n"); return t.finish(0); }
      const v = val ?? (i + 1 < argv.length ? argv[++i] : null);
      if (v === null) return usageError("list of process IDs must follow --pid");
      if (name === "pid") pidArgs.push(v);
      else if (name === "user") users.push(v);
      else if (name === "format") { const bad = addFormat(v); if (bad) return usageError(`unknown user-defined format specifier "${bad}"`); }
      else return usageError("unknown gnu long option");
    } else if (a.startsWith("-")) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j];
        if (ch === "e" || ch === "A") all = true;
        else if (ch === "f") full = true;
        else if (ch === "u" || ch === "U" || ch === "p" || ch === "o") {
          const v = takeArg(a.slice(j + 1));
          if (v === null) return usageError(ch === "p" ? "list of process IDs must follow -p" : ch === "o" ? "improper format list" : "list of users must follow -u");
          if (ch === "p") pidArgs.push(v);
          else if (ch === "o") { const bad = addFormat(v); if (bad) return usageError(`unknown user-defined format specifier "${bad}"`); }
          else users.push(v);
          break;
        } else if (ch === "w" || ch === "l" || ch === "H") { /* wide output, long format hints: accepted */ }
        else return usageError("unsupported SysV option");
      }
    } else if (/^\d[\d,]*$/.test(a)) pidArgs.push(a);
    else {
      bsd = true;
      for (const ch of a) {
        if (ch === "a") bsdA = true;
        else if (ch === "x") bsdX = true;
        else if (ch === "u") bsdU = true;
        else if (ch === "e" || ch === "w" || ch === "f") { /* environment, width, forest: accepted */ }
        else return usageError("unsupported option (BSD syntax)");
      }
    }
  }
  const pids = new Set<number>();
  for (const list of pidArgs) {
    for (const s of list.split(/[,\s]+/).filter(Boolean)) {
      if (!/^\d+$/.test(s) || Number(s) === 0) return usageError("process ID list syntax error");
      pids.add(Number(s));
    }
  }
  const ids = await loadIds();
  const uids = new Set<number>();
  for (const list of users) {
    for (const u of list.split(",").filter(Boolean)) {
      const id = ids.userIds.get(u) ?? (/^\d+$/.test(u) ? Number(u) : undefined);
      if (id === undefined) return usageError("user name does not exist");
      uids.add(id);
    }
  }

  const me = await geteuid();
  const self = await readProc(await getpid());
  const myTty = self?.ttyNr ?? 0;
  const explicit = pids.size > 0 || uids.size > 0;
  const selected = (p: Proc): boolean => {
    if (explicit) return pids.has(p.pid) || uids.has(p.euid);
    if (all || (bsdA && bsdX)) return true;
    if (bsdA) return p.ttyNr !== 0;
    if (bsdX) return p.euid === me;
    if (bsd) return p.euid === me && p.ttyNr !== 0;
    return p.euid === me && p.ttyNr === myTty;
  };

  const cols = format ?? (full ? FORMATS.full() : bsdU ? FORMATS.user() : bsd ? FORMATS.bsd() : FORMATS.default());
  const sys = await sysFigures();
  const ts = await now();
  const ctx: Ctx = { ids, sys, nowSec: ts.tv_sec };
  const procs = (await readProcs()).filter(selected);
  const rows = procs.map((p) => cols.map((c) => c.value(p, ctx)));
  const showHeaders = headers && cols.some((c) => c.header !== "");
  const width = (await isatty(1)) ? await termWidth(1) : 0;
  t.out.text(render(cols, rows, showHeaders, width));
  return t.finish(procs.length ? 0 : 1);
}
