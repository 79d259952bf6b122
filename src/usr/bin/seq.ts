// seq: print a sequence of numbers (GNU coreutils: [FIRST [INCREMENT]] LAST, -s, -w, -f).
import { Tool, parseOpts, quote } from "../lib/common.js";
import { sprintf } from "../../lib/libc/stdio.js";

const HELP = `Usage: seq [OPTION]... LAST
  or:  seq [OPTION]... FIRST LAST
  or:  seq [OPTION]... FIRST INCREMENT LAST
Print numbers from FIRST to LAST, in steps of INCREMENT.

Mandatory arguments to long options are mandatory for short options too.
  -f, --format=FORMAT      use printf style floating-point FORMAT
  -s, --separator=STRING   use STRING to separate numbers (default: \\n)
  -w, --equal-width        equalize width by padding with leading zeroes
      --help     display this help and exit
`;

const decimals = (s: string) => { const m = /\.(\d*)/.exec(s); return m && !/e/i.test(s) ? m[1].length : 0; };

export default async function main(argv0: string[]): Promise<number> {
  const t = new Tool(argv0[0], HELP);
  // Negative numbers are operands, not options.
  const argv = [argv0[0], ...argv0.slice(1).map((a) => (/^-\d/.test(a) ? "\u0001" + a : a))];
  const p = await parseOpts(t, argv, { short: "f:s:w", long: { format: "f:", separator: "s:", "equal-width": "w" } });
  if (typeof p === "number") return p;
  let fmt: string | null = null, sep = "\n", wide = false;
  for (const [k, v] of p.opts) { if (k === "f") fmt = v; else if (k === "s") sep = v; else wide = true; }
  const ops = p.operands.map((a) => a.replace(/^\u0001/, ""));
  if (!ops.length) return t.usage("missing operand");
  if (ops.length > 3) return t.usage(`extra operand ${quote(ops[3])}`);
  for (const o of ops) {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(o)) return t.usage(`invalid floating point argument: ${quote(o)}`);
  }
  const [first, inc, last] = ops.length === 1 ? ["1", "1", ops[0]] : ops.length === 2 ? [ops[0], "1", ops[1]] : ops;
  const a = Number(first), d = Number(inc), z = Number(last);
  if (d === 0) { await t.error(`invalid Zero increment value: ${quote(inc)}`); return t.usage(); }
  const prec = Math.max(decimals(first), decimals(inc));
  let width = 0;
  if (wide) width = Math.max(a.toFixed(prec).length, z.toFixed(prec).length);
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const v = a + i * d;
    if (d > 0 ? v > z + 1e-12 : v < z - 1e-12) break;
    let s: string;
    if (fmt !== null) s = sprintf(fmt, v);
    else {
      s = v.toFixed(prec);
      if (wide) s = s.startsWith("-") ? "-" + s.slice(1).padStart(width - 1, "0") : s.padStart(width, "0");
    }
    out.push(s);
    if (out.length >= 4096) { t.out.text(out.join(sep) + sep); out.length = 0; await t.out.flush(); if (t.out.failed) return 1; }
  }
  if (out.length) t.out.text(out.join(sep) + "\n");
  return t.finish();
}
