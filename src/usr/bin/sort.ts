// sort: sort lines of text files (GNU coreutils in the C locale: -b -f -h -n -r -u -s -k -t -o
// -c -z; byte order; a last-resort whole-line comparison unless -s).
import { open, O_WRONLY, O_CREAT, O_TRUNC } from "../../lib/libc/fcntl.js";
import { close } from "../../lib/libc/unistd.js";
import { Tool, Out, parseOpts, quote, readFileBytes, bytesToStr, splitLines, utf8Bytes } from "../lib/common.js";

const HELP = `Usage: sort [OPTION]... [FILE]...
Write sorted concatenation of all FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
Ordering options:

  -b, --ignore-leading-blanks  ignore leading blanks
  -f, --ignore-case           fold lower case to upper case characters
  -h, --human-numeric-sort    compare human readable numbers (e.g., 2K 1G)
  -n, --numeric-sort          compare according to string numerical value
  -r, --reverse               reverse the result of comparisons

Other options:

  -c, --check               check for sorted input; do not sort
  -k, --key=KEYDEF          sort via a key; KEYDEF gives location and type
  -o, --output=FILE         write result to FILE instead of standard output
  -s, --stable              stabilize sort by disabling last-resort comparison
  -t, --field-separator=SEP  use SEP instead of non-blank to blank transition
  -u, --unique              with -c, check for strict ordering;
                              without -c, output only the first of an equal run
  -z, --zero-terminated     line delimiter is NUL, not newline
      --help        display this help and exit
`;

interface KeyOpts { b: boolean; f: boolean; n: boolean; h: boolean; r: boolean }
interface Key extends KeyOpts { f1: number; c1: number; f2: number; c2: number; bEnd: boolean }

const blank = (c: string) => c === " " || c === "\t";

function fieldStarts(line: string, sep: string | null): [number, number][] {
  const out: [number, number][] = [];
  if (sep !== null) {
    let s = 0;
    for (let i = 0; i <= line.length; i++) if (i === line.length || line[i] === sep) { out.push([s, i]); s = i + 1; }
    return out;
  }
  let i = 0;
  while (i < line.length) {
    const s = i;
    while (i < line.length && blank(line[i])) i++;
    while (i < line.length && !blank(line[i])) i++;
    out.push([s, i]);
  }
  if (!out.length) out.push([0, 0]);
  return out;
}

function keyText(line: string, k: Key, sep: string | null): string {
  const f = fieldStarts(line, sep);
  if (k.f1 > f.length) return "";
  let [start] = f[k.f1 - 1];
  const fEnd = f[k.f1 - 1][1];
  if (k.b) while (start < fEnd && blank(line[start])) start++;
  start = Math.min(start + k.c1 - 1, fEnd);
  let end = line.length;
  if (k.f2 > 0) {
    if (k.f2 <= f.length) {
      const [s2, e2] = f[k.f2 - 1];
      if (k.c2 === 0) end = e2;
      else {
        let s = s2;
        if (k.bEnd) while (s < e2 && blank(line[s])) s++;
        end = Math.min(s + k.c2, e2);
      }
    }
  }
  return start < end ? line.slice(start, end) : "";
}

const HUMAN = "KMGTPEZY";
function numeric(s: string, human: boolean): number {
  const m = /^[ \t]*(-?)(\d*)(?:\.(\d*))?([KMGTPEZYk]?)/.exec(s)!;
  if (!m[2] && !m[3]) return 0;
  let v = Number(`${m[2] || "0"}.${m[3] || "0"}`);
  if (human && m[4]) v += (HUMAN.indexOf(m[4].toUpperCase()) + 1) * 1e300;
  return m[1] ? -v : v;
}

function compareKey(a: string, b: string, o: KeyOpts): number {
  let r: number;
  if (o.n || o.h) {
    r = numeric(a, o.h) - numeric(b, o.h);
    r = r < 0 ? -1 : r > 0 ? 1 : 0;
  } else {
    if (o.b) { a = a.replace(/^[ \t]+/, ""); b = b.replace(/^[ \t]+/, ""); }
    if (o.f) { a = a.toUpperCase(); b = b.toUpperCase(); }
    r = a < b ? -1 : a > b ? 1 : 0;
  }
  return o.r ? -r : r;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP, 2);
  const p = await parseOpts(t, argv, { short: "bcCfhnk:o:rst:uz", long: { "ignore-leading-blanks": "b", check: "c", "ignore-case": "f", "human-numeric-sort": "h",
    "numeric-sort": "n", key: "k:", output: "o:", reverse: "r", stable: "s", "field-separator": "t:", unique: "u", "zero-terminated": "z" } });
  if (typeof p === "number") return p;
  const g: KeyOpts = { b: false, f: false, n: false, h: false, r: false };
  const keys: Key[] = [];
  let check = false, stable = false, unique = false, output: string | null = null, sep: string | null = null, nul = false;
  for (const [k, v] of p.opts) {
    if ("bfnhr".includes(k)) (g as unknown as Record<string, boolean>)[k] = true;
    else if (k === "c" || k === "C") check = true;
    else if (k === "s") stable = true;
    else if (k === "u") unique = true;
    else if (k === "o") output = v;
    else if (k === "z") nul = true;
    else if (k === "t") {
      const s = utf8Bytes(v);
      if (s.length !== 1) { await t.error(s.length ? `multi-character tab ${quote(v)}` : "empty tab"); return 2; }
      sep = s;
    } else if (k === "k") {
      const m = /^(\d+)(?:\.(\d+))?([bdfghinMRrV]*)(?:,(\d+)(?:\.(\d+))?([bdfghinMRrV]*))?$/.exec(v);
      if (!m || m[1] === "0" || m[2] === "0") { await t.error(`invalid number at field start: invalid count at start of ${quote(v)}`); return 2; }
      const ko = (m[3] ?? "") + (m[6] ?? "");
      keys.push({ f1: +m[1], c1: +(m[2] ?? 1), f2: m[4] ? +m[4] : 0, c2: m[5] ? +m[5] : 0, bEnd: (m[6] ?? "").includes("b"),
        b: ko.includes("b"), f: ko.includes("f"), n: ko.includes("n"), h: ko.includes("h"), r: ko.includes("r") });
    }
  }
  // A key with no ordering options of its own inherits the global ones.
  for (const k of keys) if (!k.b && !k.f && !k.n && !k.h && !k.r) { k.b = g.b; k.f = g.f; k.n = g.n; k.h = g.h; k.r = g.r; }
  const delim = nul ? "\0" : "\n";
  const lines: string[] = [];
  for (const f of p.operands.length ? p.operands : ["-"]) {
    const b = await readFileBytes(f);
    if (!b) { await t.error(`cannot read: ${f}: ${t.errText}`, 2); return 2; }
    lines.push(...splitLines(bytesToStr(b), delim).lines);
  }
  const keyCmp = (a: string, b: string): number => {
    if (!keys.length) return compareKey(a, b, g);
    for (const k of keys) {
      const r = compareKey(keyText(a, k, sep), keyText(b, k, sep), k);
      if (r) return r;
    }
    return 0;
  };
  const full = (a: string, b: string): number => {
    const r = keyCmp(a, b);
    if (r || stable || unique) return r;
    const l = a < b ? -1 : a > b ? 1 : 0;
    return g.r ? -l : l;
  };
  if (check) {
    for (let i = 1; i < lines.length; i++) {
      const r = full(lines[i - 1], lines[i]);
      if (r > 0 || (unique && r === 0)) {
        await t.warn(`${p.operands[0] ?? "-"}:${i + 1}: disorder: ${lines[i]}`);
        return 1;
      }
    }
    return 0;
  }
  const sorted = lines.map((l, i) => [l, i] as [string, number]).sort((x, y) => full(x[0], y[0]) || x[1] - y[1]).map((x) => x[0]);
  let out = t.out;
  if (output !== null) {
    const fd = await open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
    if (fd < 0) { await t.error(`open failed: ${output}: ${t.errText}`, 2); return 2; }
    out = new Out(fd);
  }
  let prev: string | null = null;
  for (const l of sorted) {
    if (unique && prev !== null && keyCmp(prev, l) === 0) continue;
    out.raw(l + delim);
    prev = l;
  }
  if (out !== t.out) { await out.flush(); await close(out.fd); }
  return t.finish();
}
