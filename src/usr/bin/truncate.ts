// truncate: shrink or extend files to a size (GNU coreutils: -s [+-<>/%]SIZE with K, KB, KiB,
// M ... suffixes, -c to create no files, -r RFILE; its messages).
import { close, ftruncate } from "../../lib/libc/unistd.js";
import { open, O_WRONLY, O_CREAT, O_NONBLOCK } from "../../lib/libc/fcntl.js";
import { stat, fstat, newStat } from "../../lib/libc/sys/stat.js";
import { Tool, parseOpts, quote } from "../lib/common.js";

const HELP = `Usage: truncate OPTION... FILE...
Shrink or extend the size of each FILE to the specified size

A FILE argument that does not exist is created.

If a FILE is larger than the specified size, the extra data is lost.
If a FILE is shorter, it is extended and the sparse extended part (hole)
reads as zero bytes.

Mandatory arguments to long options are mandatory for short options too.
  -c, --no-create        do not create any files
  -o, --io-blocks        treat SIZE as number of IO blocks instead of bytes
  -r, --reference=RFILE  base size on RFILE
  -s, --size=SIZE        set or adjust the file size by SIZE bytes
      --help        display this help and exit
      --version     output version information and exit

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y,R,Q (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

SIZE may also be prefixed by one of the following modifying characters:
'+' extend by, '-' reduce by, '<' at most, '>' at least,
'/' round down to multiple of, '%' round up to multiple of.
`;

/** A size with its unit; null when it is not one. */
function size(s: string): number | null {
  const m = /^\s*\+?(\d+)([KMGTPEZYRQ](?:B|iB)?|[kbcw]|kB)?$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]), u = m[2] ?? "";
  if (u === "") return n;
  if (u === "b") return n * 512;
  if (u === "c") return n;
  if (u === "w") return n * 2;
  const p = "KMGTPEZYRQ".indexOf(u[0].toUpperCase()) + 1;
  return n * (u.endsWith("B") && !u.endsWith("iB") ? 1000 : 1024) ** p;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("truncate", HELP);
  const p = await parseOpts(t, argv, { short: "cor:s:", long: { "no-create": "c", "io-blocks": "o", reference: "r:", size: "s:" } });
  if (typeof p === "number") return p;
  let noCreate = false, sizeArg: string | null = null, ref: string | null = null;
  for (const [k, v] of p.opts) {
    if (k === "c") noCreate = true;
    else if (k === "s") sizeArg = v;
    else if (k === "r") ref = v;
  }
  let op = "", n = 0;
  if (sizeArg !== null) {
    const m = /^\s*([-+<>/%]?)(.*)$/.exec(sizeArg)!;
    op = m[1];
    const v = size(m[2]);
    if (v === null) { await t.error(`Invalid number: ${quote(sizeArg)}`); return 1; }
    n = v;
    if ((op === "/" || op === "%") && n === 0) { await t.error(`division by zero`); return 1; }
  }
  if (sizeArg === null && ref === null) return t.usage("you must specify either '--size' or '--reference'");
  if (p.operands.length === 0) return t.usage("missing file operand");
  let base: number | null = null;
  if (ref !== null) {
    const st = newStat();
    if ((await stat(ref, st)) < 0) { await t.error(`cannot stat ${quote(ref)}: ${t.errText}`); return 1; }
    base = st.st_size;
    if (sizeArg === null) { op = "="; n = base; }
    else if (op === "") { await t.error("you must specify a relative '--size' with '--reference'"); return 1; }
  }
  for (const f of p.operands) {
    const fd = await open(f, O_WRONLY | O_NONBLOCK | (noCreate ? 0 : O_CREAT), 0o666);
    if (fd < 0) {
      if (noCreate && t.errText === "No such file or directory") continue;
      await t.error(`cannot open ${quote(f)} for writing: ${t.errText}`);
      continue;
    }
    const st = newStat();
    await fstat(fd, st);
    const cur = base ?? st.st_size;
    let want = n;
    if (op === "+") want = cur + n;
    else if (op === "-") want = Math.max(0, cur - n);
    else if (op === "<") want = Math.min(cur, n);
    else if (op === ">") want = Math.max(cur, n);
    else if (op === "/") want = Math.floor(cur / n) * n;
    else if (op === "%") want = Math.ceil(cur / n) * n;
    if ((await ftruncate(fd, want)) < 0) await t.error(`failed to truncate ${quote(f)} at ${want} bytes: ${t.errText}`);
    await close(fd);
  }
  return t.finish();
}
