// tr: translate, squeeze, and/or delete characters from standard input (GNU coreutils: -c -C
// -d -s -t; ranges, [:class:], [c*n], escapes). Bytes, as in the C locale.
import { read } from "../../lib/libc/unistd.js";
import { Tool, parseOpts, quote, utf8Bytes, bytesToStr } from "../lib/common.js";

const HELP = `Usage: tr [OPTION]... STRING1 [STRING2]
Translate, squeeze, and/or delete characters from standard input,
writing to standard output.  STRING1 and STRING2 specify arrays of
characters ARRAY1 and ARRAY2 that control the action.

  -c, -C, --complement    use the complement of ARRAY1
  -d, --delete            delete characters in ARRAY1, do not translate
  -s, --squeeze-repeats   replace each sequence of a repeated character
                            that is listed in the last specified ARRAY,
                            with a single occurrence of that character
  -t, --truncate-set1     first truncate ARRAY1 to length of ARRAY2
      --help     display this help and exit
`;

const CLASS: Record<string, (c: number) => boolean> = {
  alnum: (c) => /[0-9A-Za-z]/.test(String.fromCharCode(c)), alpha: (c) => /[A-Za-z]/.test(String.fromCharCode(c)),
  blank: (c) => c === 32 || c === 9, cntrl: (c) => c < 32 || c === 127, digit: (c) => c >= 48 && c <= 57,
  graph: (c) => c > 32 && c < 127, lower: (c) => c >= 97 && c <= 122, print: (c) => c >= 32 && c < 127,
  punct: (c) => c > 32 && c < 127 && !/[0-9A-Za-z]/.test(String.fromCharCode(c)), space: (c) => c === 32 || (c >= 9 && c <= 13),
  upper: (c) => c >= 65 && c <= 90, xdigit: (c) => /[0-9A-Fa-f]/.test(String.fromCharCode(c)),
};

/** Expand a tr string into its array of byte values; a string is an error message. */
function expand(src: string): number[] | string {
  const s = utf8Bytes(src);
  const out: number[] = [];
  let i = 0;
  const one = (): number => {
    if (s[i] === "\\" && i + 1 < s.length) {
      i++;
      const m = /^[0-7]{1,3}/.exec(s.slice(i));
      if (m) { i += m[0].length; return parseInt(m[0], 8) & 0xff; }
      const c = s[i++];
      const map: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, "\\": 92 };
      return map[c] ?? c.charCodeAt(0);
    }
    return s.charCodeAt(i++);
  };
  while (i < s.length) {
    const cls = /^\[:([a-z]+):\]/.exec(s.slice(i));
    if (cls) {
      const f = CLASS[cls[1]];
      if (!f) return `invalid character class ${quote(cls[1])}`;
      for (let c = 0; c < 256; c++) if (f(c)) out.push(c);
      i += cls[0].length;
      continue;
    }
    const eq = /^\[=(.)=\]/.exec(s.slice(i));
    if (eq) { out.push(eq[1].charCodeAt(0)); i += eq[0].length; continue; }
    const rep = /^\[(\\?.)\*(\d*)\]/.exec(s.slice(i));
    if (rep) {
      const save = i;
      i++;
      const c = one();
      i = save + rep[0].length;
      const n = rep[2] ? parseInt(rep[2], rep[2].startsWith("0") ? 8 : 10) : -1;
      out.push(...new Array(n < 0 ? 0 : n).fill(c));
      if (n <= 0) (out as number[] & { fill_?: number }).fill_ = c;
      continue;
    }
    const c = one();
    if (s[i] === "-" && i + 1 < s.length) {
      i++;
      const d = one();
      if (d < c) return `range-endpoints of '${String.fromCharCode(c)}-${String.fromCharCode(d)}' are in reverse collating sequence order`;
      for (let x = c; x <= d; x++) out.push(x);
    } else out.push(c);
  }
  return out;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "cCdst", long: { complement: "c", delete: "d", "squeeze-repeats": "s", "truncate-set1": "t" } });
  if (typeof p === "number") return p;
  const has = (k: string) => p.opts.some(([o]) => o === k);
  const comp = has("c") || has("C"), del = has("d"), squeeze = has("s"), trunc = has("t");
  const ops = p.operands;
  const need = del && squeeze ? 2 : del || (squeeze && ops.length < 2) ? 1 : 2;
  if (ops.length < need) {
    if (!ops.length) return t.usage("missing operand");
    return t.usage(`missing operand after ${quote(ops[ops.length - 1])}\n${need === 2 && !del ? "Two strings must be given when translating." : "Two strings must be given when deleting and squeezing."}`);
  }
  if (ops.length > need) return t.usage(`extra operand ${quote(ops[need])}${need === 1 && del ? "\nOnly one string may be given when deleting without squeezing repeats." : ""}`);
  const s1 = expand(ops[0]);
  if (typeof s1 === "string") { await t.error(s1); return 1; }
  let set1 = s1;
  if (comp) { const inS = new Set(s1); set1 = []; for (let c = 0; c < 256; c++) if (!inS.has(c)) set1.push(c); }
  let s2: number[] = [];
  if (ops[1] !== undefined) {
    const e = expand(ops[1]);
    if (typeof e === "string") { await t.error(e); return 1; }
    s2 = e;
  }
  const inSet1 = new Uint8Array(256);
  for (const c of set1) inSet1[c] = 1;
  const map = new Int16Array(256).map((_x, i) => i);
  const translating = !del && ops.length === 2;
  if (translating) {
    if (!s2.length) { await t.error("when not truncating set1, string2 must be non-empty"); return 1; }
    const fill = (s2 as number[] & { fill_?: number }).fill_ ?? s2[s2.length - 1];
    const n = trunc ? Math.min(set1.length, s2.length) : set1.length;
    for (let i = 0; i < n; i++) map[set1[i]] = i < s2.length ? s2[i] : fill;
  }
  const sqSet = new Uint8Array(256);
  for (const c of ops.length === 2 && (del || translating) ? s2 : set1) sqSet[c] = 1;
  const buf = new Uint8Array(65536);
  let last = -1;
  for (;;) {
    const n = await read(0, buf);
    if (n < 0) { await t.error(`read error: ${t.errText}`); return 1; }
    if (n === 0) break;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      let c = buf[i];
      if (del && inSet1[c]) continue;
      if (translating) c = map[c];
      if (squeeze && c === last && sqSet[c]) continue;
      out.push(c);
      last = c;
    }
    t.out.bytes(Uint8Array.from(out));
    await t.out.maybeFlush();
  }
  void bytesToStr;
  return t.finish();
}
