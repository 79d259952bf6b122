// Shared plumbing of the file and text tools: a Tool (its name as invoked, buffered standard
// output, GNU-style error messages and exit status), option parsing over libc's getopt with
// GNU long options, and whole-file reading. Text tools work on "byte strings": each byte
// becomes one UTF-16 unit (latin1), so C-locale byte semantics and binary data survive.
import { write, read, close, getopt, setOptind, setOpterr, optarg, optind } from "../../lib/libc/unistd.js";
import { open, O_RDONLY } from "../../lib/libc/fcntl.js";
import { errno, strerror } from "../../lib/libc/errno.js";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Bytes to a byte string (one char per byte). */
export function bytesToStr(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  return s;
}
/** A byte string back to bytes. */
export function strToBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}
/** A JavaScript (UTF-16) string as a byte string of its UTF-8 encoding. */
export const utf8Bytes = (s: string): string => bytesToStr(enc.encode(s));
/** A byte string of UTF-8 as a JavaScript string. */
export const fromUtf8 = (s: string): string => dec.decode(strToBytes(s));

/** Buffered output to a descriptor. */
export class Out {
  private chunks: Uint8Array[] = [];
  private size = 0;
  failed = false;
  constructor(readonly fd: number) {}
  /** Text (UTF-8 encoded). */
  text(s: string): void { if (s) this.push(enc.encode(s)); }
  /** A byte string. */
  raw(s: string): void { if (s) this.push(strToBytes(s)); }
  bytes(b: Uint8Array): void { if (b.length) this.push(b.slice()); }
  private push(b: Uint8Array): void {
    this.chunks.push(b);
    this.size += b.length;
  }
  get pending(): number { return this.size; }
  async flush(): Promise<boolean> {
    const all = new Uint8Array(this.size);
    let o = 0;
    for (const c of this.chunks) { all.set(c, o); o += c.length; }
    this.chunks = [];
    this.size = 0;
    for (let off = 0; off < all.length;) {
      const n = await write(this.fd, all.subarray(off));
      if (n <= 0) { this.failed = true; return false; }
      off += n;
    }
    return true;
  }
  /** Flush when enough has gathered. */
  async maybeFlush(): Promise<void> { if (this.size >= 65536) await this.flush(); }
}

/** One run of a tool: its name (argv[0], as GNU prints it), output, and exit status. */
export class Tool {
  readonly out = new Out(1);
  status = 0;
  constructor(readonly name: string, readonly help: string, readonly usageStatus = 1) {}

  /** "prog: msg" on stderr. */
  async warn(msg: string): Promise<void> {
    await write(2, `${this.name}: ${msg}\n`);
  }
  /** "prog: msg" on stderr, and the exit status becomes 1 (or st). */
  async error(msg: string, st = 1): Promise<void> {
    this.status = st;
    await this.warn(msg);
  }
  /** The message of the current errno. */
  get errText(): string { return strerror(errno); }
  /** A usage error: optional message, then the "Try --help" line; returns the status to exit with. */
  async usage(msg?: string): Promise<number> {
    await write(2, (msg ? `${this.name}: ${msg}\n` : "") + `Try '${this.name} --help' for more information.\n`);
    return this.usageStatus;
  }
  /** Flush output and return the exit status (1 when stdout could not be written). */
  async finish(st = this.status): Promise<number> {
    if (!(await this.out.flush())) { await this.warn(`write error: ${strerror(errno)}`); return 1; }
    return st;
  }
}

/** 'name' quoted as GNU tools quote file names in messages (shell-escape style). */
export function quote(s: string): string {
  if (s !== "" && !/[^A-Za-z0-9_\-./,:+@%=\u0080-\uffff]/.test(s)) return `'${s}'`;
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"') && !/[$`\\]/.test(s)) return `"${s}"`;
  return `'${s.replace(/'/g, "'\\''")}'`;
}

export interface OptSpec {
  /** getopt's option string ("abn:"); a leading "+" stops at the first operand. */
  short: string;
  /** Long option name -> key (a short letter or any word), with ":" when it takes an argument, "::" when optional. */
  long?: Record<string, string>;
}
export interface Parsed { opts: [string, string][]; operands: string[] }

/**
 * Parse argv as GNU getopt_long does. Long options (and their unique abbreviations) are
 * rewritten into short ones for libc's getopt. --help prints the tool's help. Returns the
 * options in order and the operands, or an exit status when the tool must stop.
 */
export async function parseOpts(t: Tool, argv: string[], spec: OptSpec): Promise<Parsed | number> {
  const long: Record<string, string> = { help: "help", ...(spec.long ?? {}) };
  const keys = new Map<string, string>(); // private char -> key
  let extra = "";
  let next = 0xe000;
  const charOf = new Map<string, string>();
  for (const [, k0] of Object.entries(long)) {
    const k = k0.replace(/:+$/, "");
    if (k.length === 1 || charOf.has(k)) continue;
    const c = String.fromCharCode(next++);
    charOf.set(k, c);
    keys.set(c, k);
    extra += c + k0.slice(k.length);
  }
  const args = [argv[0]];
  let done = false;
  const posix = spec.short.startsWith("+");
  const needsArg = (c: string) => { const i = spec.short.indexOf(c); return i > 0 && spec.short[i + 1] === ":" && spec.short[i + 2] !== ":"; };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (done || !a.startsWith("--") || a === "--") {
      if (a === "--" || (posix && !a.startsWith("-"))) done = true;
      if (!done && a.length > 1 && a[0] === "-" && a[1] !== "-") {
        // A short cluster whose last option takes the next word as its argument.
        args.push(a);
        for (let j = 1; j < a.length; j++) {
          if (!needsArg(a[j])) continue;
          if (j === a.length - 1 && i + 1 < argv.length) args.push(argv[++i]);
          break;
        }
        continue;
      }
      args.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const names = Object.keys(long);
    let match = names.filter((n) => n === name);
    if (!match.length) match = names.filter((n) => n.startsWith(name));
    const targets = new Set(match.map((n) => long[n]));
    if (!match.length) return t.usage(`unrecognized option '${a.slice(0, eq < 0 ? undefined : eq)}'`);
    if (targets.size > 1) {
      return t.usage(`option '${a.slice(0, eq < 0 ? undefined : eq)}' is ambiguous; possibilities:${match.map((m) => ` '--${m}'`).join("")}`);
    }
    const full = match[0];
    const k0 = long[full];
    if (k0 === "help") { t.out.text(t.help); return t.finish(0); }
    const k = k0.replace(/:+$/, "");
    const arg = k0.endsWith("::") ? "opt" : k0.endsWith(":") ? "req" : "none";
    const c = k.length === 1 ? k : charOf.get(k)!;
    if (arg === "none" && eq >= 0) return t.usage(`option '--${full}' doesn't allow an argument`);
    if (arg === "req" && eq < 0) {
      if (i + 1 >= argv.length) return t.usage(`option '--${full}' requires an argument`);
      args.push("-" + c, argv[++i]);
    } else if (eq >= 0) {
      args.push("-" + c + a.slice(eq + 1));
      if (arg === "req" && a.slice(eq + 1) === "") args.push(""); // "--x=" gives an empty argument
    } else args.push("-" + c);
  }
  // "--opt=" with an empty value: getopt would take the next word; handled above by pushing "".
  setOptind(1);
  setOpterr(1);
  const opts: [string, string][] = [];
  for (;;) {
    const r = await getopt(args, spec.short + extra);
    if (r === -1) break;
    if (r === "?" || r === ":") return t.usage();
    opts.push([keys.get(r) ?? r, optarg ?? ""]);
  }
  return { opts, operands: args.slice(optind) };
}

/** Read a whole file ("-" is standard input) as bytes, or null with errno set. */
export async function readFileBytes(path: string): Promise<Uint8Array | null> {
  const fd = path === "-" ? 0 : await open(path, O_RDONLY);
  if (fd < 0) return null;
  const r = await readFd(fd);
  if (fd !== 0) await close(fd);
  return r;
}

/** Read a descriptor to its end, or null with errno set. */
export async function readFd(fd: number): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  let total = 0;
  const buf = new Uint8Array(65536);
  for (;;) {
    const n = await read(fd, buf);
    if (n < 0) return null;
    if (n === 0) break;
    parts.push(buf.slice(0, n));
    total += n;
  }
  const all = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { all.set(p, o); o += p.length; }
  return all;
}

/** Split a byte string into lines, keeping whether the last one had its newline. */
export function splitLines(s: string, delim = "\n"): { lines: string[]; lastNewline: boolean } {
  if (s === "") return { lines: [], lastNewline: true };
  const lines = s.split(delim);
  const lastNewline = lines[lines.length - 1] === "";
  if (lastNewline) lines.pop();
  return { lines, lastNewline };
}

/** Parse a decimal count with GNU suffixes (b, kB, K, KiB, M, MB, ...); null when invalid. */
export function parseSize(s: string): number | null {
  const m = /^(\d+)([a-zA-Z]*)$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  const suf = m[2];
  if (suf === "") return n;
  if (suf === "b") return n * 512;
  if (suf === "c" || suf === "w") return n * (suf === "w" ? 2 : 1);
  const u = /^([KMGTPE])(B|iB)?$|^k(B)?$/.exec(suf);
  if (!u) return null;
  const p = u[1] ? "KMGTPE".indexOf(u[1]) + 1 : 1;
  const base = u[2] === "B" || u[3] === "B" ? 1000 : 1024;
  return n * base ** p;
}

/** Join a directory and a name as GNU tools print them. */
export function pathJoin(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : `${dir}/${name}`;
}

export function baseName(p: string): string {
  if (p === "") return "";
  const s = p.replace(/\/+$/, "");
  if (s === "") return "/";
  return s.slice(s.lastIndexOf("/") + 1);
}
export function dirName(p: string): string {
  const s = p.replace(/\/+$/, "");
  if (s === "") return p.startsWith("/") ? "/" : ".";
  const i = s.lastIndexOf("/");
  if (i < 0) return ".";
  const d = s.slice(0, i).replace(/\/+$/, "");
  return d === "" ? "/" : d;
}
