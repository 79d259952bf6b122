// od: dump files in octal and other formats (GNU coreutils: -A d/o/x/n, -t TYPE (a c d o u x
// with sizes 1 2 4 8), -c -x -o -d -b, -j SKIP, -N COUNT, -v; identical lines become "*").
import { Tool, parseOpts, quote, readFileBytes, parseSize } from "../lib/common.js";

const HELP = `Usage: od [OPTION]... [FILE]...
Write an unambiguous representation, octal bytes by default,
of FILE to standard output.  With more than one FILE argument,
concatenate them in the listed order to form the input.

With no FILE, or when FILE is -, read standard input.

  -A, --address-radix=RADIX   output format for file offsets; RADIX is one
                                of [doxn], for Decimal, Octal, Hex or None
  -j, --skip-bytes=BYTES      skip BYTES input bytes first
  -N, --read-bytes=BYTES      limit dump to BYTES input bytes
  -t, --format=TYPE           select output format or formats
  -v, --output-duplicates     do not use * to mark line suppression
  -b     same as -t o1, select octal bytes
  -c     same as -t c,  select printable characters or backslash escapes
  -d     same as -t u2, select unsigned decimal 2-byte units
  -o     same as -t o2, select octal 2-byte units
  -x     same as -t x2, select hexadecimal 2-byte units
      --help     display this help and exit
`;

interface Fmt { kind: string; size: number; width: number; z?: boolean }

const NAMES = ["nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl", "vt", "ff", "cr", "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb", "can", "em", "sub", "esc", "fs", "gs", "rs", "us", "sp"];

function fieldWidth(kind: string, size: number): number {
  const max = 2 ** (8 * size) - 1;
  switch (kind) {
    case "o": return max.toString(8).length;
    case "x": return size * 2;
    case "u": return String(max).length;
    case "d": return String(-(2 ** (8 * size - 1))).length;
    default: return 3;
  }
}

function parseType(s: string): Fmt[] | null {
  const out: Fmt[] = [];
  let i = 0;
  while (i < s.length) {
    const k = s[i++];
    if (k === "a" || k === "c") { out.push({ kind: k, size: 1, width: 3 }); continue; }
    if (!"doux".includes(k)) return null;
    let size = 4;
    const m = /^(\d+|[CSIL])/.exec(s.slice(i));
    if (m) {
      size = ({ C: 1, S: 2, I: 4, L: 8 } as Record<string, number>)[m[1]] ?? Number(m[1]);
      i += m[1].length;
      if (![1, 2, 4, 8].includes(size)) return null;
    }
    out.push({ kind: k, size, width: fieldWidth(k, size) });
    if (s[i] === "z") { out[out.length - 1].z = true; i++; }
  }
  return out;
}

function value(d: Uint8Array, off: number, size: number, signed: boolean): bigint {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(off + i < d.length ? d[off + i] : 0);
  if (signed && v >= 1n << BigInt(8 * size - 1)) v -= 1n << BigInt(8 * size);
  return v;
}

function cell(f: Fmt, d: Uint8Array, off: number): string {
  if (f.kind === "c") {
    const b = d[off];
    const esc: Record<number, string> = { 0: "\\0", 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r" };
    if (esc[b]) return esc[b];
    if (b >= 32 && b < 127) return String.fromCharCode(b);
    return b.toString(8).padStart(3, "0");
  }
  if (f.kind === "a") {
    const b = d[off] & 0x7f;
    return b <= 32 ? NAMES[b] : b === 127 ? "del" : String.fromCharCode(b);
  }
  const v = value(d, off, f.size, f.kind === "d");
  const s = v.toString(f.kind === "o" ? 8 : f.kind === "x" ? 16 : 10);
  return f.kind === "o" || f.kind === "x" ? s.padStart(f.width, "0") : s;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "A:j:N:t:vbcdoxw::", long: { "address-radix": "A:", "skip-bytes": "j:", "read-bytes": "N:", format: "t:", "output-duplicates": "v", width: "w::" } });
  if (typeof p === "number") return p;
  let radix = "o", skip = 0, limit = Infinity, dup = false, width = 16;
  const fmts: Fmt[] = [];
  for (const [k, v] of p.opts) {
    switch (k) {
      case "A":
        if (!/^[doxn]$/.test(v)) { await t.error(`invalid output address radix '${v}'; it must be one character from [doxn]`); return 1; }
        radix = v; break;
      case "j": case "N": {
        const n = parseSize(v.replace(/^0x/i, "")) ?? null;
        if (n === null) { await t.error(`invalid ${k === "j" ? "skip-bytes" : "read-bytes"} argument ${quote(v)}`); return 1; }
        if (k === "j") skip = n; else limit = n;
        break;
      }
      case "t": {
        const f = parseType(v);
        if (!f) { await t.error(`invalid type string ${quote(v)}`); return 1; }
        fmts.push(...f);
        break;
      }
      case "v": dup = true; break;
      case "w": width = v ? Number(v) : 32; break;
      case "b": fmts.push(...parseType("o1")!); break;
      case "c": fmts.push(...parseType("c")!); break;
      case "d": fmts.push(...parseType("u2")!); break;
      case "o": fmts.push(...parseType("o2")!); break;
      case "x": fmts.push(...parseType("x2")!); break;
    }
  }
  if (!fmts.length) fmts.push(...parseType("o2")!);
  const parts: Uint8Array[] = [];
  for (const f of p.operands.length ? p.operands : ["-"]) {
    const b = await readFileBytes(f);
    if (!b) { await t.error(`${f}: ${t.errText}`); continue; }
    parts.push(b);
  }
  const all = new Uint8Array(parts.reduce((s, b) => s + b.length, 0));
  parts.reduce((o, b) => { all.set(b, o); return o + b.length; }, 0);
  const data = all.subarray(Math.min(skip, all.length), Math.min(all.length, skip + limit));
  // Every byte gets the same column width across formats, so the formats line up.
  const lineW = Math.max(...fmts.map((f) => (f.width + 1) * Math.ceil(width / f.size)));
  const fieldW = (f: Fmt) => Math.floor(lineW / Math.ceil(width / f.size));
  const addr = (n: number) => (radix === "n" ? "" : radix === "d" ? String(n).padStart(7, "0") : radix === "x" ? n.toString(16).padStart(6, "0") : n.toString(8).padStart(7, "0"));
  let prev: string | null = null, starred = false;
  for (let off = 0; off < data.length; off += width) {
    const chunk = data.subarray(off, Math.min(off + width, data.length));
    const key = Array.from(chunk).join(",");
    if (!dup && key === prev && chunk.length === width) {
      if (!starred) t.out.text("*\n");
      starred = true;
      continue;
    }
    prev = key; starred = false;
    fmts.forEach((f, fi) => {
      let line = fi === 0 ? addr(skip + off) : " ".repeat(addr(0).length);
      for (let i = 0; i < chunk.length; i += f.size) line += cell(f, chunk, i).padStart(fieldW(f));
      // The z suffix: the bytes as text after the line, padded to a full line.
      if (f.z) line = line.padEnd(addr(0).length + lineW) + "  >" + Array.from(chunk, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : ".")).join("") + "<";
      t.out.text(line + "\n");
    });
  }
  if (radix !== "n") t.out.text(addr(skip + data.length) + "\n");
  return t.finish();
}
