// <stdlib.h>'s number conversions: strtol, strtoul, strtoll, strtoull, strtod, atoi, atol,
// atof. Strings are JavaScript strings; endptr is a { value } box that receives the index of
// the first character not converted (0 when nothing was converted), as C's endptr does.
import { __set_errno } from "./errno.js";
import { EINVAL, ERANGE } from "../../include/uapi/errno.js";

export type EndPtr = { value: number } | null | undefined;

const LONG_MAX = (1n << 63n) - 1n, LONG_MIN = -(1n << 63n), ULONG_MAX = (1n << 64n) - 1n;
export const INT_MAX = 2147483647, INT_MIN = -2147483648;
const isSpace = (c: string) => c === " " || (c >= "\t" && c <= "\r");

function digitOf(c: string): number {
  const k = c.charCodeAt(0);
  if (k >= 48 && k <= 57) return k - 48;
  if (k >= 97 && k <= 122) return k - 87;
  if (k >= 65 && k <= 90) return k - 55;
  return 99;
}

/** The common parser: the magnitude, its sign, and where it ended; null when base is invalid. */
function parse(s: string, base: number): { neg: boolean; mag: bigint; end: number; overflow: boolean } | null {
  if (base !== 0 && (base < 2 || base > 36)) return null;
  let i = 0;
  while (i < s.length && isSpace(s[i])) i++;
  let neg = false;
  if (s[i] === "+" || s[i] === "-") { neg = s[i] === "-"; i++; }
  if ((base === 0 || base === 16) && s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X") && digitOf(s[i + 2] ?? "") < 16) {
    base = 16;
    i += 2;
  } else if (base === 0) base = s[i] === "0" ? 8 : 10;
  const start = i;
  let mag = 0n;
  let overflow = false;
  const b = BigInt(base);
  for (; i < s.length; i++) {
    const d = digitOf(s[i]);
    if (d >= base) break;
    mag = mag * b + BigInt(d);
    if (mag > ULONG_MAX) overflow = true;
  }
  if (i === start) return { neg: false, mag: 0n, end: 0, overflow: false };
  return { neg, mag, end: i, overflow };
}

function signedConv(s: string, endptr: EndPtr, base: number, min: bigint, max: bigint): number {
  const r = parse(s, base);
  if (!r) { __set_errno(EINVAL); if (endptr) endptr.value = 0; return 0; }
  if (endptr) endptr.value = r.end;
  let v = r.neg ? -r.mag : r.mag;
  if (r.overflow || v > max) { __set_errno(ERANGE); v = max; }
  else if (v < min) { __set_errno(ERANGE); v = min; }
  return Number(v);
}

function unsignedConv(s: string, endptr: EndPtr, base: number, max: bigint): number {
  const r = parse(s, base);
  if (!r) { __set_errno(EINVAL); if (endptr) endptr.value = 0; return 0; }
  if (endptr) endptr.value = r.end;
  if (r.overflow || r.mag > max) { __set_errno(ERANGE); return Number(max); }
  return Number(r.neg ? BigInt.asUintN(64, -r.mag) & max : r.mag);
}

/** strtol(s, endptr, base): a long; ERANGE clamps to LONG_MIN/LONG_MAX; EINVAL for a bad base. */
export function strtol(s: string, endptr: EndPtr = null, base = 10): number { return signedConv(s, endptr, base, LONG_MIN, LONG_MAX); }
export const strtoll = strtol;
export function strtoul(s: string, endptr: EndPtr = null, base = 10): number { return unsignedConv(s, endptr, base, ULONG_MAX); }
export const strtoull = strtoul;
/** As strtol, exact: the value as a BigInt (for 64-bit values beyond 2^53). */
export function strtolBig(s: string, endptr: EndPtr = null, base = 10): bigint {
  const r = parse(s, base);
  if (!r) { __set_errno(EINVAL); return 0n; }
  if (endptr) endptr.value = r.end;
  const v = r.neg ? -r.mag : r.mag;
  if (r.overflow || v > LONG_MAX) { __set_errno(ERANGE); return LONG_MAX; }
  if (v < LONG_MIN) { __set_errno(ERANGE); return LONG_MIN; }
  return v;
}

/** atoi(s): strtol base 10, as an int (no error reporting). */
export function atoi(s: string): number { return Number(BigInt.asIntN(32, BigInt(strtol(s, null, 10)))); }
export function atol(s: string): number { return strtol(s, null, 10); }
export const atoll = atol;

const FLOAT_RE = /^[+-]?(?:(?:inf(?:inity)?|nan(?:\([0-9a-z_]*\))?)|0x(?:[0-9a-f]+\.?[0-9a-f]*|\.[0-9a-f]+)(?:p[+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)/i;

/** strtod(s, endptr): decimal and hexadecimal floats, inf, nan; ERANGE on overflow/underflow. */
export function strtod(s: string, endptr: EndPtr = null): number {
  let i = 0;
  while (i < s.length && isSpace(s[i])) i++;
  const m = FLOAT_RE.exec(s.slice(i));
  if (!m) { if (endptr) endptr.value = 0; return 0; }
  let t = m[0];
  // An exponent without digits is not part of the number ("1e" converts "1").
  if (endptr) endptr.value = i + t.length;
  const neg = t[0] === "-";
  if (t[0] === "+" || t[0] === "-") t = t.slice(1);
  const lower = t.toLowerCase();
  let v: number;
  if (lower.startsWith("inf")) v = Infinity;
  else if (lower.startsWith("nan")) v = NaN;
  else if (lower.startsWith("0x")) v = hexFloat(lower.slice(2));
  else v = Number(t.endsWith(".") ? t + "0" : t.startsWith(".") ? "0" + t : t);
  if (!Number.isFinite(v) && !lower.startsWith("inf") && !lower.startsWith("nan")) __set_errno(ERANGE);
  else if (v === 0 && /[1-9]/.test(lower.split(/[ep]/)[0].replace(/^0x/, ""))) __set_errno(ERANGE);
  return neg ? -v : v;
}

function hexFloat(h: string): number {
  const [mant, exp = "0"] = h.split("p");
  const [ip, fp = ""] = mant.split(".");
  const digits = (ip + fp).replace(/^0+/, "") || "0";
  let v = 0;
  for (const c of digits.slice(0, 15)) v = v * 16 + parseInt(c, 16);
  const extra = Math.max(0, digits.length - 15);
  return v * 2 ** (4 * (extra - fp.length) + Number(exp));
}

export function atof(s: string): number { return strtod(s, null); }
export const strtof = strtod;
export const strtold = strtod;
