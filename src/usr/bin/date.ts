// date: print or set the system date and time (GNU coreutils: +FORMAT, -u, -d STRING, -R,
// -I[FMT], --rfc-3339=FMT, -s STRING, and the MMDDhhmm[[CC]YY][.ss] operand). The system's
// time zone is UTC.
import { clock_gettime, gmtime, localtime, strftime, CLOCK_REALTIME, type Tm } from "../../lib/libc/time.js";
import { sys } from "../../lib/libc/internal/sys.js";
import { scoped, dv } from "../../lib/libc/internal/sys.js";
import * as NR from "../../lib/libc/sys/syscall.js";
import { Tool, parseOpts } from "../lib/common.js";
import { parseDate } from "../lib/sys/getdate.js";

const HELP = `Usage: date [OPTION]... [+FORMAT]
  or:  date [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]
Display date and time in the given FORMAT.
With -s, or with [MMDDhhmm[[CC]YY][.ss]], set the date and time.

  -d, --date=STRING          display time described by STRING, not 'now'
  -I[FMT], --iso-8601[=FMT]  output date/time in ISO 8601 format.
                               FMT='date' for date only (the default),
                               'hours', 'minutes', 'seconds', or 'ns'
                               for date and time to the indicated precision.
  -R, --rfc-email            output date and time in RFC 5322 format.
      --rfc-3339=FMT         output date/time in RFC 3339 format.
  -s, --set=STRING           set time described by STRING
  -u, --utc, --universal     print or set Coordinated Universal Time (UTC)
      --help        display this help and exit
      --version     output version information and exit
`;

const ISO: Record<string, string> = {
  date: "%Y-%m-%d", hours: "%Y-%m-%dT%H%:z", minutes: "%Y-%m-%dT%H:%M%:z",
  seconds: "%Y-%m-%dT%H:%M:%S%:z", ns: "%Y-%m-%dT%H:%M:%S,%N%:z",
};
const RFC3339: Record<string, string> = { date: "%Y-%m-%d", seconds: "%Y-%m-%d %H:%M:%S%:z", ns: "%Y-%m-%d %H:%M:%S.%N%:z" };

/** strftime with GNU date's additions: %N (nanoseconds, a width keeps that many digits) and %:z, %::z, %:::z. */
export function dateFormat(fmt: string, tm: Tm, nsec: number): string {
  return fmt.replace(/%([-_0^#]?)(\d*)(:{0,3}[a-zA-Z%+]|:{1,3}z)/g, (all, flag: string, width: string, conv: string) => {
    if (conv === "N") {
      const digits = String(nsec).padStart(9, "0");
      if (!width) return flag === "-" ? String(nsec) : digits;
      const w = Number(width);
      return w <= 9 ? digits.slice(0, w) : digits.padEnd(w, "0");
    }
    if (/^:+z$/.test(conv)) {
      const off = tm.tm_gmtoff, a = Math.abs(off), sign = off < 0 ? "-" : "+";
      const hh = String(Math.floor(a / 3600)).padStart(2, "0"), mm = String(Math.floor(a / 60) % 60).padStart(2, "0");
      const ss = String(a % 60).padStart(2, "0");
      return conv === ":z" ? `${sign}${hh}:${mm}` : conv === "::z" ? `${sign}${hh}:${mm}:${ss}` : `${sign}${hh}`;
    }
    return strftime(all, tm);
  });
}

/** clock_settime(CLOCK_REALTIME). */
function setClock(sec: number, nsec: number) {
  return scoped((s) => {
    const p = s.buf(16);
    dv().setBigInt64(p, BigInt(sec), true);
    dv().setBigInt64(p + 8, BigInt(nsec), true);
    return sys(NR.__NR_clock_settime, CLOCK_REALTIME, p);
  });
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("date", HELP);
  const p = await parseOpts(t, argv, {
    short: "d:I::Rs:uf:r:",
    long: { date: "d:", "iso-8601": "I::", "rfc-email": "R", "rfc-3339": "rfc3339:", set: "s:", utc: "u", universal: "u", file: "f:", reference: "r:" },
  });
  if (typeof p === "number") return p;
  const now = { tv_sec: 0, tv_nsec: 0 };
  await clock_gettime(CLOCK_REALTIME, now);
  let when = { sec: now.tv_sec, nsec: now.tv_nsec };
  let utc = false;
  let fmt: string | null = null;
  let setting: string | null = null;
  for (const [k, v] of p.opts) {
    if (k === "u") utc = true;
    else if (k === "d") {
      const d = parseDate(v, now.tv_sec, now.tv_nsec);
      if (!d) { await t.error(`invalid date '${v}'`); return 1; }
      when = d;
    } else if (k === "R") fmt = "%a, %d %b %Y %H:%M:%S %z";
    else if (k === "I") {
      const which = Object.keys(ISO).find((n) => n.startsWith(v || "date"));
      if (!which) return t.usage(`invalid argument '${v}' for '--iso-8601'\nValid arguments are:\n  - 'hours'\n  - 'minutes'\n  - 'date'\n  - 'seconds'\n  - 'ns'`);
      fmt = ISO[which];
    } else if (k === "rfc3339") {
      const which = Object.keys(RFC3339).find((n) => n.startsWith(v) && v);
      if (!which) return t.usage(`invalid argument '${v}' for '--rfc-3339'\nValid arguments are:\n  - 'date'\n  - 'seconds'\n  - 'ns'`);
      fmt = RFC3339[which];
    } else if (k === "s") setting = v;
    else if (k === "f" || k === "r") { await t.error(`option -${k} is not supported`); return 1; }
  }
  const ops = [...p.operands];
  if (ops.length && ops[0].startsWith("+")) {
    if (fmt !== null) { await t.error("multiple output formats specified"); return 1; }
    fmt = ops.shift()!.slice(1);
  } else if (ops.length && setting === null && !p.opts.some(([k]) => k === "d")) {
    const d = parsePosixSet(ops.shift()!, now.tv_sec);
    if (!d) { await t.error(`invalid date '${argv[argv.length - 1]}'`); return 1; }
    setting = `@${d}`;
  }
  if (ops.length) return t.usage(`extra operand '${ops[0]}'`);
  if (setting !== null) {
    const d = parseDate(setting, now.tv_sec, now.tv_nsec);
    if (!d) { await t.error(`invalid date '${setting}'`); return 1; }
    when = d;
    if (await setClock(d.sec, d.nsec) < 0) await t.error(`cannot set date: ${t.errText}`);
  }
  const tm = utc ? gmtime(when.sec) : localtime(when.sec);
  if (utc) tm.tm_zone = "UTC";
  t.out.text(dateFormat(fmt ?? "%a %b %e %H:%M:%S %Z %Y", tm, when.nsec) + "\n");
  return t.finish();
}

/** The operand MMDDhhmm[[CC]YY][.ss] as seconds since the Epoch, or null. */
function parsePosixSet(s: string, nowSec: number): number | null {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?(\d\d)?(?:\.(\d\d))?$/.exec(s);
  if (!m) return null;
  let year = new Date(nowSec * 1000).getUTCFullYear();
  if (m[6] !== undefined) year = Number(m[5] + m[6]);
  else if (m[5] !== undefined) year = Number(m[5]) + (Number(m[5]) < 69 ? 2000 : 1900);
  const [mo, d, h, mi, ss] = [m[1], m[2], m[3], m[4], m[7] ?? "0"].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || ss > 60) return null;
  return Date.UTC(year, mo - 1, d, h, mi, ss) / 1000;
}
