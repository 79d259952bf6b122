// head: output the first part of files (GNU coreutils: -n [-]N, -c [-]N, -q, -v, -N).
import { read, close } from "../../lib/libc/unistd.js";
import { open, O_RDONLY } from "../../lib/libc/fcntl.js";
import { Tool, parseOpts, quote, readFd, parseSize } from "../lib/common.js";

const HELP = `Usage: head [OPTION]... [FILE]...
Print the first 10 lines of each FILE to standard output.
With more than one FILE, precede each with a header giving the file name.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -c, --bytes=[-]NUM       print the first NUM bytes of each file;
                             with the leading '-', print all but the last
                             NUM bytes of each file
  -n, --lines=[-]NUM       print the first NUM lines instead of the first 10;
                             with the leading '-', print all but the last
                             NUM lines of each file
  -q, --quiet, --silent    never print headers giving file names
  -v, --verbose            always print headers giving file names
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help        display this help and exit
`;

/** head and tail accept "-5" for "-n 5" (and tail "+5"). */
export function obsoleteCount(argv: string[], plus: boolean): string[] {
  const a = argv[1];
  if (a && (/^-\d+[cl]?$/.test(a) || (plus && /^\+\d+[cl]?$/.test(a)))) {
    const unit = a.endsWith("c") ? "-c" : "-n";
    const n = a.replace(/[cl]$/, "");
    return [argv[0], unit, a[0] === "+" ? n : n.slice(1), ...argv.slice(2)];
  }
  return argv;
}

export default async function main(argv0: string[]): Promise<number> {
  const argv = obsoleteCount(argv0, false);
  const t = new Tool(argv0[0], HELP);
  const p = await parseOpts(t, argv, { short: "c:n:qvz", long: { bytes: "c:", lines: "n:", quiet: "q", silent: "q", verbose: "v", "zero-terminated": "z" } });
  if (typeof p === "number") return p;
  let bytes = false, count = 10, allBut = false, headers: boolean | null = null, delim = 10;
  for (const [k, v] of p.opts) {
    if (k === "c" || k === "n") {
      const neg = v.startsWith("-");
      const n = parseSize(neg ? v.slice(1) : v);
      if (n === null) { await t.error(`invalid number of ${k === "c" ? "bytes" : "lines"}: ${quote(v)}`); return 1; }
      bytes = k === "c"; count = n; allBut = neg;
    } else if (k === "q") headers = false; else if (k === "v") headers = true; else if (k === "z") delim = 0;
  }
  const files = p.operands.length ? p.operands : ["-"];
  const show = headers ?? files.length > 1;
  let first = true;
  for (const f of files) {
    const fd = f === "-" ? 0 : await open(f, O_RDONLY);
    if (fd < 0) { await t.error(`cannot open ${quote(f)} for reading: ${t.errText}`); continue; }
    if (show) { t.out.text(`${first ? "" : "\n"}==> ${f === "-" ? "standard input" : f} <==\n`); }
    first = false;
    if (allBut) {
      const data = await readFd(fd);
      if (!data) await t.error(`error reading ${quote(f)}: ${t.errText}`);
      else if (bytes) t.out.bytes(data.subarray(0, Math.max(0, data.length - count)));
      else {
        const ends: number[] = [];
        for (let i = 0; i < data.length; i++) if (data[i] === delim) ends.push(i + 1);
        if (data.length && data[data.length - 1] !== delim) ends.push(data.length);
        const keep = ends.length - count;
        t.out.bytes(data.subarray(0, keep > 0 ? ends[keep - 1] : 0));
      }
    } else {
      // Stream: stop reading as soon as enough has been seen (head on an endless pipe ends).
      let left = count;
      const buf = new Uint8Array(65536);
      while (left > 0) {
        const n = await read(fd, buf);
        if (n < 0) { await t.error(`error reading ${quote(f)}: ${t.errText}`); break; }
        if (n === 0) break;
        let take = n;
        if (bytes) { take = Math.min(n, left); left -= take; }
        else {
          for (let i = 0; i < n; i++) if (buf[i] === delim && --left === 0) { take = i + 1; break; }
        }
        t.out.bytes(buf.subarray(0, take));
        await t.out.maybeFlush();
      }
    }
    if (fd !== 0) await close(fd);
  }
  return t.finish();
}
