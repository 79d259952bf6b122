// The builtins that move text: echo (dash's, with its escapes), printf, and read (a byte at a
// time, so that the rest of the input stays for the next reader).
import type { Executor } from "./exec.js";
import { writeAll, shError } from "./io.js";
import { checkInterrupt } from "./interrupt.js";
import { read } from "../../../lib/libc/unistd.js";
import { errno, EINTR } from "../../../lib/libc/errno.js";
import { formatSpec, type Spec } from "../../../lib/libc/stdio_printf.js";

const out = (s: string) => writeAll(1, s);

function echoEscapes(s: string): { text: string; stop: boolean } {
  let text = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "\\" || i + 1 >= s.length) { text += s[i]; continue; }
    const c = s[++i];
    switch (c) {
      case "a": text += "\x07"; break; case "b": text += "\b"; break; case "f": text += "\f"; break;
      case "n": text += "\n"; break; case "r": text += "\r"; break; case "t": text += "\t"; break;
      case "v": text += "\v"; break; case "\\": text += "\\"; break;
      case "c": return { text, stop: true };
      case "0": {
        let j = i + 1, v = 0;
        while (j < s.length && j < i + 4 && /[0-7]/.test(s[j])) v = v * 8 + Number(s[j++]);
        text += String.fromCharCode(v & 0xff);
        i = j - 1;
        break;
      }
      default: text += "\\" + c;
    }
  }
  return { text, stop: false };
}

export async function echo(_ex: Executor, argv: string[]): Promise<number> {
  let args = argv.slice(1), nl = true;
  if (args[0] === "-n") { nl = false; args = args.slice(1); }
  let s = "";
  for (let k = 0; k < args.length; k++) {
    const r = echoEscapes(args[k]);
    s += (k ? " " : "") + r.text;
    if (r.stop) { nl = false; break; }
  }
  return (await out(s + (nl ? "\n" : ""))) ? 0 : 1;
}

export async function printf(ex: Executor, argv: string[]): Promise<number> {
  if (argv.length < 2) { await writeAll(2, "printf: usage: printf format [arg ...]\n"); return 2; }
  const fmt = argv[1];
  const args = argv.slice(2);
  let k = 0, status = 0, text = "";
  const next = () => (k < args.length ? args[k++] : undefined);
  const num = (s: string | undefined, float: boolean): number | bigint => {
    if (s === undefined || s === "") return float ? 0 : 0n;
    if (/^['"]/.test(s)) return float ? s.codePointAt(1) ?? 0 : BigInt(s.codePointAt(1) ?? 0);
    if (float) { const v = Number(s); if (Number.isNaN(v)) { void shError(ex.sh, `printf: ${s}: expected numeric value`); status = 1; return 0; } return v; }
    const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|\d+)/.exec(s);
    if (!m || m[0].length !== s.length) { void shError(ex.sh, `printf: ${s}: expected numeric value`); status = 1; if (!m) return 0n; }
    const b = m![2];
    const v = /^0[xX]/.test(b) ? BigInt(b) : b.length > 1 && b[0] === "0" ? BigInt("0o" + b.slice(1)) : BigInt(b);
    return m![1] === "-" ? -v : v;
  };
  const re = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXeEfFgGaAcsb%])|\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)?/g;
  for (;;) {
    const consumedBefore = k;
    let stop = false;
    re.lastIndex = 0;
    let last = 0;
    for (let m: RegExpExecArray | null; (m = re.exec(fmt)); ) {
      text += fmt.slice(last, m.index);
      last = re.lastIndex;
      if (m[0][0] === "\\") {
        const e = m[5] ?? "";
        if (e === "c") { stop = true; break; }
        text += /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8) & 0xff) : e[0] === "x" ? String.fromCharCode(parseInt(e.slice(1), 16)) : echoEscapes("\\" + e).text;
        continue;
      }
      const [, flags, w, prec, conv] = m;
      if (conv === "%") { text += "%"; continue; }
      const spec: Spec = { flags, width: null, precision: null, length: "l", conv };
      if (w !== undefined) { const v = w === "*" ? Number(num(next(), false)) : Number(w); if (v < 0) { spec.flags += "-"; spec.width = -v; } else spec.width = v; }
      if (prec !== undefined) spec.precision = prec === "*" ? Number(num(next(), false)) : Number(prec || 0);
      const a = next();
      if (conv === "b") {
        const r = echoEscapes(a ?? "");
        text += formatSpec({ ...spec, conv: "s", length: "" }, r.text);
        if (r.stop) { stop = true; break; }
        continue;
      }
      if (conv === "s") { text += formatSpec({ ...spec, length: "" }, a ?? ""); continue; }
      if (conv === "c") { text += formatSpec({ ...spec, length: "" }, (a ?? "")[0] ?? "\0"); continue; }
      text += formatSpec(spec, num(a, "eEfFgGaA".includes(conv)));
    }
    if (!stop) text += fmt.slice(last);
    if (stop || k >= args.length || k === consumedBefore) break;
  }
  await writeAll(1, latin1(text));
  return status;
}

/** printf's output is a byte string for numeric conversions; other text is JavaScript text. */
function latin1(s: string): Uint8Array | string {
  return s;
}

export async function readB(ex: Executor, argv: string[]): Promise<number> {
  const sh = ex.sh;
  let raw = false, prompt = "";
  let args = argv.slice(1);
  while (args.length && args[0].startsWith("-") && args[0] !== "-" && args[0] !== "--") {
    const a = args.shift()!;
    if (a === "-r") raw = true;
    else if (a === "-p") prompt = args.shift() ?? "";
    else { await shError(sh, `read: Illegal option ${a}`); return 2; }
  }
  if (args[0] === "--") args = args.slice(1);
  if (!args.length) args = ["REPLY"];
  if (prompt) await writeAll(2, prompt);
  const bytes: number[] = [];
  const quotedAt = new Set<number>();
  const b = new Uint8Array(1);
  let eof = false;
  // A byte at a time, so that what follows the line stays for the next reader. ^C in an
  // interactive shell abandons the command line.
  const getc = async (): Promise<number> => {
    for (;;) {
      const n = await read(0, b);
      if (n > 0) return b[0];
      if (n < 0 && errno === EINTR) { checkInterrupt(sh); continue; }
      return -1;
    }
  };
  for (;;) {
    const c = await getc();
    if (c < 0) { eof = true; break; }
    if (c === 0x0a) break;
    if (c === 0x5c && !raw) {
      if ((await getc()) < 0) { eof = true; break; }
      if (b[0] === 0x0a) continue;
      quotedAt.add(bytes.length);
      bytes.push(b[0]);
      continue;
    }
    bytes.push(c);
  }
  const line = new TextDecoder().decode(new Uint8Array(bytes));
  // Field splitting: the last variable takes the rest (without trailing IFS whitespace).
  const ifs = sh.get("IFS") ?? " \t\n";
  const isWs = (ch: string) => ifs.includes(ch) && " \t\n".includes(ch);
  const isSep = (ch: string, i: number) => ifs.includes(ch) && !quotedAt.has(i);
  let i = 0;
  const chars = [...line];
  const skipWs = () => { while (i < chars.length && isWs(chars[i]) && !quotedAt.has(i)) i++; };
  skipWs();
  for (let v = 0; v < args.length; v++) {
    let val = "";
    if (v === args.length - 1) {
      val = chars.slice(i).join("");
      let e = chars.length;
      while (e > i && isWs(chars[e - 1]) && !quotedAt.has(e - 1)) e--;
      val = chars.slice(i, e).join("");
      i = chars.length;
    } else {
      while (i < chars.length && !isSep(chars[i], i)) val += chars[i++];
      if (i < chars.length && !isWs(chars[i])) { i++; }
      skipWs();
      if (i < chars.length && ifs.includes(chars[i]) && !isWs(chars[i]) && !quotedAt.has(i)) { i++; skipWs(); }
    }
    if (!sh.set(args[v], val)) { await shError(sh, `read: ${args[v]}: is read only`); return 2; }
  }
  return eof ? 1 : 0;
}
