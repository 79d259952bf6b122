// cmp: compare two files byte by byte (GNU diffutils): the first difference with its byte and
// line, -l for every differing byte in octal, -s for the status alone; EOF on the shorter file is
// reported on stderr. A missing second file is standard input. Status 0 same, 1 differ, 2 trouble.
import { errno } from "../../lib/libc/errno.js";
import { strerror } from "../../lib/libc/string.js";
import { write } from "../../lib/libc/unistd.js";
import { getenv } from "../../lib/libc/stdlib.js";
import { Tool, parseOpts, readFileBytes } from "../lib/common.js";

const HELP = `Usage: cmp [OPTION]... FILE1 [FILE2 [SKIP1 [SKIP2]]]
Compare two files byte by byte.

The optional SKIP1 and SKIP2 specify the number of bytes to skip
at the beginning of each file (zero by default).

Mandatory arguments to long options are mandatory for short options too.
  -l, --verbose              output byte numbers and differing byte values
  -s, --quiet, --silent      suppress all normal output
      --help                 display this help and exit

If a FILE is '-' or missing, read standard input.
Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.
`;

/** diffutils prefixes its "Try" line with the program's name too. */
class CmpTool extends Tool {
  override async usage(msg?: string): Promise<number> {
    if (msg) await this.warn(msg);
    await this.warn("Try 'cmp --help' for more information.");
    return 2;
  }
}

/** POSIX has cmp say "char" in the C locale, "byte" elsewhere. */
function unit(): string {
  const locale = getenv("LC_ALL") || getenv("LC_MESSAGES") || getenv("LANG") || "C";
  return locale === "C" || locale === "POSIX" ? "char" : "byte";
}

export default async function main(argv: string[]): Promise<number> {
  const t = new CmpTool("cmp", HELP, 2);
  const p = await parseOpts(t, argv, { short: "ls", long: { verbose: "l", quiet: "s", silent: "s" } });
  if (typeof p === "number") return p;
  let list = false, silent = false;
  for (const [k] of p.opts) { if (k === "l") list = true; else silent = true; }
  const ops = p.operands;
  if (!ops.length) return t.usage("missing operand after 'cmp'");
  for (const v of ops.slice(2, 4)) if (!/^\d+$/.test(v)) return t.usage(`invalid --ignore-initial value '${v}'`);
  if (ops.length > 4) return t.usage(`extra operand '${ops[4]}'`);
  const names = [ops[0], ops[1] ?? "-"];
  const skip = [Number(ops[2] ?? 0), Number(ops[3] ?? 0)];
  const data: Uint8Array[] = [];
  for (let i = 0; i < 2; i++) {
    const b = await readFileBytes(names[i]);
    if (!b) { if (!silent) await t.warn(`${names[i]}: ${strerror(errno)}`); return 2; }
    data.push(b.subarray(Math.min(skip[i], b.length)));
  }
  const [a, b] = data;
  const n = Math.min(a.length, b.length);
  const width = String(Math.max(a.length, b.length)).length;
  let status = 0, line = 1;
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      status = 1;
      if (silent) break;
      if (!list) { t.out.raw(`${names[0]} ${names[1]} differ: ${unit()} ${i + 1}, line ${line}\n`); break; }
      t.out.raw(`${String(i + 1).padStart(width)} ${a[i].toString(8).padStart(3)} ${b[i].toString(8).padStart(3)}\n`);
    }
    if (a[i] === 10) line++;
  }
  if ((status === 0 || list) && a.length !== b.length) {
    status = 1;
    if (!silent) {
      const short = a.length < b.length ? 0 : 1, s = data[short];
      await t.finish();
      const lines = s.reduce((k, c) => k + (c === 10 ? 1 : 0), 0);
      const where = s.length === 0 ? " which is empty"
        : list ? ` after byte ${s.length}`
        : s[s.length - 1] === 10 ? ` after byte ${s.length}, line ${lines}` : ` after byte ${s.length}, in line ${lines + 1}`;
      await write(2, `cmp: EOF on ${names[short]}${where}\n`);
    }
  }
  return t.finish(status);
}
