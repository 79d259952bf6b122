// The printf engine: C format strings (%d %i %u %x %X %o %c %s %p %f %F %e %E %g %G %a %A %%
// %m, flags "-+ #0'", width and precision with * and n$ positions, length modifiers hh h l ll
// q j z t L). Output is a byte string (one char per byte, latin1): widths count bytes as C
// does, and JavaScript strings are UTF-8 encoded first. Floating-point conversions round the
// exact binary value half-to-even, as glibc does, using BigInt arithmetic.
import { encode } from "./internal/mem.js";
import { readCString } from "./internal/mem.js";

/** One parsed conversion specification. */
export interface Spec {
  flags: string;
  width: number | null;
  precision: number | null;
  length: string;
  conv: string;
}

/** A JavaScript string as a byte string (UTF-8, one char per byte). */
export function toByteString(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  let out = "";
  for (const b of encode(s)) out += String.fromCharCode(b);
  return out;
}

export function byteStringToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function pad(s: string, spec: Spec, zeroOk: boolean, signLen = 0): string {
  const w = spec.width ?? 0;
  if (s.length >= w) return s;
  if (spec.flags.includes("-")) return s + " ".repeat(w - s.length);
  if (zeroOk && spec.flags.includes("0")) return s.slice(0, signLen) + "0".repeat(w - s.length) + s.slice(signLen);
  return " ".repeat(w - s.length) + s;
}

const BITS: Record<string, number> = { hh: 8, h: 16, "": 32, l: 64, ll: 64, q: 64, j: 64, z: 64, t: 64, L: 64 };

/** An argument as an integer of the conversion's size. */
export function intArg(a: unknown, length: string, signed: boolean): bigint {
  let v: bigint;
  if (typeof a === "bigint") v = a;
  else if (typeof a === "number") v = Number.isFinite(a) ? BigInt(Math.trunc(a)) : 0n;
  else if (typeof a === "boolean") v = a ? 1n : 0n;
  else if (typeof a === "string") v = a.length === 1 && !/\d/.test(a) ? BigInt(a.charCodeAt(0)) : BigInt(Math.trunc(Number(a)) || 0);
  else v = 0n;
  const bits = BITS[length] ?? 32;
  return signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}

function formatInt(spec: Spec, a: unknown): string {
  const c = spec.conv;
  const signed = c === "d" || c === "i";
  const v = intArg(a, spec.length, signed);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const base = c === "x" || c === "X" ? 16 : c === "o" ? 8 : 10;
  let digits = abs.toString(base);
  if (c === "X") digits = digits.toUpperCase();
  if (spec.precision !== null) {
    if (spec.precision === 0 && abs === 0n) digits = "";
    else if (digits.length < spec.precision) digits = "0".repeat(spec.precision - digits.length) + digits;
  }
  if (spec.flags.includes("'") && base === 10) digits = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let prefix = "";
  if (signed) prefix = neg ? "-" : spec.flags.includes("+") ? "+" : spec.flags.includes(" ") ? " " : "";
  if (spec.flags.includes("#")) {
    if (c === "o" && !digits.startsWith("0")) digits = "0" + digits;
    if ((c === "x" || c === "X") && abs !== 0n) prefix = c === "x" ? "0x" : "0X";
  }
  return pad(prefix + digits, spec, spec.precision === null, prefix.length);
}

/** A double's exact value: mantissa * 2^exp (mantissa a non-negative BigInt). */
function decompose(x: number): { m: bigint; e: number } {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, Math.abs(x));
  const hi = dv.getUint32(0), lo = dv.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (bexp === 0) return { m, e: -1074 };
  m |= 1n << 52n;
  return { m, e: bexp - 1075 };
}

/** round(|x| * 10^k) half-to-even, exactly. */
function scaledRound(x: number, k: number): bigint {
  const { m, e } = decompose(x);
  let num = m, den = 1n;
  if (e >= 0) num <<= BigInt(e); else den <<= BigInt(-e);
  if (k >= 0) num *= 10n ** BigInt(k); else den *= 10n ** BigInt(-k);
  const q = num / den, r = num % den;
  const twice = 2n * r;
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** Digits of |x| with p decimals ("123.456"). */
function fixed(x: number, p: number): string {
  const s = scaledRound(x, p).toString().padStart(p + 1, "0");
  return p === 0 ? s : s.slice(0, s.length - p) + "." + s.slice(s.length - p);
}

/** |x| as d.ddd (p decimals) and its decimal exponent. */
function sci(x: number, p: number): { digits: string; exp: number } {
  if (x === 0) return { digits: "0".repeat(p + 1), exp: 0 };
  let exp = Math.floor(Math.log10(Math.abs(x)));
  for (let tries = 0; tries < 3; tries++) {
    const q = scaledRound(x, p - exp);
    const s = q.toString();
    if (s.length > p + 1) { exp++; continue; }
    if (s.length < p + 1) { exp--; continue; }
    return { digits: s, exp };
  }
  const s = scaledRound(x, p - exp).toString();
  return { digits: s.slice(0, p + 1), exp };
}

function expStr(exp: number, upper: boolean): string {
  const a = Math.abs(exp);
  return (upper ? "E" : "e") + (exp < 0 ? "-" : "+") + (a < 10 ? "0" + a : String(a));
}

function formatFloat(spec: Spec, a: unknown): string {
  const x = typeof a === "number" ? a : typeof a === "bigint" ? Number(a) : Number(a ?? 0);
  const c = spec.conv;
  const upper = c === "F" || c === "E" || c === "G" || c === "A";
  const neg = x < 0 || Object.is(x, -0);
  const sign = neg ? "-" : spec.flags.includes("+") ? "+" : spec.flags.includes(" ") ? " " : "";
  const alt = spec.flags.includes("#");
  if (!Number.isFinite(x)) {
    const t = Number.isNaN(x) ? "nan" : "inf";
    return pad(sign + (upper ? t.toUpperCase() : t), spec, false);
  }
  let body: string;
  const lc = c.toLowerCase();
  if (lc === "f") {
    const p = spec.precision ?? 6;
    body = fixed(x, p);
    if (alt && p === 0) body += ".";
    if (spec.flags.includes("'")) body = body.replace(/^\d+/, (d) => d.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
  } else if (lc === "e") {
    const p = spec.precision ?? 6;
    const { digits, exp } = sci(x, p);
    body = digits[0] + (p > 0 || alt ? "." + digits.slice(1) : "") + expStr(exp, upper);
  } else if (lc === "g") {
    let P = spec.precision ?? 6;
    if (P === 0) P = 1;
    const { exp } = sci(x, P - 1);
    if (P > exp && exp >= -4) {
      body = fixed(x, P - 1 - exp);
      if (!alt && body.includes(".")) body = body.replace(/\.?0+$/, "");
      else if (alt && !body.includes(".")) body += ".";
    } else {
      const { digits } = sci(x, P - 1);
      let mant = digits[0] + (P - 1 > 0 || alt ? "." + digits.slice(1) : "");
      if (!alt && mant.includes(".")) mant = mant.replace(/\.?0+$/, "");
      body = mant + expStr(exp, upper);
    }
  } else {
    body = hexFloat(x, spec.precision, alt);
    if (upper) body = body.toUpperCase();
  }
  return pad(sign + body, spec, true, sign.length + (lc === "a" ? 2 : 0));
}

/** %a: 0x1.hhhp+d (glibc's form for normal numbers; subnormals as 0x0.hhhp-1022). */
function hexFloat(x: number, precision: number | null, alt: boolean): string {
  if (x === 0) return "0x0" + (precision ? "." + "0".repeat(precision) : alt ? "." : "") + "p+0";
  const { m, e } = decompose(x);
  const normal = m >= 1n << 52n;
  let lead = normal ? 1n : 0n;
  let frac = m & ((1n << 52n) - 1n);
  let exp = normal ? e + 52 : -1022;
  let hex = frac.toString(16).padStart(13, "0");
  if (precision !== null && precision < 13) {
    const drop = BigInt((13 - precision) * 4);
    const q = frac >> drop, r = frac & ((1n << drop) - 1n), half = 1n << (drop - 1n);
    let nq = q + (r > half || (r === half && (q & 1n) === 1n) ? 1n : 0n);
    if (nq >> BigInt(precision * 4) !== 0n) { lead += 1n; nq = 0n; }
    if (lead === 2n) { lead = 1n; exp += 1; }
    hex = precision === 0 ? "" : nq.toString(16).padStart(precision, "0");
    frac = nq;
  } else {
    hex = hex.replace(/0+$/, "");
    if (precision !== null) hex = hex.padEnd(precision, "0");
  }
  return `0x${lead}${hex || alt ? "." : ""}${hex}p${exp < 0 ? "-" : "+"}${Math.abs(exp)}`;
}

function formatString(spec: Spec, a: unknown): string {
  let s: string;
  if (typeof a === "number") s = a === 0 ? "(null)" : readCBytes(a);
  else if (a === null || a === undefined) s = "(null)";
  else if (a instanceof Uint8Array) s = String.fromCharCode(...a.subarray(0, Math.max(0, a.indexOf(0) < 0 ? a.length : a.indexOf(0))));
  else s = toByteString(String(a));
  if (spec.precision !== null) {
    if (s === "(null)" && spec.precision < 6) s = "";
    s = s.slice(0, spec.precision);
  }
  return pad(s, spec, false);
}

function readCBytes(p: number): string {
  return toByteString(readCString(p));
}

function formatChar(spec: Spec, a: unknown): string {
  let ch: string;
  if (typeof a === "string") ch = toByteString(a.slice(0, a.codePointAt(0)! > 0xffff ? 2 : 1));
  else ch = String.fromCharCode(Number(intArg(a, "hh", false)));
  return pad(ch, spec, false);
}

function formatPointer(spec: Spec, a: unknown): string {
  const v = intArg(a, "l", false);
  if (v === 0n) return pad("(nil)", spec, false);
  return formatInt({ ...spec, conv: "x", flags: spec.flags + "#", length: "l" }, v);
}

/** Format one conversion with its argument (or the error text for %m). */
export function formatSpec(spec: Spec, arg: unknown, errnoText = ""): string {
  switch (spec.conv) {
    case "d": case "i": case "u": case "x": case "X": case "o": return formatInt(spec, arg);
    case "f": case "F": case "e": case "E": case "g": case "G": case "a": case "A": return formatFloat(spec, arg);
    case "s": return formatString(spec, arg);
    case "c": return formatChar(spec, arg);
    case "p": return formatPointer(spec, arg);
    case "m": return formatString(spec, errnoText);
    default: return "";
  }
}

const SPEC_RE = /%(?:(\d+)\$)?([-+ #0']*)(\*(?:\d+\$)?|\d+)?(?:\.(\*(?:\d+\$)?|\d*))?(hh|h|ll|l|q|j|z|Z|t|L)?([diouxXeEfFgGaAcspnm%])/y;

/**
 * Format with C's rules. fmt is a JavaScript string or the address of a C string; args are
 * numbers, bigints, strings (for %s, %c) or addresses (for %s). Returns a byte string.
 */
export function formatBytes(fmt: string | number, args: readonly unknown[], errnoText = ""): string {
  const f = typeof fmt === "number" ? readCBytes(fmt) : toByteString(fmt);
  let out = "";
  let next = 0;
  let i = 0;
  const take = (pos: string | undefined): unknown => (pos ? args[Number(pos) - 1] : args[next++]);
  const star = (t: string): number => {
    const m = /^\*(\d+)\$$/.exec(t);
    return Number(intArg(m ? args[Number(m[1]) - 1] : args[next++], "", true));
  };
  while (i < f.length) {
    const k = f.indexOf("%", i);
    if (k < 0) { out += f.slice(i); break; }
    out += f.slice(i, k);
    SPEC_RE.lastIndex = k;
    const m = SPEC_RE.exec(f);
    if (!m) {
      // An incomplete or unknown conversion is printed as it is.
      out += "%";
      i = k + 1;
      continue;
    }
    i = SPEC_RE.lastIndex;
    const [, pos, flags, w, prec, length = "", conv] = m;
    if (conv === "%") { out += "%"; continue; }
    const spec: Spec = { flags, width: null, precision: null, length: length === "Z" ? "z" : length, conv };
    if (w !== undefined) {
      const wv = w.startsWith("*") ? star(w) : Number(w);
      if (wv < 0) { spec.flags += "-"; spec.width = -wv; } else spec.width = wv;
    }
    if (prec !== undefined) {
      const pv = prec.startsWith("*") ? star(prec) : Number(prec || 0);
      spec.precision = pv < 0 ? null : pv;
    }
    if (conv === "n") { take(pos); continue; }
    if (conv === "m") { out += formatSpec(spec, null, toByteString(errnoText)); continue; }
    out += formatSpec(spec, take(pos));
  }
  return out;
}

/** sprintf's result as a JavaScript string (UTF-8 decoded). */
export function formatString_(fmt: string | number, args: readonly unknown[], errnoText = ""): string {
  return new TextDecoder().decode(byteStringToBytes(formatBytes(fmt, args, errnoText)));
}
export { formatString_ as format };
