// "linux/kernel", "linux/kstrtox" and "linux/minmax": what a driver reaches for when it parses
// a value written to sysfs or /proc and formats one back. kstrto*(s, base, res) follow
// lib/kstrtox.c: an optional sign, a base prefix when base is 0 (0x hex, 0 octal), digits,
// one optional trailing newline, nothing else; 0 and *res set, or -EINVAL (not a number)
// or -ERANGE (does not fit the type), *res untouched. `res` is a box, { value: number }, as
// file positions are. 64-bit results are JavaScript numbers: exact up to 2^53.
// sprintf/snprintf/scnprintf write the kernel printf's text (vsprintf.ts) as UTF-8 bytes and
// a NUL into a byte buffer (a kmalloc'd KBuffer, a show() page, or a subarray of one for
// `buf + len`); they never write past the buffer's end.
import { vsprintf } from "./vsprintf.js";
import { copy_from_user } from "./uaccess.js";
import { kmalloc, type KBuffer } from "./slab.js";
import type { UserPtr } from "../../mm/mm.js";
import { EINVAL, ERANGE, EFAULT } from "../uapi/errno.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

/** An out-parameter: the callee stores its result in value. */
export interface Box<T = number> { value: T }

export const INT_MAX = 0x7fffffff, INT_MIN = -0x80000000, UINT_MAX = 0xffffffff;
export const LONG_MAX = Number(2n ** 63n - 1n), LONG_MIN = -(2 ** 63), ULONG_MAX = Number(2n ** 64n - 1n);
export const LLONG_MAX = LONG_MAX, LLONG_MIN = LONG_MIN, ULLONG_MAX = ULONG_MAX;
export const U8_MAX = 0xff, S8_MAX = 0x7f, S8_MIN = -0x80, U16_MAX = 0xffff, S16_MAX = 0x7fff, S16_MIN = -0x8000,
  U32_MAX = UINT_MAX, S32_MAX = INT_MAX, S32_MIN = INT_MIN, U64_MAX = ULONG_MAX, S64_MAX = LONG_MAX, S64_MIN = LONG_MIN;

// ---- kstrtox ----

const digit = (c: string): number => {
  const d = parseInt(c, 36);
  return Number.isNaN(d) ? 99 : d;
};

/** _kstrtoull: 0 and the value, or -EINVAL / -ERANGE. */
function parseUll(s: string, base: number): number | bigint {
  let i = 0;
  if (base === 0) {
    if (s[0] === "0") base = (s[1] === "x" || s[1] === "X") && digit(s[2] ?? "") < 16 ? 16 : 8;
    else base = 10;
  }
  if (base === 16 && s[0] === "0" && (s[1] === "x" || s[1] === "X")) i = 2;
  if (base < 2 || base > 16) return -EINVAL;
  const start = i;
  let v = 0n;
  let overflow = false;
  for (; i < s.length; i++) {
    const d = digit(s[i]);
    if (d >= base) break;
    v = v * BigInt(base) + BigInt(d);
    if (v >= 1n << 64n) overflow = true;
  }
  if (overflow) return -ERANGE;
  if (i === start) return -EINVAL;
  if (s[i] === "\n") i++;
  if (i !== s.length) return -EINVAL;
  return v;
}

function kstrtoUnsigned(s: string, base: number, res: Box, max: bigint): number {
  if (s[0] === "+") s = s.slice(1);
  const v = parseUll(s, base);
  if (typeof v === "number") return v;
  if (v > max) return -ERANGE;
  res.value = Number(v);
  return 0;
}

function kstrtoSigned(s: string, base: number, res: Box, bits: bigint): number {
  const lim = 1n << (bits - 1n);
  let v: number | bigint;
  if (s[0] === "-") {
    v = parseUll(s.slice(1), base);
    if (typeof v === "number") return v;
    if (v > lim) return -ERANGE;
    v = -v;
  } else {
    v = parseUll(s[0] === "+" ? s.slice(1) : s, base);
    if (typeof v === "number") return v;
    if (v >= lim) return -ERANGE;
  }
  res.value = Number(v);
  return 0;
}

export const kstrtoull = (s: string, base: number, res: Box) => kstrtoUnsigned(s, base, res, (1n << 64n) - 1n);
export const kstrtoul = kstrtoull;
export const kstrtou64 = kstrtoull;
export const kstrtouint = (s: string, base: number, res: Box) => kstrtoUnsigned(s, base, res, 0xffffffffn);
export const kstrtou32 = kstrtouint;
export const kstrtou16 = (s: string, base: number, res: Box) => kstrtoUnsigned(s, base, res, 0xffffn);
export const kstrtou8 = (s: string, base: number, res: Box) => kstrtoUnsigned(s, base, res, 0xffn);
export const kstrtoll = (s: string, base: number, res: Box) => kstrtoSigned(s, base, res, 64n);
export const kstrtol = kstrtoll;
export const kstrtos64 = kstrtoll;
export const kstrtoint = (s: string, base: number, res: Box) => kstrtoSigned(s, base, res, 32n);
export const kstrtos32 = kstrtoint;
export const kstrtos16 = (s: string, base: number, res: Box) => kstrtoSigned(s, base, res, 16n);
export const kstrtos8 = (s: string, base: number, res: Box) => kstrtoSigned(s, base, res, 8n);

/** kstrtobool: y/Y/1/on → true, n/N/0/off → false (only the first one or two characters count). */
export function kstrtobool(s: string, res: Box<boolean>): number {
  if (typeof s !== "string" || !s.length) return -EINVAL;
  switch (s[0]) {
    case "y": case "Y": case "1": res.value = true; return 0;
    case "n": case "N": case "0": res.value = false; return 0;
    case "o": case "O":
      if (s[1] === "n" || s[1] === "N") { res.value = true; return 0; }
      if (s[1] === "f" || s[1] === "F") { res.value = false; return 0; }
  }
  return -EINVAL;
}

/** The text of a user buffer, as the *_from_user variants copy it (at most a small stack buffer). */
function fromUser(ubuf: UserPtr | number, count: number): string | number {
  const b = new Uint8Array(Math.min(count, 66));
  if (copy_from_user(b, ubuf, b.length)) return -EFAULT;
  const end = b.indexOf(0);
  return new TextDecoder().decode(end >= 0 ? b.subarray(0, end) : b);
}
const userVariant = <T>(fn: (s: string, base: number, res: Box<T>) => number) =>
  (ubuf: UserPtr | number, count: number, base: number, res: Box<T>): number => {
    const s = fromUser(ubuf, count);
    return typeof s === "number" ? s : fn(s, base, res);
  };
export const kstrtoull_from_user = userVariant(kstrtoull), kstrtoul_from_user = userVariant(kstrtoul),
  kstrtoll_from_user = userVariant(kstrtoll), kstrtol_from_user = userVariant(kstrtol),
  kstrtouint_from_user = userVariant(kstrtouint), kstrtoint_from_user = userVariant(kstrtoint),
  kstrtou16_from_user = userVariant(kstrtou16), kstrtos16_from_user = userVariant(kstrtos16),
  kstrtou8_from_user = userVariant(kstrtou8), kstrtos8_from_user = userVariant(kstrtos8);
export function kstrtobool_from_user(ubuf: UserPtr | number, count: number, res: Box<boolean>): number {
  const s = fromUser(ubuf, count);
  return typeof s === "number" ? s : kstrtobool(s, res);
}

/** simple_strtoull(cp, endp, base): the leading number (0 when none); endp.value = where it stopped. */
export function simple_strtoull(cp: string, endp: Box | null, base: number): number {
  let i = 0;
  if (base === 0) base = cp[0] === "0" ? ((cp[1] === "x" || cp[1] === "X") && digit(cp[2] ?? "") < 16 ? 16 : 8) : 10;
  if (base === 16 && cp[0] === "0" && (cp[1] === "x" || cp[1] === "X") && digit(cp[2] ?? "") < 16) i = 2;
  let v = 0n;
  for (; i < cp.length && digit(cp[i]) < base; i++) v = BigInt.asUintN(64, v * BigInt(base) + BigInt(digit(cp[i])));
  if (endp) endp.value = i;
  return Number(v);
}
export const simple_strtoul = simple_strtoull;
export function simple_strtoll(cp: string, endp: Box | null, base: number): number {
  if (cp[0] !== "-") return simple_strtoull(cp, endp, base);
  const e = { value: 0 };
  const v = simple_strtoull(cp.slice(1), e, base);
  if (endp) endp.value = e.value + 1;
  return -v;
}
export const simple_strtol = simple_strtoll;

// ---- minmax ----

export const min = (a: number, b: number) => (a < b ? a : b);
export const max = (a: number, b: number) => (a > b ? a : b);
export const min3 = (a: number, b: number, c: number) => min(min(a, b), c);
export const max3 = (a: number, b: number, c: number) => max(max(a, b), c);
export const clamp = (val: number, lo: number, hi: number) => min(max(val, lo), hi);
export const clamp_val = clamp;

/** The value of v converted to a C type ("int", "u8", "size_t", "unsigned long" ...). */
function cast(type: string, v: number): number {
  const t = type.replace(/\s+/g, " ").trim();
  const bits: Record<string, [number, boolean]> = {
    "char": [8, true], "s8": [8, true], "u8": [8, false], "unsigned char": [8, false],
    "short": [16, true], "s16": [16, true], "u16": [16, false], "unsigned short": [16, false],
    "int": [32, true], "s32": [32, true], "u32": [32, false], "unsigned int": [32, false], "unsigned": [32, false],
    "long": [64, true], "s64": [64, true], "u64": [64, false], "unsigned long": [64, false], "size_t": [64, false],
    "ssize_t": [64, true], "loff_t": [64, true], "long long": [64, true], "unsigned long long": [64, false],
  };
  const b = bits[t];
  if (!b) return v;
  const big = BigInt(Math.trunc(v));
  return Number(b[1] ? BigInt.asIntN(b[0], big) : BigInt.asUintN(b[0], big));
}
/** min_t(type, a, b): both converted to the type first (type is its C name, e.g. "size_t"). */
export const min_t = (type: string, a: number, b: number) => min(cast(type, a), cast(type, b));
export const max_t = (type: string, a: number, b: number) => max(cast(type, a), cast(type, b));
export const clamp_t = (type: string, val: number, lo: number, hi: number) => clamp(cast(type, val), cast(type, lo), cast(type, hi));

// ---- kernel.h: sizes, rounding, formatting ----

/** ARRAY_SIZE(arr): the number of elements. */
export const ARRAY_SIZE = (arr: ArrayLike<unknown>) => arr.length;
export const DIV_ROUND_UP = (n: number, d: number) => Math.floor((n + d - 1) / d);
export const DIV_ROUND_CLOSEST = (x: number, d: number) => Math.trunc((x + (x < 0 === d < 0 ? d / 2 : -d / 2)) / d);
export const roundup = (x: number, y: number) => Math.ceil(x / y) * y;
export const rounddown = (x: number, y: number) => x - (x % y);
export const abs = (x: number) => Math.abs(x);
export const upper_32_bits = (n: number | bigint) => Number((BigInt(n) >> 32n) & 0xffffffffn);
export const lower_32_bits = (n: number | bigint) => Number(BigInt(n) & 0xffffffffn);

const enc = new TextEncoder();

/** Copy text's bytes into buf, at most size - 1 of them, then a NUL; returns the bytes copied. */
function put(buf: Uint8Array, size: number, text: string): number {
  size = Math.min(size, buf.length);
  if (size <= 0) return 0;
  const bytes = enc.encode(text);
  const n = Math.min(bytes.length, size - 1);
  buf.set(bytes.subarray(0, n));
  buf[n] = 0;
  return n;
}
const textLength = (s: string) => enc.encode(s).length;

/** vsnprintf(buf, size, fmt, args): the length the whole text has (it may not all fit). */
export function vsnprintf(buf: Uint8Array, size: number, fmt: string, args: readonly unknown[]): number {
  const s = vsprintf(fmt, args);
  put(buf, size, s);
  return textLength(s);
}
/** vscnprintf(buf, size, fmt, args): the bytes written, not counting the NUL. */
export function vscnprintf(buf: Uint8Array, size: number, fmt: string, args: readonly unknown[]): number {
  return put(buf, size, vsprintf(fmt, args));
}
/** sprintf(buf, fmt, ...): the text's length (written up to the buffer's end). */
export const sprintf = (buf: Uint8Array, fmt: string, ...args: unknown[]) => vsnprintf(buf, buf.length, fmt, args);
export const snprintf = (buf: Uint8Array, size: number, fmt: string, ...args: unknown[]) => vsnprintf(buf, size, fmt, args);
export const scnprintf = (buf: Uint8Array, size: number, fmt: string, ...args: unknown[]) => vscnprintf(buf, size, fmt, args);
/** kasprintf(gfp, fmt, ...): a kmalloc'd NUL-terminated copy of the text (kfree it), or null. */
export function kasprintf(gfp: number, fmt: string, ...args: unknown[]): KBuffer | null {
  const bytes = enc.encode(vsprintf(fmt, args));
  const b = kmalloc(bytes.length + 1, gfp);
  if (!b) return null;
  b.set(bytes);
  b[bytes.length] = 0;
  return b;
}

export const kstrtox = {
  kstrtoull, kstrtoul, kstrtou64, kstrtouint, kstrtou32, kstrtou16, kstrtou8, kstrtoll, kstrtol, kstrtos64, kstrtoint,
  kstrtos32, kstrtos16, kstrtos8, kstrtobool, kstrtoull_from_user, kstrtoul_from_user, kstrtoll_from_user,
  kstrtol_from_user, kstrtouint_from_user, kstrtoint_from_user, kstrtou16_from_user, kstrtos16_from_user,
  kstrtou8_from_user, kstrtos8_from_user, kstrtobool_from_user, simple_strtoull, simple_strtoul, simple_strtoll,
  simple_strtol,
};
export const minmax = { min, max, min3, max3, clamp, clamp_val, min_t, max_t, clamp_t };
export const api = {
  INT_MAX, INT_MIN, UINT_MAX, LONG_MAX, LONG_MIN, ULONG_MAX, LLONG_MAX, LLONG_MIN, ULLONG_MAX, U8_MAX, S8_MAX, S8_MIN,
  U16_MAX, S16_MAX, S16_MIN, U32_MAX, S32_MAX, S32_MIN, U64_MAX, S64_MAX, S64_MIN, ARRAY_SIZE, DIV_ROUND_UP,
  DIV_ROUND_CLOSEST, roundup, rounddown, abs, upper_32_bits, lower_32_bits, sprintf, snprintf, scnprintf, vsnprintf,
  vscnprintf, kasprintf,
};
exportHeader("linux/kstrtox", kstrtox);
exportHeader("linux/minmax", minmax);
exportHeader("linux/kernel", api);
