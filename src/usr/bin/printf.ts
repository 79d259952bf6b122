// printf: format and print data (GNU coreutils). The format is reused until the arguments
// are consumed; backslash escapes in the format and in %b arguments; %q quotes for the shell;
// numeric arguments may be C constants ('c' gives a character's code). Conversion errors are
// reported as coreutils does and make the exit status 1.
import { formatSpec, toByteString, byteStringToBytes, type Spec } from "../../lib/libc/stdio_printf.js";
import { strtolBig } from "../../lib/libc/stdlib_conv.js";
import { write } from "../../lib/libc/unistd.js";
import { __set_errno, __errno_location, strerror } from "../../lib/libc/errno.js";

const PROG = "printf";

class Out {
  text = "";
  errors: string[] = [];
  status = 0;
  stop = false;
}

/** An escape sequence at s[i] (just after the backslash): [bytes, length consumed]. */
function escape(s: string, i: number, inB: boolean, out: Out): [string, number] {
  const c = s[i];
  const simple: Record<string, string> = { "\"": "\"", "\\": "\\", a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
  if (c === undefined) return ["\\", 0];
  if (c in simple) return [simple[c], 1];
  if (c === "c") { out.stop = true; return ["", 1]; }
  if (c >= "0" && c <= "7") {
    // In the format: \NNN (up to 3 digits). In %b: \0NNN (the 0 then up to 3 digits) or \NNN.
    let j = i, max = 3;
    if (inB && c === "0") { j++; }
    let v = 0, k = 0;
    while (k < max && s[j + k] >= "0" && s[j + k] <= "7") { v = v * 8 + Number(s[j + k]); k++; }
    return [String.fromCharCode(v & 0xff), j - i + k];
  }
  if (c === "x") {
    const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
    if (!m) { out.errors.push(`${PROG}: missing hexadecimal number in escape`); out.status = 1; out.stop = true; return ["", 1]; }
    return [String.fromCharCode(parseInt(m[0], 16)), 1 + m[0].length];
  }
  if (c === "u" || c === "U") {
    const n = c === "u" ? 4 : 8;
    const m = new RegExp(`^[0-9a-fA-F]{${n}}`).exec(s.slice(i + 1));
    if (!m) { out.errors.push(`${PROG}: missing hexadecimal number in escape`); out.status = 1; out.stop = true; return ["", 1]; }
    return [toByteString(String.fromCodePoint(parseInt(m[0], 16))), 1 + n];
  }
  return ["\\" + c, 1];
}

function unescape(s: string, inB: boolean, out: Out): string {
  let r = "";
  for (let i = 0; i < s.length && !out.stop; i++) {
    if (s[i] !== "\\") { r += s[i]; continue; }
    const [t, n] = escape(s, i + 1, inB, out);
    r += t;
    i += n;
  }
  return r;
}

/** A numeric argument as coreutils converts it: C constants, 'c' character codes; errors noted. */
function numArg(arg: string, out: Out, floating: boolean): bigint | number {
  if (arg.length > 0 && (arg[0] === "'" || arg[0] === "\"")) {
    const rest = arg.slice(1);
    const cp = rest.codePointAt(0);
    return floating ? cp ?? 0 : BigInt(cp ?? 0);
  }
  const fail = (msg: string) => { out.errors.push(`${PROG}: '${arg}': ${msg}`); out.status = 1; };
  if (floating) {
    const m = /^\s*[+-]?(?:inf(?:inity)?|nan|0x[0-9a-f]*\.?[0-9a-f]*(?:p[+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)/i.exec(arg);
    if (!m || m[0].trim() === "") { if (arg !== "") fail("expected a numeric value"); return 0; }
    const v = Number(m[0].trim().replace(/^([+-]?)\./, "$10."));
    if (m[0].length < arg.length) fail("value not completely converted");
    return Number.isNaN(v) && !/nan/i.test(m[0]) ? 0 : v;
  }
  const end = { value: 0 };
  __set_errno(0);
  const v = strtolBig(arg, end, 0);
  if (arg === "") return 0n;
  if (end.value === 0) { fail("expected a numeric value"); return 0n; }
  if (__errno_location() === 34) { out.errors.push(`${PROG}: '${arg}': ${strerror(34)}`); out.status = 1; }
  else if (end.value < arg.length) fail("value not completely converted");
  return v;
}

function shellQuote(s: string): string {
  if (s === "") return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  if (!s.includes("'")) return `'${s}'`;
  return s.split("'").map((p) => (p ? `'${p}'` : "")).join("\\'");
}

const SPEC = /%([-+ #0']*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|q|j|z|t|L)?([diouxXeEfFgGaAcsbq%])?/y;

/** Print the format once, consuming arguments from args[pos]; returns the new position. */
function once(fmt: string, args: string[], pos: number, out: Out): number {
  const next = () => (pos < args.length ? args[pos++] : undefined);
  for (let i = 0; i < fmt.length && !out.stop;) {
    const ch = fmt[i];
    if (ch === "\\") {
      const [t, n] = escape(fmt, i + 1, false, out);
      out.text += t;
      i += 1 + n;
      continue;
    }
    if (ch !== "%") { out.text += ch; i++; continue; }
    SPEC.lastIndex = i;
    const m = SPEC.exec(fmt)!;
    const [whole, flags, w, p, , conv] = m;
    if (conv === undefined) {
      const bad = fmt.slice(i, SPEC.lastIndex + 1);
      out.errors.push(`${PROG}: ${bad}: invalid conversion specification`);
      out.status = 1;
      out.stop = true;
      return pos;
    }
    i += whole.length;
    if (conv === "%") { out.text += "%"; continue; }
    const spec: Spec = { flags, width: null, precision: null, length: "j", conv };
    if (w !== undefined) {
      const v = w === "*" ? Number(numArg(next() ?? "", out, false)) : Number(w);
      if (v < 0) { spec.flags += "-"; spec.width = -v; } else spec.width = v;
    }
    if (p !== undefined) {
      const v = p === "*" ? Number(numArg(next() ?? "", out, false)) : Number(p || 0);
      spec.precision = v < 0 ? null : v;
    }
    const arg = next();
    switch (conv) {
      case "s": out.text += formatSpec(spec, toByteString(arg ?? "")); break;
      case "b": out.text += formatSpec({ ...spec, conv: "s" }, unescape(toByteString(arg ?? ""), true, out)); break;
      case "q": out.text += formatSpec({ ...spec, conv: "s" }, toByteString(shellQuote(arg ?? ""))); break;
      case "c": out.text += formatSpec({ ...spec, conv: "s", precision: null }, toByteString(arg ?? "").slice(0, 1)); break;
      case "d": case "i": case "o": case "u": case "x": case "X": {
        const v = arg === undefined ? 0n : numArg(arg, out, false) as bigint;
        const unsigned = conv !== "d" && conv !== "i";
        out.text += formatSpec(spec, unsigned ? BigInt.asUintN(64, v) : v);
        break;
      }
      default: out.text += formatSpec(spec, arg === undefined ? 0 : numArg(arg, out, true));
    }
  }
  return pos;
}

export default async function main(argv: string[]): Promise<number> {
  let args = argv.slice(1);
  if (args.length === 1 && args[0] === "--help") {
    await write(1, "Usage: printf FORMAT [ARGUMENT]...\n  or:  printf OPTION\nPrint ARGUMENT(s) according to FORMAT, or execute according to OPTION:\n\n      --help        display this help and exit\n      --version     output version information and exit\n");
    return 0;
  }
  if (args.length === 1 && args[0] === "--version") {
    await write(1, "printf (GNU coreutils) 9.4\n");
    return 0;
  }
  if (args[0] === "--") args = args.slice(1);
  if (args.length === 0) {
    await write(2, `${PROG}: missing operand\nTry '${PROG} --help' for more information.\n`);
    return 1;
  }
  const fmt = toByteString(args[0]);
  const rest = args.slice(1);
  const out = new Out();
  let pos = 0;
  do {
    const before = pos;
    pos = once(fmt, rest, pos, out);
    if (pos === before) break;
  } while (pos < rest.length && !out.stop);
  if (pos < rest.length && !out.stop && out.status === 0) {
    out.errors.push(`${PROG}: warning: ignoring excess arguments, starting with '${rest[pos]}'`);
  }
  if (out.errors.length) await write(2, out.errors.join("\n") + "\n");
  if (out.text) await write(1, byteStringToBytes(out.text));
  return out.status;
}
