// cat: concatenate files to standard output (GNU coreutils: -A -b -e -E -n -s -t -T -u -v).
import { read, write, close } from "../../lib/libc/unistd.js";
import { open, O_RDONLY } from "../../lib/libc/fcntl.js";
import { errno, strerror } from "../../lib/libc/errno.js";

interface Opts { number: boolean; nonblank: boolean; squeeze: boolean; ends: boolean; tabs: boolean; nonprint: boolean }

const USAGE = "Try 'cat --help' for more information.\n";
const HELP = `Usage: cat [OPTION]... [FILE]...
Concatenate FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

  -A, --show-all           equivalent to -vET
  -b, --number-nonblank    number nonempty output lines, overrides -n
  -e                       equivalent to -vE
  -E, --show-ends          display $ at end of each line
  -n, --number             number all output lines
  -s, --squeeze-blank      suppress repeated empty output lines
  -t                       equivalent to -vT
  -T, --show-tabs          display TAB characters as ^I
  -u                       (ignored)
  -v, --show-nonprinting   use ^ and M- notation, except for LFD and TAB
      --help        display this help and exit
`;

function parse(argv: string[]): { opts: Opts; files: string[] } | string {
  const opts: Opts = { number: false, nonblank: false, squeeze: false, ends: false, tabs: false, nonprint: false };
  const files: string[] = [];
  const long: Record<string, string> = { "--show-all": "A", "--number-nonblank": "b", "--show-ends": "E", "--number": "n",
    "--squeeze-blank": "s", "--show-tabs": "T", "--show-nonprinting": "v" };
  let onlyFiles = false;
  for (const a of argv.slice(1)) {
    if (onlyFiles || a === "-" || !a.startsWith("-")) { files.push(a); continue; }
    if (a === "--") { onlyFiles = true; continue; }
    const letters = a.startsWith("--") ? long[a] : a.slice(1);
    if (a === "--help") return "help";
    if (letters === undefined) return `cat: unrecognized option '${a}'\n`;
    for (const c of letters) {
      switch (c) {
        case "A": opts.nonprint = opts.ends = opts.tabs = true; break;
        case "b": opts.nonblank = opts.number = true; break;
        case "e": opts.nonprint = opts.ends = true; break;
        case "E": opts.ends = true; break;
        case "n": opts.number = true; break;
        case "s": opts.squeeze = true; break;
        case "t": opts.nonprint = opts.tabs = true; break;
        case "T": opts.tabs = true; break;
        case "u": break;
        case "v": opts.nonprint = true; break;
        default: return `cat: invalid option -- '${c}'\n`;
      }
    }
  }
  if (files.length === 0) files.push("-");
  return { opts, files };
}

/** The line-oriented formatter behind -n, -b, -s, -E, -T, -v. It keeps state across files, as GNU cat does. */
class Formatter {
  private line = 0;
  private atLineStart = true;
  private blankRun = 0;
  constructor(private readonly o: Opts) {}

  format(chunk: Uint8Array): Uint8Array {
    const out: number[] = [];
    const push = (s: string) => { for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i)); };
    for (const b of chunk) {
      if (this.atLineStart) {
        if (b === 10) {
          this.blankRun++;
          if (this.o.squeeze && this.blankRun > 1) continue;
        } else {
          this.blankRun = 0;
        }
        if (this.o.number && !(this.o.nonblank && b === 10)) push(`${String(++this.line).padStart(6)}\t`);
        this.atLineStart = false;
      }
      if (b === 10) {
        if (this.o.ends) out.push(36);
        out.push(10);
        this.atLineStart = true;
      } else if (b === 9) {
        if (this.o.tabs) push("^I"); else out.push(9);
      } else if (this.o.nonprint && (b < 32 || b >= 127)) {
        let c = b;
        if (c >= 128) { push("M-"); c -= 128; }
        if (c < 32) push("^" + String.fromCharCode(c + 64));
        else if (c === 127) push("^?");
        else out.push(c);
      } else {
        out.push(b);
      }
    }
    return Uint8Array.from(out);
  }
}

async function writeAll(data: Uint8Array): Promise<boolean> {
  let off = 0;
  while (off < data.length) {
    const n = await write(1, data.subarray(off));
    if (n < 0) return false;
    off += n;
  }
  return true;
}

export default async function main(argv: string[]): Promise<number> {
  const parsed = parse(argv);
  if (parsed === "help") { await write(1, HELP); return 0; }
  if (typeof parsed === "string") { await write(2, parsed + USAGE); return 1; }
  const { opts, files } = parsed;
  const plain = !opts.number && !opts.squeeze && !opts.ends && !opts.tabs && !opts.nonprint;
  const fmt = new Formatter(opts);
  const buf = new Uint8Array(65536);
  let status = 0;
  for (const f of files) {
    const fd = f === "-" ? 0 : await open(f, O_RDONLY);
    if (fd < 0) {
      await write(2, `cat: ${f}: ${strerror(errno)}\n`);
      status = 1;
      continue;
    }
    for (;;) {
      const n = await read(fd, buf);
      if (n < 0) {
        await write(2, `cat: ${f}: ${strerror(errno)}\n`);
        status = 1;
        break;
      }
      if (n === 0) break;
      const chunk = buf.subarray(0, n);
      if (!(await writeAll(plain ? chunk : fmt.format(chunk)))) {
        await write(2, `cat: write error: ${strerror(errno)}\n`);
        return 1;
      }
    }
    if (fd !== 0) await close(fd);
  }
  return status;
}
