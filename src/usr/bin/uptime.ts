// uptime: how long the system has been running (procps-ng: " 21:05:00 up 0 min,  1 user,
// load average: 0.00, 0.00, 0.00", -p pretty, -s since). Uptime and load come from
// /proc/uptime and /proc/loadavg, or sysinfo(2) when /proc is not mounted. Typix keeps no
// utmp: the users counted are the sessions that have a terminal (from /proc/PID/stat).
import { clock_gettime, CLOCK_REALTIME, localtime, strftime } from "../../lib/libc/time.js";
import { opendir, readdir, closedir } from "../../lib/libc/dirent.js";
import { Tool, parseOpts, readFileBytes, bytesToStr } from "../lib/common.js";
import { sysinfo } from "../lib/sys/kernel.js";

const HELP = `
Usage:
 uptime [options]

Options:
 -p, --pretty   show uptime in pretty format
 -h, --help     display this help and exit
 -s, --since    system up since
 -V, --version  output version information and exit

For more details see uptime(1).
`;

async function procText(path: string): Promise<string | null> {
  const b = await readFileBytes(path);
  return b ? bytesToStr(b) : null;
}

/** Sessions with a controlling terminal: the leaders (pid == sid) whose tty_nr is set. */
async function countUsers(): Promise<number> {
  const d = await opendir("/proc");
  if (!d) return 0;
  const ttys = new Set<string>();
  for (let e = await readdir(d); e; e = await readdir(d)) {
    if (!/^\d+$/.test(e.d_name)) continue;
    const st = await procText(`/proc/${e.d_name}/stat`);
    if (!st) continue;
    const f = st.slice(st.lastIndexOf(")") + 2).split(" ");
    // After the name: state ppid pgrp session tty_nr ...
    if (f[3] === e.d_name && f[4] !== "0") ttys.add(f[4]);
  }
  await closedir(d);
  return ttys.size;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("uptime", HELP);
  const p = await parseOpts(t, argv, { short: "psV", long: { pretty: "p", since: "s", version: "V" } });
  if (typeof p === "number") return p;
  if (p.operands.length) return t.usage();
  let up: number, loads: number[];
  const u = await procText("/proc/uptime"), l = await procText("/proc/loadavg");
  if (u && l) {
    up = Number(u.split(" ")[0]);
    loads = l.split(" ").slice(0, 3).map(Number);
  } else {
    const si = await sysinfo();
    if (!si) { await t.error(`cannot get system uptime: ${t.errText}`); return 1; }
    up = si.uptime;
    loads = si.loads.map((x) => x / 65536);
  }
  const now = { tv_sec: 0, tv_nsec: 0 };
  await clock_gettime(CLOCK_REALTIME, now);
  const f = new Set(p.opts.map(([k]) => k));
  if (f.has("V")) { t.out.text("uptime from procps-ng 4.0.2\n"); return t.finish(0); }
  if (f.has("s")) {
    t.out.text(strftime("%Y-%m-%d %H:%M:%S", localtime(Math.floor(now.tv_sec - up))) + "\n");
    return t.finish(0);
  }
  const secs = Math.floor(up);
  const days = Math.floor(secs / 86400), hours = Math.floor(secs / 3600) % 24, mins = Math.floor(secs / 60) % 60;
  if (f.has("p")) {
    const parts: string[] = [];
    const unit = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
    const weeks = Math.floor(days / 7);
    if (weeks) parts.push(unit(weeks, "week"));
    if (days % 7) parts.push(unit(days % 7, "day"));
    if (hours) parts.push(unit(hours, "hour"));
    if (mins || parts.length === 0) parts.push(unit(mins, "minute"));
    t.out.text(`up ${parts.join(", ")}\n`);
    return t.finish(0);
  }
  let s = ` ${strftime("%H:%M:%S", localtime(now.tv_sec))} up `;
  if (days) s += `${days} day${days === 1 ? "" : "s"}, `;
  s += hours ? `${String(hours).padStart(2)}:${String(mins).padStart(2, "0")}, ` : `${mins} min, `;
  const users = await countUsers();
  s += `${String(users).padStart(2)} user${users === 1 ? "" : "s"},  load average: ${loads.map((x) => x.toFixed(2)).join(", ")}\n`;
  t.out.text(s);
  return t.finish(0);
}
