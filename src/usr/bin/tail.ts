// tail: output the last part of files (GNU coreutils: -n [+]N, -c [+]N, -f, -q, -v, -s, -N, +N).
import { read, close, lseek, SEEK_SET } from "../../lib/libc/unistd.js";
import { open, O_RDONLY } from "../../lib/libc/fcntl.js";
import { nanosleep } from "../../lib/libc/unistd.js";
import { Tool, parseOpts, quote, readFd, parseSize } from "../lib/common.js";
import { obsoleteCount } from "./head.js";

const HELP = `Usage: tail [OPTION]... [FILE]...
Print the last 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[+]NUM       output the last NUM bytes; or use -c +NUM to
                             output starting with byte NUM of each file
  -f, --follow             output appended data as the file grows
  -n, --lines=[+]NUM       output the last NUM lines, instead of the last 10;
                             or use -n +NUM to skip NUM-1 lines at the start
  -q, --quiet, --silent    never output headers giving file names
  -s, --sleep-interval=N   with -f, sleep for approximately N seconds
                             (default 1.0) between iterations
  -v, --verbose            always output headers giving file names
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help        display this help and exit
`;

export default async function main(argv0: string[]): Promise<number> {
  const argv = obsoleteCount(argv0, true);
  const t = new Tool(argv0[0], HELP);
  const p = await parseOpts(t, argv, { short: "c:fFn:qs:vz", long: { bytes: "c:", follow: "f", lines: "n:", quiet: "q", silent: "q", "sleep-interval": "s:", verbose: "v", "zero-terminated": "z" } });
  if (typeof p === "number") return p;
  let bytes = false, count = 10, fromStart = false, follow = false, headers: boolean | null = null, interval = 1, delim = 10;
  for (const [k, v] of p.opts) {
    if (k === "c" || k === "n") {
      const sign = v[0] === "+" || v[0] === "-" ? v[0] : "";
      const n = parseSize(v.slice(sign.length));
      if (n === null) { await t.error(`invalid number of ${k === "c" ? "bytes" : "lines"}: ${quote(v)}`); return 1; }
      bytes = k === "c"; count = n; fromStart = sign === "+";
    } else if (k === "f" || k === "F") follow = true;
    else if (k === "q") headers = false; else if (k === "v") headers = true; else if (k === "z") delim = 0;
    else if (k === "s") {
      interval = Number(v);
      if (!(interval >= 0)) { await t.error(`invalid number of seconds: ${quote(v)}`); return 1; }
    }
  }
  const files = p.operands.length ? p.operands : ["-"];
  const show = headers ?? files.length > 1;
  let first = true;
  const followed: { fd: number; name: string; pos: number }[] = [];
  for (const f of files) {
    const fd = f === "-" ? 0 : await open(f, O_RDONLY);
    if (fd < 0) { await t.error(`cannot open ${quote(f)} for reading: ${t.errText}`); continue; }
    if (show) t.out.text(`${first ? "" : "\n"}==> ${f === "-" ? "standard input" : f} <==\n`);
    first = false;
    const data = await readFd(fd);
    if (!data) { await t.error(`error reading ${quote(f)}: ${t.errText}`); continue; }
    let start: number;
    if (bytes) start = fromStart ? Math.max(0, count - 1) : Math.max(0, data.length - count);
    else if (fromStart) {
      start = data.length;
      let line = 1;
      if (count <= 1) start = 0;
      else for (let i = 0; i < data.length; i++) if (data[i] === delim && ++line === count) { start = i + 1; break; }
    } else {
      start = 0;
      let seen = 0;
      const endAt = data.length && data[data.length - 1] === delim ? data.length - 1 : data.length;
      if (count === 0) start = data.length;
      else for (let i = endAt - 1; i >= 0; i--) if (data[i] === delim && ++seen === count) { start = i + 1; break; }
    }
    t.out.bytes(data.subarray(Math.min(start, data.length)));
    if (follow && fd !== 0) followed.push({ fd, name: f, pos: data.length });
    else if (fd !== 0) await close(fd);
  }
  if (!followed.length) return t.finish();
  // -f: poll for appended data.
  const buf = new Uint8Array(65536);
  let last = followed[followed.length - 1];
  for (;;) {
    await t.out.flush();
    for (const fl of followed) {
      await lseek(fl.fd, fl.pos, SEEK_SET);
      for (;;) {
        const n = await read(fl.fd, buf);
        if (n <= 0) break;
        if (show && fl !== last) { t.out.text(`\n==> ${fl.name} <==\n`); last = fl; }
        t.out.bytes(buf.subarray(0, n));
        fl.pos += n;
      }
    }
    await t.out.flush();
    await nanosleep({ tv_sec: Math.floor(interval), tv_nsec: Math.round((interval % 1) * 1e9) });
  }
}
