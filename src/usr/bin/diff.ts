// diff: compare files line by line (GNU diffutils): the normal, context (-c, -C) and unified
// (-u, -U) formats, -q, -s, -i, -b, -w, -a, -N, -r and directories, --label; exit status 0 when
// the inputs are the same, 1 when they differ, 2 on trouble.
import { fstat, newStat, S_ISDIR, type Stat, type Timespec } from "../../lib/libc/sys/stat.js";
import { getenv } from "../../lib/libc/stdlib.js";
import { errno } from "../../lib/libc/errno.js";
import { strerror } from "../../lib/libc/string.js";
import { Tool, parseOpts, readFileBytes, pathJoin, baseName } from "../lib/common.js";
import { listDir, statOf } from "../lib/fsops.js";
import { fullDate, MONTHS } from "../lib/time.js";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
import { diffLines, hunks, type Change } from "../lib/diff_engine.js";

const HELP = `Usage: diff [OPTION]... FILES
Compare FILES line by line.

Mandatory arguments to long options are mandatory for short options too.
  -q, --brief                   report only when files differ
  -s, --report-identical-files  report when two files are the same
  -c, -C NUM, --context[=NUM]   output NUM (default 3) lines of copied context
  -u, -U NUM, --unified[=NUM]   output NUM (default 3) lines of unified context
  -r, --recursive                 recursively compare any subdirectories found
  -N, --new-file                  treat absent files as empty
  -i, --ignore-case               ignore case differences in file contents
  -b, --ignore-space-change       ignore changes in the amount of white space
  -w, --ignore-all-space          ignore all white space
  -a, --text                      treat all files as text
      --label LABEL             use LABEL instead of file name and timestamp
                                  (can be repeated)
      --help               display this help and exit

FILES are 'FILE1 FILE2' or 'DIR1 DIR2' or 'DIR FILE' or 'FILE DIR'.
If a FILE is '-', read standard input.
Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.
`;

type Format = "normal" | "context" | "unified";
interface Options {
  format: Format; context: number; brief: boolean; identical: boolean; recursive: boolean;
  newFile: boolean; icase: boolean; spaceChange: boolean; allSpace: boolean; text: boolean; labels: string[];
}

/** One side of a comparison: its name as printed, lines, and whether the last one ended with a newline. */
interface Side { name: string; label: string; bytes: Uint8Array; lines: string[]; noEol: boolean }

function decodeLines(bytes: Uint8Array): { lines: string[]; noEol: boolean } {
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  if (s === "") return { lines: [], noEol: false };
  const lines = s.split("\n");
  const noEol = lines[lines.length - 1] !== "";
  if (!noEol) lines.pop();
  return { lines, noEol };
}

/** How a line compares under -i, -b and -w. */
function keyOf(o: Options): (l: string) => string {
  return (l) => {
    if (o.allSpace) l = l.replace(/[ \t\v\f\r]+/g, "");
    else if (o.spaceChange) l = l.replace(/[ \t\v\f\r]+/g, " ").replace(/ $/, "");
    return o.icase ? l.toLowerCase() : l;
  };
}

const isBinary = (b: Uint8Array) => b.subarray(0, 32768).includes(0);

class Diff {
  status = 0;
  constructor(readonly t: Tool, readonly o: Options) {}

  /** A header's time: ISO with nanoseconds, but ctime's form for the context format in the C locale. */
  stamp(ts: Timespec): string {
    const locale = getenv("LC_ALL") || getenv("LC_TIME") || getenv("LANG") || "C";
    if (this.o.format !== "context" || (locale !== "C" && locale !== "POSIX")) return fullDate(ts);
    const d = new Date(ts.tv_sec * 1000);
    const p2 = (n: number) => String(n).padStart(2, "0");
    return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ` +
      `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
  }

  async trouble(msg: string): Promise<void> { await this.t.warn(msg); this.status = 2; }

  /** Compare two regular files (or pipes); prints what the format asks. */
  async files(p1: string, p2: string, st1: Stat | null, st2: Stat | null): Promise<void> {
    const load = async (p: string, st: Stat | null, i: number): Promise<Side | null> => {
      const bytes = st ? await readFileBytes(p) : new Uint8Array(0);
      if (!bytes) { await this.trouble(`${p}: ${strerror(errno)}`); return null; }
      const { lines, noEol } = decodeLines(bytes);
      const when = this.stamp(st ? st.st_mtim : { tv_sec: 0, tv_nsec: 0 });
      return { name: p, label: this.o.labels[i] ?? `${p}\t${when}`, bytes, lines, noEol };
    };
    const a = await load(p1, st1, 0), b = await load(p2, st2, 1);
    if (!a || !b) return;
    const same = a.bytes.length === b.bytes.length && a.bytes.every((x, i) => x === b.bytes[i]);
    if (same) {
      if (this.o.identical) this.t.out.raw(`Files ${p1} and ${p2} are identical\n`);
      return;
    }
    if (!this.o.text && (isBinary(a.bytes) || isBinary(b.bytes))) {
      if (!this.o.brief) this.t.out.raw(`Binary files ${p1} and ${p2} differ\n`);
      else this.t.out.raw(`Files ${p1} and ${p2} differ\n`);
      this.status = Math.max(this.status, 1);
      return;
    }
    const key = keyOf(this.o);
    // The last line without its newline differs from the same text with one.
    const keys = (s: Side, k: (l: string) => string) => s.lines.map((l, i) => k(l) + (s.noEol && i === s.lines.length - 1 ? "\0noeol" : ""));
    const asRead = (l: string) => l;
    const changes = diffLines(keys(a, key), keys(b, key), this.o.format === "normal" ? 0 : this.o.context, { a: keys(a, asRead), b: keys(b, asRead) });
    if (!changes.length) return;
    this.status = Math.max(this.status, 1);
    if (this.o.brief) { this.t.out.raw(`Files ${p1} and ${p2} differ\n`); return; }
    if (this.header) this.t.out.raw(this.header(p1, p2));
    if (this.o.format === "normal") this.normal(a, b, changes);
    else if (this.o.format === "unified") this.unified(a, b, changes);
    else this.contextFormat(a, b, changes);
  }

  /** In a directory comparison, the "diff -r a/f b/f" line before each pair's differences. */
  header: ((p1: string, p2: string) => string) | null = null;

  private line(s: Side, i: number, mark: string): void {
    this.t.out.raw(`${mark}${s.lines[i]}\n`);
    if (s.noEol && i === s.lines.length - 1) this.t.out.raw("\\ No newline at end of file\n");
  }

  private normal(a: Side, b: Side, changes: Change[]): void {
    const range = (x0: number, x1: number) => (x1 - x0 > 1 ? `${x0 + 1},${x1}` : `${x1 > x0 ? x0 + 1 : x0}`);
    for (const c of changes) {
      const op = c.a0 === c.a1 ? "a" : c.b0 === c.b1 ? "d" : "c";
      this.t.out.raw(`${range(c.a0, c.a1)}${op}${range(c.b0, c.b1)}\n`);
      for (let i = c.a0; i < c.a1; i++) this.line(a, i, "< ");
      if (op === "c") this.t.out.raw("---\n");
      for (let j = c.b0; j < c.b1; j++) this.line(b, j, "> ");
    }
  }

  private unified(a: Side, b: Side, changes: Change[]): void {
    const n = this.o.context;
    this.t.out.raw(`--- ${a.label}\n+++ ${b.label}\n`);
    const range = (start: number, count: number) => (count === 1 ? `${start + 1}` : `${count === 0 ? start : start + 1},${count}`);
    for (const h of hunks(changes, n)) {
      const first = h[0], last = h[h.length - 1];
      const a0 = Math.max(0, first.a0 - n), b0 = Math.max(0, first.b0 - n);
      const a1 = Math.min(a.lines.length, last.a1 + n), b1 = Math.min(b.lines.length, last.b1 + n);
      this.t.out.raw(`@@ -${range(a0, a1 - a0)} +${range(b0, b1 - b0)} @@\n`);
      let i = a0;
      for (const c of h) {
        for (; i < c.a0; i++) this.line(a, i, " ");
        for (; i < c.a1; i++) this.line(a, i, "-");
        for (let j = c.b0; j < c.b1; j++) this.line(b, j, "+");
      }
      for (; i < a1; i++) this.line(a, i, " ");
    }
  }

  private contextFormat(a: Side, b: Side, changes: Change[]): void {
    const n = this.o.context;
    this.t.out.raw(`*** ${a.label}\n--- ${b.label}\n`);
    const range = (x0: number, x1: number) => (x1 - x0 > 1 ? `${x0 + 1},${x1}` : `${x1 > x0 ? x0 + 1 : x0}`);
    for (const h of hunks(changes, n)) {
      const first = h[0], last = h[h.length - 1];
      const a0 = Math.max(0, first.a0 - n), b0 = Math.max(0, first.b0 - n);
      const a1 = Math.min(a.lines.length, last.a1 + n), b1 = Math.min(b.lines.length, last.b1 + n);
      this.t.out.raw("***************\n");
      this.t.out.raw(`*** ${range(a0, a1)} ****\n`);
      const side = (s: Side, x0: number, x1: number, lo: (c: Change) => number, hi: (c: Change) => number, mark: string) => {
        if (!h.some((c) => hi(c) > lo(c))) return;
        let i = x0;
        for (const c of h) {
          for (; i < lo(c); i++) this.line(s, i, "  ");
          const m = c.a0 !== c.a1 && c.b0 !== c.b1 ? "! " : mark;
          for (; i < hi(c); i++) this.line(s, i, m);
        }
        for (; i < x1; i++) this.line(s, i, "  ");
      };
      side(a, a0, a1, (c) => c.a0, (c) => c.a1, "- ");
      this.t.out.raw(`--- ${range(b0, b1)} ----\n`);
      side(b, b0, b1, (c) => c.b0, (c) => c.b1, "+ ");
    }
  }

  /** Compare two directories: common files, subdirectories, and names only in one. */
  async dirs(d1: string, d2: string): Promise<void> {
    const l1 = await listDir(d1), l2 = await listDir(d2);
    if (!l1) { await this.trouble(`${d1}: ${strerror(errno)}`); return; }
    if (!l2) { await this.trouble(`${d2}: ${strerror(errno)}`); return; }
    const names = [...new Set([...l1, ...l2])].sort();
    for (const name of names) {
      const p1 = pathJoin(d1, name), p2 = pathJoin(d2, name);
      const in1 = l1.includes(name), in2 = l2.includes(name);
      if ((!in1 || !in2) && !this.o.newFile) {
        this.t.out.raw(`Only in ${in1 ? d1 : d2}: ${name}\n`);
        this.status = Math.max(this.status, 1);
        continue;
      }
      await this.pair(p1, p2, true);
    }
  }

  /** Compare two operands of any kind. */
  async pair(p1: string, p2: string, inDir = false): Promise<void> {
    const stOf = async (p: string) => {
      if (p !== "-") return statOf(p);
      const st = newStat();
      return (await fstat(0, st)) < 0 ? null : st;
    };
    let st1 = await stOf(p1), st2 = await stOf(p2);
    if (!st1 && !(this.o.newFile && st2)) { await this.trouble(`${p1}: ${strerror(errno)}`); return; }
    if (!st2 && !(this.o.newFile && st1)) { await this.trouble(`${p2}: ${strerror(errno)}`); return; }
    const dir1 = !!st1 && S_ISDIR(st1.st_mode), dir2 = !!st2 && S_ISDIR(st2.st_mode);
    if (dir1 && dir2) {
      if (inDir && !this.o.recursive) { this.t.out.raw(`Common subdirectories: ${p1} and ${p2}\n`); return; }
      await this.dirs(p1, p2);
      return;
    }
    if (inDir && (dir1 || dir2)) {
      const [d, f] = dir1 ? [p1, p2] : [p2, p1];
      this.t.out.raw(`File ${d} is a directory while file ${f} is a regular file\n`);
      this.status = Math.max(this.status, 1);
      return;
    }
    if (dir1) { p1 = pathJoin(p1, baseName(p2)); st1 = await stOf(p1); if (!st1) { await this.trouble(`${p1}: ${strerror(errno)}`); return; } }
    else if (dir2) { p2 = pathJoin(p2, baseName(p1)); st2 = await stOf(p2); if (!st2) { await this.trouble(`${p2}: ${strerror(errno)}`); return; } }
    if (inDir) this.header = (a, b) => `diff${this.flags()} ${a} ${b}\n`;
    await this.files(p1, p2, st1, st2);
    this.header = null;
  }

  /** The options as typed, which each "diff ..." line of a directory comparison repeats. */
  flagWords: string[] = [];
  flags(): string { return this.flagWords.map((w) => " " + w).join(""); }
}

/** diffutils prefixes its "Try" line with the program's name too. */
class DiffTool extends Tool {
  override async usage(msg?: string): Promise<number> {
    if (msg) await this.warn(msg);
    await this.warn("Try 'diff --help' for more information.");
    return 2;
  }
}

export default async function main(argv: string[]): Promise<number> {
  const t = new DiffTool("diff", HELP, 2);
  // -NUM sets the context's length without choosing a format.
  const args = argv.map((a, i) => (i > 0 && /^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const p = await parseOpts(t, args, {
    short: "qscC:uU:n:rNibwa",
    long: {
      brief: "q", "report-identical-files": "s", context: "ctx::", unified: "uni::", recursive: "r",
      "new-file": "N", "ignore-case": "i", "ignore-space-change": "b", "ignore-all-space": "w", text: "a", label: "label:",
    },
  });
  if (typeof p === "number") return p;
  const usage = (msg: string) => t.usage(msg);
  const o: Options = {
    format: "normal", context: 3, brief: false, identical: false, recursive: false, newFile: false,
    icase: false, spaceChange: false, allSpace: false, text: false, labels: [],
  };
  const d = new Diff(t, o);
  for (const [k, v] of p.opts) {
    if (k === "c" || k === "u" || k === "ctx" || k === "uni" || k === "C" || k === "U") {
      o.format = k === "c" || k === "ctx" || k === "C" ? "context" : "unified";
      const num = k === "c" || k === "u" ? "" : v;
      if (num !== "") {
        if (!/^\d+$/.test(num)) return usage(`invalid context length '${num}'`);
        o.context = Number(num);
      }
    } else if (k === "n") o.context = Number(v);
    else if (k === "label") o.labels.push(v);
    else if (k === "q") o.brief = true;
    else if (k === "s") o.identical = true;
    else if (k === "r") o.recursive = true;
    else if (k === "N") o.newFile = true;
    else if (k === "i") o.icase = true;
    else if (k === "b") o.spaceChange = true;
    else if (k === "w") o.allSpace = true;
    else if (k === "a") o.text = true;
  }
  const ops = p.operands;
  if (ops.length < 2) return usage(`missing operand after '${ops.length ? ops[0] : "diff"}'`);
  if (ops.length > 2) return usage(`extra operand '${ops[2]}'`);
  // A directory comparison's "diff ..." lines repeat the options as they were typed.
  const words = argv.slice(1);
  for (const op of [ops[1], ops[0]]) words.splice(words.lastIndexOf(op), 1);
  d.flagWords = words;
  await d.pair(ops[0], ops[1]);
  return t.finish(d.status);
}
