// Parsing numbers for C modules: kstrto* and simple_strto* (linux/kstrtox.h) on the kernel's own
// (include/linux/kernel.ts), storing the result at the C type's size (ILP32: long is 4 bytes),
// and sscanf/vsscanf (linux/sprintf.h) as lib/vsprintf.c's vsscanf reads: whitespace in the
// format matches any run of it, numbers and %s skip leading whitespace, a field width limits a
// conversion, `*` suppresses the store; the result is how many conversions were stored.
import * as kx from "../../include/linux/kernel.js";
import type { KernelMemory } from "../../mm/kernel_memory.js";

type Parse = (s: string, base: number, res: kx.Box) => number;
const isSpace = (c: string | undefined) => c !== undefined && " \t\n\v\f\r".includes(c);
const digit = (c: string | undefined): number => {
  const d = c === undefined ? NaN : parseInt(c, 36);
  return Number.isNaN(d) ? 99 : d;
};

/** Store v at p as a size-byte integer (two's complement). */
function putInt(km: KernelMemory, p: number, size: number, v: bigint): void {
  const dv = km.view;
  if (size === 1) dv.setUint8(p, Number(BigInt.asUintN(8, v)));
  else if (size === 2) dv.setUint16(p, Number(BigInt.asUintN(16, v)), true);
  else if (size === 8) dv.setBigUint64(p, BigInt.asUintN(64, v), true);
  else dv.setUint32(p, Number(BigInt.asUintN(32, v)), true);
}

/** The number at the start of t in base (0: by prefix; signed: a leading '-'), and its length. */
function scanNumber(t: string, base: number, signed: boolean): [bigint, number] | null {
  let i = 0;
  const neg = signed && t[0] === "-";
  if (neg) i++;
  const prefixed = t[i] === "0" && (t[i + 1] === "x" || t[i + 1] === "X") && digit(t[i + 2]) < 16;
  if (base === 0) base = t[i] === "0" ? (prefixed ? 16 : 8) : 10;
  if (base === 16 && prefixed) i += 2;
  const start = i;
  let v = 0n;
  for (; i < t.length && digit(t[i]) < base; i++) v = v * BigInt(base) + BigInt(digit(t[i]));
  return i === start ? null : [neg ? -v : v, i];
}

/** vsscanf(str, fmt, ap): the count of conversions stored. */
export function cVsscanf(km: KernelMemory, str: number, fmt: number, ap: number): number {
  const s = km.cString(str), f = km.cString(fmt);
  let i = 0, n = 0, p = ap;
  const next = () => { const a = km.view.getUint32(p, true); p += 4; return a; };
  for (let j = 0; j < f.length;) {
    if (isSpace(f[j])) { while (isSpace(f[j])) j++; while (isSpace(s[i])) i++; continue; }
    if (f[j] !== "%" || f[j + 1] === "%") {
      if (f[j] === "%") j++;
      if (s[i] !== f[j]) break;
      i++; j++;
      continue;
    }
    j++;
    const skip = f[j] === "*";
    if (skip) j++;
    let width = 0;
    while (digit(f[j]) < 10) width = width * 10 + digit(f[j++]);
    let size = 4;
    if (f.startsWith("hh", j)) { size = 1; j += 2; }
    else if (f.startsWith("ll", j)) { size = 8; j += 2; }
    else if ("Lq".includes(f[j] ?? "x")) { size = 8; j++; }
    else if (f[j] === "h") { size = 2; j++; }
    else if ("lzt".includes(f[j] ?? "x")) j++;
    const conv = f[j++];
    if (conv === undefined) break;
    if (conv === "n") { if (!skip) putInt(km, next(), 4, BigInt(i)); continue; }
    if (i >= s.length) break;
    if (conv === "c") {
      const w = Math.min(width || 1, s.length - i);
      if (!skip) km.bytes.set(new TextEncoder().encode(s.slice(i, i + w)), next());
      i += w;
      if (!skip) n++;
      continue;
    }
    while (isSpace(s[i])) i++;
    if (i >= s.length) break;
    if (conv === "s") {
      const start = i;
      while (i < s.length && !isSpace(s[i]) && (!width || i - start < width)) i++;
      if (!skip) { const b = new TextEncoder().encode(s.slice(start, i)), d = next(); km.bytes.set(b, d); km.bytes[d + b.length] = 0; n++; }
      continue;
    }
    const base = { d: 10, u: 10, i: 0, x: 16, X: 16, o: 8 }[conv];
    if (base === undefined) break;
    const got = scanNumber(width ? s.slice(i, i + width) : s.slice(i), base, conv === "d" || conv === "i");
    if (!got) break;
    i += got[1];
    if (!skip) { putInt(km, next(), size, got[0]); n++; }
  }
  return n;
}

/** The C API of linux/kstrtox.h and sscanf. */
export function cParseApi(km: KernelMemory): Record<string, (...a: number[]) => number> {
  const kstrto = (parse: Parse, size: number) => (s: number, base: number, res: number) => {
    const box = { value: 0 };
    const r = parse(km.cString(s), base, box);
    if (r === 0) putInt(km, res, size, BigInt(box.value));
    return r;
  };
  const strto = (signed: boolean, size: number) => (cp: number, endp: number, base: number) => {
    const s = km.cString(cp), e = { value: 0 };
    const v = signed ? kx.simple_strtoll(s, e, base) : kx.simple_strtoull(s, e, base);
    if (endp) km.view.setUint32(endp, cp + new TextEncoder().encode(s.slice(0, e.value)).length, true);
    return (size === 8 ? BigInt.asIntN(64, BigInt(v)) : v | 0) as unknown as number;
  };
  return {
    kstrtoull: kstrto(kx.kstrtoull, 8), kstrtoll: kstrto(kx.kstrtoll, 8),
    kstrtoul: kstrto(kx.kstrtouint, 4), kstrtol: kstrto(kx.kstrtoint, 4),
    kstrtouint: kstrto(kx.kstrtouint, 4), kstrtoint: kstrto(kx.kstrtoint, 4),
    kstrtou16: kstrto(kx.kstrtou16, 2), kstrtos16: kstrto(kx.kstrtos16, 2),
    kstrtou8: kstrto(kx.kstrtou8, 1), kstrtos8: kstrto(kx.kstrtos8, 1),
    kstrtobool: (s, res) => {
      const box = { value: false };
      const r = kx.kstrtobool(km.cString(s), box);
      if (r === 0) km.view.setUint8(res, box.value ? 1 : 0);
      return r;
    },
    simple_strtoull: strto(false, 8), simple_strtoll: strto(true, 8),
    simple_strtoul: strto(false, 4), simple_strtol: strto(true, 4),
    sscanf: (str, fmt, ap) => cVsscanf(km, str, fmt, ap),
    vsscanf: (str, fmt, ap) => cVsscanf(km, str, fmt, ap),
  };
}
