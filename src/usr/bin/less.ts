// less: a pager. On a terminal it fills the window (following SIGWINCH) with the file's lines,
// wrapped, "~" past the end, and the prompt line (the file's name on the first screen, then ":",
// "(END)" at the end). Keys as less's: space f ^F ^V PgDn, b ^B PgUp, j k e y Enter arrows,
// d u, g < G >, /pattern ?pattern n N, :n :p, q Q ZZ. Not a terminal: copies its input.
import { write } from "../../lib/libc/unistd.js";
import { isatty } from "../../lib/libc/unistd.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { readFileBytes } from "../lib/common.js";
import { statOf } from "../lib/fsops.js";
import { S_ISDIR } from "../../lib/libc/sys/stat.js";
import { Screen, expandTabs, rev } from "../lib/screen.js";

const dec = new TextDecoder();

interface Doc { name: string; lines: string[] }

/** The file's lines without the final newline's empty line. */
function toLines(b: Uint8Array): string[] {
  const s = dec.decode(b);
  const lines = s.split("\n");
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Read the named files ("-" or none: standard input); errors to stderr as less prints them. */
export async function loadFiles(prog: string, names: string[]): Promise<{ docs: Doc[]; raw: Uint8Array[]; failed: boolean }> {
  const docs: Doc[] = [];
  const raw: Uint8Array[] = [];
  let failed = false;
  for (const name of names.length ? names : ["-"]) {
    if (name !== "-") {
      const st = await statOf(name);
      if (st && S_ISDIR(st.st_mode)) {
        await write(2, prog === "more" ? `\n*** ${name}: directory ***\n\n` : `${name} is a directory\n`);
        failed = true;
        continue;
      }
    }
    const b = await readFileBytes(name);
    if (!b) {
      await write(2, prog === "more" ? `more: cannot open ${name}: ${strerror(errno)}\n` : `${name}: ${strerror(errno)}\n`);
      failed = true;
      continue;
    }
    raw.push(b);
    docs.push({ name, lines: toLines(b) });
  }
  return { docs, raw, failed };
}

/** Write all of b to standard output. */
export async function writeAll(b: Uint8Array): Promise<void> {
  for (let o = 0; o < b.length;) {
    const n = await write(1, b.subarray(o));
    if (n <= 0) return;
    o += n;
  }
}

/** A search pattern as a regular expression (a literal when it is not a valid one). */
export function pattern(p: string): RegExp {
  try { return new RegExp(p, "g"); } catch { return new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g"); }
}

class Pager {
  private rows: string[] = [];
  private rowLine: number[] = [];
  private firstRow: number[] = [];
  private top = 0;
  private msg = "";
  private first = true;
  private search: RegExp | null = null;
  private count = "";

  constructor(private readonly s: Screen, private readonly docs: Doc[], private idx = 0) { this.layout(); }

  private get doc(): Doc { return this.docs[this.idx]; }
  private get height(): number { return Math.max(1, this.s.rows - 1); }
  private get maxTop(): number { return Math.max(0, this.rows.length - this.height); }

  /** Wrap the lines at the window's width. */
  private layout(): void {
    const w = Math.max(1, this.s.cols);
    this.rows = []; this.rowLine = []; this.firstRow = [];
    this.doc.lines.forEach((l, n) => {
      const e = expandTabs(l);
      this.firstRow.push(this.rows.length);
      for (let o = 0; o === 0 || o < e.length; o += w) { this.rows.push(e.slice(o, o + w)); this.rowLine.push(n); }
    });
    this.top = Math.min(this.top, this.maxTop);
  }

  private draw(): void {
    const s = this.s;
    s.put("\x1b[H");
    for (let i = 0; i < this.height; i++) {
      const r = this.top + i;
      s.move(i);
      s.put(r < this.rows.length ? this.mark(this.rows[r]) : "~");
      s.put("\x1b[K");
    }
    s.move(this.height);
    let p: string;
    if (this.msg) p = rev(this.msg);
    else if (this.top >= this.maxTop) p = rev("(END)" + (this.idx + 1 < this.docs.length ? ` - Next: ${this.docs[this.idx + 1].name}` : ""));
    else if (this.first && this.doc.name !== "-") p = rev(this.doc.name + (this.docs.length > 1 ? ` (file ${this.idx + 1} of ${this.docs.length})` : ""));
    else p = ":";
    s.put(p + "\x1b[K");
  }

  /** Matches of the last search in reverse video. */
  private mark(row: string): string {
    if (!this.search || !this.search.source) return row;
    this.search.lastIndex = 0;
    return row.replace(this.search, (m) => (m ? rev(m) : m));
  }

  private scroll(n: number): void { this.top = Math.max(0, Math.min(this.maxTop, this.top + n)); this.first = false; }

  /** Find the next (dir 1) or previous (dir -1) line matching the search after the top one. */
  private find(dir: number): void {
    if (!this.search) { this.msg = "No previous regular expression"; return; }
    const lines = this.doc.lines;
    const from = this.rows.length ? this.rowLine[this.top] : 0;
    for (let n = from + dir; n >= 0 && n < lines.length; n += dir) {
      this.search.lastIndex = 0;
      if (this.search.test(expandTabs(lines[n]))) { this.top = Math.min(this.firstRow[n], this.maxTop); this.first = false; return; }
    }
    this.msg = "Pattern not found  (press RETURN)";
  }

  /** Read a line on the prompt row after prefix; null when cancelled. */
  private async prompt(prefix: string): Promise<string | null> {
    let text = "";
    for (;;) {
      this.s.move(this.height);
      this.s.put(prefix + text + "\x1b[K");
      await this.s.flush();
      const k = await this.s.key();
      if (k === null || k === "^C" || k === "^G" || k === "Esc") return null;
      if (k === "Resize") { this.layout(); this.draw(); continue; }
      if (k === "Enter") return text;
      if (k === "Backspace") { if (!text) return null; text = text.slice(0, -1); continue; }
      if (k === "Tab") text += "\t";
      else if ([...k].length === 1) text += k;
    }
  }

  /** Run until q; the terminal was started by the caller. */
  async run(): Promise<void> {
    for (;;) {
      this.draw();
      await this.s.flush();
      const k = await this.s.key();
      if (k === null) return;
      const hadMsg = this.msg;
      this.msg = "";
      if (k === "Resize") { this.layout(); continue; }
      if (/^[0-9]$/.test(k)) { this.count += k; continue; }
      const n = this.count ? Number(this.count) : 0;
      this.count = "";
      const page = n || this.height;
      const half = n || Math.floor(this.height / 2);
      switch (k) {
        case "q": case "Q": return;
        case "Z": if ((await this.s.key()) === "Z") return; break;
        case " ": case "f": case "^F": case "^V": case "PgDn": case "z": this.scroll(page); break;
        case "b": case "^B": case "PgUp": case "w": case "M-v": this.scroll(-page); break;
        case "j": case "e": case "^E": case "^N": case "Down": case "Enter": if (hadMsg && k === "Enter") break; this.scroll(n || 1); break;
        case "k": case "y": case "^Y": case "^P": case "^K": case "Up": this.scroll(-(n || 1)); break;
        case "d": case "^D": this.scroll(half); break;
        case "u": case "^U": this.scroll(-half); break;
        case "g": case "<": case "Home": this.top = n ? Math.min(this.firstRow[Math.min(n, this.doc.lines.length) - 1] ?? 0, this.maxTop) : 0; this.first = false; break;
        case "G": case ">": case "End": this.top = n ? Math.min(this.firstRow[Math.min(n, this.doc.lines.length) - 1] ?? 0, this.maxTop) : this.maxTop; this.first = false; break;
        case "/": case "?": {
          const p = await this.prompt(k);
          if (p === null) break;
          if (p) this.search = pattern(p);
          this.find(k === "/" ? 1 : -1);
          this.dirBack = k === "?";
          break;
        }
        case "n": this.find(this.dirBack ? -1 : 1); break;
        case "N": this.find(this.dirBack ? 1 : -1); break;
        case "^L": case "r": case "R": break;
        case ":": {
          this.s.move(this.height); this.s.put(":\x1b[K"); await this.s.flush();
          const c = await this.s.key();
          if (c === "q" || c === "Q") return;
          if (c === "n" || c === "p") {
            const to = this.idx + (c === "n" ? 1 : -1);
            if (to < 0 || to >= this.docs.length) this.msg = c === "n" ? "No next file" : "No previous file";
            else { this.idx = to; this.top = 0; this.first = true; this.layout(); }
          }
          break;
        }
        case "h": case "H": this.msg = "Keys: SPACE f b j k g G /pattern n N q"; break;
        default: break;
      }
    }
  }
  private dirBack = false;
}

export default async function main(argv: string[]): Promise<number> {
  const names = argv.slice(1).filter((a) => a === "-" || !a.startsWith("-"));
  if (!(await isatty(1))) {
    const { raw, failed } = await loadFiles("less", names);
    for (const b of raw) await writeAll(b);
    return failed ? 1 : 0;
  }
  if (!names.length && (await isatty(0))) {
    await write(2, 'Missing filename ("less --help" for help)\n');
    return 1;
  }
  const { docs, failed } = await loadFiles("less", names);
  if (!docs.length) return 1;
  const s = await Screen.open();
  if (!s) { for (const d of docs) await writeAll(new TextEncoder().encode(d.lines.map((l) => l + "\n").join(""))); return failed ? 1 : 0; }
  await s.start();
  try {
    await new Pager(s, docs).run();
  } finally {
    await s.end();
  }
  return failed ? 1 : 0;
}
