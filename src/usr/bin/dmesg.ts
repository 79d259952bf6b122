// dmesg: print or control the kernel ring buffer (util-linux: -C -c -D -E -k -u -l LEVELS
// -f FACILITIES -n LEVEL -r -s SIZE -t -T -w -x, --since/--until TIME). It reads the buffer with syslog(2)
// (SYSLOG_ACTION_READ_ALL) and follows it (-w) through /dev/kmsg.
import { read, close } from "../../lib/libc/unistd.js";
import { open, O_RDONLY } from "../../lib/libc/fcntl.js";
import { clock_gettime, CLOCK_REALTIME, CLOCK_BOOTTIME, localtime, strftime } from "../../lib/libc/time.js";
import { Tool, parseOpts } from "../lib/common.js";
import { parseTimestamp } from "../lib/sys/parse_timestamp.js";
import {
  klogctl, SYSLOG_ACTION_READ_ALL, SYSLOG_ACTION_READ_CLEAR, SYSLOG_ACTION_CLEAR, SYSLOG_ACTION_CONSOLE_LEVEL,
  SYSLOG_ACTION_CONSOLE_OFF, SYSLOG_ACTION_CONSOLE_ON, SYSLOG_ACTION_SIZE_BUFFER,
} from "../lib/sys/kernel.js";

const HELP = `
Usage:
 dmesg [options]

Display or control the kernel ring buffer.

Options:
 -C, --clear                 clear the kernel ring buffer
 -c, --read-clear            read and clear all messages
 -D, --console-off           disable printing messages to console
 -E, --console-on            enable printing messages to console
 -f, --facility <list>       restrict output to defined facilities
 -k, --kernel                display kernel messages
 -l, --level <list>          restrict output to defined levels
 -n, --console-level <level> set level of messages printed to console
 -r, --raw                   print the raw message buffer
 -s, --buffer-size <size>    buffer size to query the kernel ring buffer
 -u, --userspace             display userspace messages
 -w, --follow                wait for new messages
 -x, --decode                decode facility and level to readable string
 -T, --ctime                 show human-readable timestamp (may be inaccurate!)
 -t, --notime                don't show any timestamp with messages
     --since <time>          display the lines since the specified time
     --until <time>          display the lines until the specified time

Supported log facilities:
    kern - kernel messages
    user - random user-level messages
    mail - mail system
  daemon - system daemons
    auth - security/authorization messages
  syslog - messages generated internally by syslogd
     lpr - line printer subsystem
    news - network news subsystem

Supported log levels (priorities):
   emerg - system is unusable
   alert - action must be taken immediately
    crit - critical conditions
     err - error conditions
    warn - warning conditions
  notice - normal but significant condition
    info - informational
   debug - debug-level messages
`;

const LEVELS = ["emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"];
const FACILITIES = ["kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp"];

interface Rec { fac: number; level: number; usec: number | null; text: string }

/** One line of syslog(2)'s buffer: "<P>[    1.234567] text". */
function parseSyslogLine(line: string): Rec {
  const m = /^<(\d+)>(?:\[\s*(\d+)\.(\d+)\] ?)?(.*)$/s.exec(line);
  if (!m) return { fac: 0, level: 4, usec: null, text: line };
  const p = Number(m[1]);
  return { fac: p >> 3, level: p & 7, usec: m[2] === undefined ? null : Number(m[2]) * 1e6 + Number(m[3].padEnd(6, "0").slice(0, 6)), text: m[4] };
}

/** One /dev/kmsg record: "P,SEQ,USEC,FLAGS;text\n" and continuation lines. */
function parseKmsg(rec: string): Rec | null {
  const semi = rec.indexOf(";");
  if (semi < 0) return null;
  const [p, , usec] = rec.slice(0, semi).split(",");
  const text = rec.slice(semi + 1).split("\n")[0].replace(/\\x([0-9a-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return { fac: Number(p) >> 3, level: Number(p) & 7, usec: Number(usec), text };
}

function parseList(list: string, names: string[]): Set<number> | string {
  const set = new Set<number>();
  for (const w of list.split(",")) {
    const i = names.indexOf(w.replace(/^\+/, ""));
    if (i < 0) return w;
    set.add(i);
  }
  return set;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("dmesg", HELP);
  const p = await parseOpts(t, argv, {
    short: "CcDEf:kl:n:rs:uwxTtF:SdeHLP",
    long: { clear: "C", "read-clear": "c", "console-off": "D", "console-on": "E", facility: "f:", kernel: "k", level: "l:",
      "console-level": "n:", raw: "r", "buffer-size": "s:", userspace: "u", follow: "w", decode: "x", ctime: "T", notime: "t",
      since: "since:", until: "until:" },
  });
  if (typeof p === "number") return p;
  if (p.operands.length) return t.usage(`bad usage`);
  let action = SYSLOG_ACTION_READ_ALL;
  let levels: Set<number> | null = null, facs: Set<number> | null = null;
  let raw = false, noTime = false, ctime = false, decode = false, follow = false, size = 0;
  const rt = { tv_sec: 0, tv_nsec: 0 };
  await clock_gettime(CLOCK_REALTIME, rt);
  const nowUsec = rt.tv_sec * 1e6 + Math.floor(rt.tv_nsec / 1000);
  let since: number | null = null, until: number | null = null;
  for (const [k, v] of p.opts) {
    switch (k) {
      case "C": action = SYSLOG_ACTION_CLEAR; break;
      case "c": action = SYSLOG_ACTION_READ_CLEAR; break;
      case "D": action = SYSLOG_ACTION_CONSOLE_OFF; break;
      case "E": action = SYSLOG_ACTION_CONSOLE_ON; break;
      case "n": {
        const lv = /^\d+$/.test(v) ? Number(v) : LEVELS.indexOf(v) + 1;
        if (lv <= 0 || lv > 8) { await t.error(`unknown level '${v}'`); return 1; }
        if (await klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, lv) as number < 0) { await t.error(`klogctl failed: ${t.errText}`); return 1; }
        return 0;
      }
      case "l": { const r = parseList(v, LEVELS); if (typeof r === "string") { await t.error(`unknown level '${r}'`); return 1; } levels = r; break; }
      case "f": { const r = parseList(v, FACILITIES); if (typeof r === "string") { await t.error(`unknown facility '${r}'`); return 1; } facs = r; break; }
      case "k": facs = new Set([0]); break;
      case "u": facs = new Set(FACILITIES.map((_, i) => i).filter((i) => i > 0)); break;
      case "r": raw = true; break;
      case "t": noTime = true; break;
      case "T": ctime = true; break;
      case "x": decode = true; break;
      case "w": follow = true; break;
      case "s": size = Number(v); break;
      case "since": case "until": {
        const when = parseTimestamp(v, nowUsec);
        if (when === null) { await t.error(`invalid time value "${v}"`); return 1; }
        if (k === "since") since = when; else until = when;
        break;
      }
    }
  }
  if (action === SYSLOG_ACTION_CLEAR || action === SYSLOG_ACTION_CONSOLE_OFF || action === SYSLOG_ACTION_CONSOLE_ON) {
    if (await klogctl(action) as number < 0) { await t.error(`klogctl failed: ${t.errText}`); return 1; }
    return 0;
  }
  // The time of boot: a record's time of day is boot + its timestamp (-T, --since, --until).
  let boot = 0;
  if (ctime || since !== null || until !== null) {
    const bt = { tv_sec: 0, tv_nsec: 0 };
    await clock_gettime(CLOCK_REALTIME, rt);
    await clock_gettime(CLOCK_BOOTTIME, bt);
    boot = rt.tv_sec + rt.tv_nsec / 1e9 - (bt.tv_sec + bt.tv_nsec / 1e9);
  }
  const show = (r: Rec) => {
    if (levels && !levels.has(r.level)) return;
    if (facs && !facs.has(r.fac)) return;
    if (r.usec !== null) {
      const at = boot * 1e6 + r.usec;
      if ((since !== null && at < since) || (until !== null && at > until)) return;
    }
    let s = "";
    if (decode) s += `${(FACILITIES[r.fac] ?? "").padEnd(6)}:${LEVELS[r.level].padEnd(6)}: `;
    if (r.usec !== null && !noTime) {
      if (ctime) s += `[${strftime("%a %b %e %H:%M:%S %Y", localtime(Math.floor(boot + r.usec / 1e6)))}] `;
      else s += `[${String(Math.floor(r.usec / 1e6)).padStart(5)}.${String(r.usec % 1e6).padStart(6, "0")}] `;
    }
    t.out.text(s + r.text + "\n");
  };

  if (follow) {
    const fd = await open("/dev/kmsg", O_RDONLY);
    if (fd < 0) { await t.error(`cannot open /dev/kmsg: ${t.errText}`); return 1; }
    const buf = new Uint8Array(8192);
    const dec = new TextDecoder();
    for (;;) {
      const n = await read(fd, buf);
      if (n < 0) {
        if (t.errText === "Broken pipe") continue; // records overwritten before we read them
        await t.error(`read failed: ${t.errText}`);
        await close(fd);
        return t.finish(1);
      }
      if (n === 0) break;
      const text = dec.decode(buf.subarray(0, n));
      if (raw) t.out.text(text); else { const r = parseKmsg(text); if (r) show(r); }
      if (!(await t.out.flush())) break;
    }
    await close(fd);
    return t.finish();
  }

  if (!size) {
    const n = await klogctl(SYSLOG_ACTION_SIZE_BUFFER);
    size = typeof n === "number" && n > 0 ? n : 16384;
  }
  const text = await klogctl(action, size);
  if (text === null) { await t.error(`read kernel buffer failed: ${t.errText}`); return 1; }
  if (raw) { t.out.text(text as string); return t.finish(); }
  for (const line of (text as string).split("\n")) if (line) show(parseSyslogLine(line));
  return t.finish();
}
