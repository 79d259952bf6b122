// uniq: report or omit repeated lines (GNU coreutils: -c -d -D -u -i -f N -s N -w N, INPUT [OUTPUT]).
import { open, O_WRONLY, O_CREAT, O_TRUNC } from "../../lib/libc/fcntl.js";
import { close } from "../../lib/libc/unistd.js";
import { Tool, Out, parseOpts, quote, readFileBytes, bytesToStr, splitLines } from "../lib/common.js";

const HELP = `Usage: uniq [OPTION]... [INPUT [OUTPUT]]
Filter adjacent matching lines from INPUT (or standard input),
writing to OUTPUT (or standard output).

With no options, matching lines are merged to the first occurrence.

Mandatory arguments to long options are mandatory for short options too.
  -c, --count           prefix lines by the number of occurrences
  -d, --repeated        only print duplicate lines, one for each group
  -D                    print all duplicate lines
  -f, --skip-fields=N   avoid comparing the first N fields
  -i, --ignore-case     ignore differences in case when comparing
  -s, --skip-chars=N    avoid comparing the first N characters
  -u, --unique          only print unique lines
  -z, --zero-terminated     line delimiter is NUL, not newline
  -w, --check-chars=N   compare no more than N characters in lines
      --help        display this help and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "cdDf:is:uw:z", long: { count: "c", repeated: "d", "skip-fields": "f:", "ignore-case": "i", "skip-chars": "s:", unique: "u", "check-chars": "w:", "zero-terminated": "z" } });
  if (typeof p === "number") return p;
  let count = false, dups = false, allDups = false, uniqOnly = false, icase = false, skipF = 0, skipC = 0, width = Infinity, nul = false;
  for (const [k, v] of p.opts) {
    if (k === "c") count = true; else if (k === "d") dups = true; else if (k === "D") allDups = true;
    else if (k === "u") uniqOnly = true; else if (k === "i") icase = true; else if (k === "z") nul = true;
    else {
      const n = Number(v);
      if (!/^\d+$/.test(v)) { await t.error(`${v}: invalid number of ${k === "f" ? "fields to skip" : k === "s" ? "bytes to skip" : "bytes to compare"}`); return 1; }
      if (k === "f") skipF = n; else if (k === "s") skipC = n; else width = n;
    }
  }
  if (p.operands.length > 2) return t.usage(`extra operand ${quote(p.operands[2])}`);
  const delim = nul ? "\0" : "\n";
  const b = await readFileBytes(p.operands[0] ?? "-");
  if (!b) { await t.error(`${p.operands[0]}: ${t.errText}`); return 1; }
  const lines = splitLines(bytesToStr(b), delim).lines;
  const keyOf = (l: string) => {
    let s = l;
    for (let i = 0; i < skipF; i++) s = s.replace(/^[ \t]*[^ \t]*/, "");
    s = s.slice(skipC, skipC + width);
    return icase ? s.toLowerCase() : s;
  };
  let out = t.out;
  if (p.operands[1] !== undefined) {
    const fd = await open(p.operands[1], O_WRONLY | O_CREAT | O_TRUNC, 0o666);
    if (fd < 0) { await t.error(`${p.operands[1]}: ${t.errText}`); return 1; }
    out = new Out(fd);
  }
  for (let i = 0; i < lines.length;) {
    let j = i + 1;
    const k = keyOf(lines[i]);
    while (j < lines.length && keyOf(lines[j]) === k) j++;
    const n = j - i;
    if (allDups) { if (n > 1) for (let x = i; x < j; x++) out.raw(lines[x] + delim); }
    else if (!((dups && n < 2) || (uniqOnly && n > 1))) out.raw((count ? `${String(n).padStart(7)} ` : "") + lines[i] + delim);
    i = j;
  }
  if (out !== t.out) { await out.flush(); await close(out.fd); }
  return t.finish();
}
