// touch: change file timestamps, creating files that do not exist (GNU coreutils: -a -c -m
// -d DATE -r FILE -t STAMP -h). Dates are taken as UTC (Typix has no time zones).
import { close } from "../../lib/libc/unistd.js";
import { open, O_WRONLY, O_CREAT, O_NONBLOCK, O_NOCTTY, AT_FDCWD, AT_SYMLINK_NOFOLLOW } from "../../lib/libc/fcntl.js";
import { utimensat, UTIME_NOW, UTIME_OMIT, type Timespec } from "../../lib/libc/sys/stat.js";
import { errno, strerror, ENOENT } from "../../lib/libc/errno.js";
import { Tool, parseOpts, quote } from "../lib/common.js";
import { statOf } from "../lib/fsops.js";

const HELP = `Usage: touch [OPTION]... FILE...
Update the access and modification times of each FILE to the current time.

A FILE argument that does not exist is created empty, unless -c or -h
is supplied.

Mandatory arguments to long options are mandatory for short options too.
  -a                     change only the access time
  -c, --no-create        do not create any files
  -d, --date=STRING      parse STRING and use it instead of current time
  -h, --no-dereference   affect each symbolic link instead of any referenced
                         file (useful only on systems that can change the
                         timestamps of a symlink)
  -m                     change only the modification time
  -r, --reference=FILE   use this file's times instead of current time
  -t STAMP               use [[CC]YY]MMDDhhmm[.ss] instead of current time
      --help        display this help and exit
`;

/** The dates -d understands: @SECONDS, YYYY-MM-DD[ T]HH:MM[:SS[.frac]], now. */
function parseDate(s: string): Timespec | null {
  const t = s.trim();
  if (t === "now") return { tv_sec: 0, tv_nsec: UTIME_NOW };
  let m = /^@(-?\d+)(?:\.(\d{1,9}))?$/.exec(t);
  if (m) return { tv_sec: Number(m[1]), tv_nsec: Number((m[2] ?? "").padEnd(9, "0")) };
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?: ?(?:Z|UTC|\+0000|\+00:00))?$/.exec(t);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (Number.isNaN(ms) || +m[2] > 12 || +m[3] > 31 || +(m[4] ?? 0) > 23) return null;
  return { tv_sec: ms / 1000, tv_nsec: Number((m[7] ?? "").padEnd(9, "0")) };
}

/** -t's [[CC]YY]MMDDhhmm[.ss]. */
function parseStamp(s: string, year: number): Timespec | null {
  const m = /^(\d{8}|\d{10}|\d{12})(?:\.(\d{2}))?$/.exec(s);
  if (!m) return null;
  let d = m[1];
  let y = year;
  if (d.length === 12) { y = +d.slice(0, 4); d = d.slice(4); }
  else if (d.length === 10) { const yy = +d.slice(0, 2); y = yy < 69 ? 2000 + yy : 1900 + yy; d = d.slice(2); }
  const [mo, da, h, mi] = [0, 2, 4, 6].map((i) => +d.slice(i, i + 2));
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  return { tv_sec: Date.UTC(y, mo - 1, da, h, mi, +(m[2] ?? 0)) / 1000, tv_nsec: 0 };
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "acd:fhmr:t:", long: { "no-create": "c", date: "d:", "no-dereference": "h", reference: "r:", time: "time:" } });
  if (typeof p === "number") return p;
  let atime = false, mtime = false, noCreate = false, noDeref = false;
  let when: [Timespec, Timespec] | null = null;
  for (const [k, v] of p.opts) {
    switch (k) {
      case "a": atime = true; break;
      case "m": mtime = true; break;
      case "c": noCreate = true; break;
      case "h": noDeref = true; noCreate = true; break;
      case "time": if (/^(access|atime|use)$/.test(v)) atime = true; else if (/^(modify|mtime)$/.test(v)) mtime = true; break;
      case "d": {
        const d = parseDate(v);
        if (!d) { await t.error(`invalid date format ${quote(v)}`); return 1; }
        when = [d, d];
        break;
      }
      case "t": {
        const d = parseStamp(v, new Date().getUTCFullYear());
        if (!d) { await t.error(`invalid date format ${quote(v)}`); return 1; }
        when = [d, d];
        break;
      }
      case "r": {
        const st = await statOf(v);
        if (!st) { await t.error(`failed to get attributes of ${quote(v)}: ${t.errText}`); return 1; }
        when = [st.st_atim, st.st_mtim];
        break;
      }
    }
  }
  if (!p.operands.length) return t.usage("missing file operand");
  if (!atime && !mtime) atime = mtime = true;
  const now: Timespec = { tv_sec: 0, tv_nsec: UTIME_NOW };
  const omit: Timespec = { tv_sec: 0, tv_nsec: UTIME_OMIT };
  const times: [Timespec, Timespec] = [atime ? (when?.[0] ?? now) : omit, mtime ? (when?.[1] ?? now) : omit];
  for (const f of p.operands) {
    let openErr = 0;
    if (!noCreate && f !== "-") {
      const fd = await open(f, O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY, 0o666);
      if (fd >= 0) await close(fd); else openErr = errno;
    }
    const r = f === "-" ? await utimensat(1, null, times, 0) : await utimensat(AT_FDCWD, f, times, noDeref ? AT_SYMLINK_NOFOLLOW : 0);
    if (r < 0) {
      if (openErr) await t.error(`cannot touch ${quote(f)}: ${strerror(openErr)}`);
      else if (!(noCreate && errno === ENOENT)) await t.error(`setting times of ${quote(f)}: ${t.errText}`);
    }
  }
  return t.finish();
}
