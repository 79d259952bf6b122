// nano: a small full-screen editor laid out as GNU nano 7.2 is (the title bar, the text, the
// status line, two lines of shortcuts). Typing, Enter, Backspace/Delete, arrows, Home/End,
// PgUp/PgDn, Tab; ^O writes (File Name to Write), ^X exits (Save modified buffer?), ^K/^U cut
// and paste lines, ^W searches, ^C tells the position, ^_ goes to a line, ^G shows help. Long
// lines scroll sideways. Files are written with open/write: their mode kept, new ones 0666 & ~umask.
import { write, close, read } from "../../lib/libc/unistd.js";
import { open, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC } from "../../lib/libc/fcntl.js";
import { errno, strerror, ENOENT } from "../../lib/libc/errno.js";
import { Screen, expandTabs, columnOf, rev } from "../lib/screen.js";

const enc = new TextEncoder();
const MAIN: [string, string][] = [["^G", "Help"], ["^X", "Exit"], ["^O", "Write Out"], ["^R", "Read File"], ["^W", "Where Is"],
  ["^\\", "Replace"], ["^K", "Cut"], ["^U", "Paste"], ["^T", "Execute"], ["^J", "Justify"], ["^C", "Location"], ["^/", "Go To Line"]];
const CANCEL: [string, string][] = [["^G", "Help"], ["^C", "Cancel"]];
const YESNO: [string, string][] = [[" Y", "Yes"], [" N", "No"], ["", ""], ["^C", "Cancel"]];
const HELP = [
  "Main nano help text", "",
  " The nano editor is designed to emulate the functionality and ease-of-use of the UW Pico",
  " text editor.  Type text and it is inserted at the cursor.  The shortcuts are shown in",
  " the two bottom lines: ^ is the Control key (^X is Ctrl+X), M- is the Alt key.", "",
  "^G  Display this help text          ^X  Close the current buffer / Exit from nano",
  "^O  Write the current buffer to disk ^W  Search forward for a string",
  "^K  Cut current line into cutbuffer  ^U  Paste the contents of cutbuffer",
  "^C  Display the position of the cursor  ^_  Go to line and column number",
  "^A  Go to beginning of current line  ^E  Go to end of current line",
  "^Y  Go one screenful up              ^V  Go one screenful down", "",
  "Press ^X to leave this help.",
];

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

class Nano {
  lines: string[] = [""];
  cy = 0; cx = 0; want = 0; top = 0;
  modified = false;
  msg = "";
  cut: string[] = [];
  lastCut = false;
  lastSearch = "";

  constructor(private readonly s: Screen, public name: string) {}

  private get textRows(): number { return Math.max(1, this.s.rows - 4); }

  /** Load the file: "[ Read N lines ]", "[ New File ]" or the error. */
  async load(): Promise<void> {
    if (!this.name) return;
    const fd = await open(this.name, O_RDONLY);
    if (fd < 0) {
      this.msg = errno === ENOENT ? "New File" : `Error reading ${this.name}: ${strerror(errno)}`;
      return;
    }
    const parts: number[] = [];
    const buf = new Uint8Array(65536);
    for (;;) { const n = await read(fd, buf); if (n <= 0) break; for (let i = 0; i < n; i++) parts.push(buf[i]); }
    await close(fd);
    this.lines = new TextDecoder().decode(new Uint8Array(parts)).split("\n");
    this.fix();
    this.msg = `Read ${plural(this.lines.length - 1, "line")}`;
  }

  /** The buffer always ends in an empty line (the file's final newline). */
  private fix(): void { if (this.lines[this.lines.length - 1] !== "") this.lines.push(""); }

  async save(name: string): Promise<boolean> {
    const fd = await open(name, O_WRONLY | O_CREAT | O_TRUNC, 0o666);
    if (fd < 0) { this.msg = `Error writing ${name}: ${strerror(errno)}`; return false; }
    const data = enc.encode(this.lines.join("\n"));
    for (let o = 0; o < data.length;) {
      const n = await write(fd, data.subarray(o));
      if (n <= 0) { this.msg = `Error writing ${name}: ${strerror(errno)}`; await close(fd); return false; }
      o += n;
    }
    await close(fd);
    this.name = name;
    this.modified = false;
    this.msg = `Wrote ${plural(this.lines.length - 1, "line")}`;
    return true;
  }

  private helpLines(items: [string, string][]): string {
    const per = Math.max(1, Math.min(Math.ceil(items.length / 2), Math.floor(this.s.cols / 12)));
    const w = Math.floor(this.s.cols / per);
    let out = "";
    for (let row = 0; row < 2; row++) {
      this.s.move(this.s.rows - 2 + row);
      out = "";
      for (let c = 0; c < per; c++) {
        const it = items[c * 2 + row];
        if (!it || !it[0]) { out += " ".repeat(w); continue; }
        const label = (" " + it[1]).padEnd(w - it[0].length).slice(0, w - it[0].length);
        out += rev(it[0]) + label;
      }
      this.s.put(out + "\x1b[K");
    }
    return out;
  }

  private title(): void {
    const cols = this.s.cols;
    const left = "  GNU nano 7.2";
    const name = this.name || "New Buffer";
    const right = this.modified ? "Modified  " : "";
    let bar = left.padEnd(Math.max(left.length + 1, Math.floor((cols - name.length) / 2))) + name;
    bar = bar.padEnd(cols - right.length) + right;
    this.s.move(0);
    this.s.put(rev(bar.slice(0, cols)));
  }

  /** The first display column shown of a line whose cursor is at display column col. */
  private start(col: number): number {
    const cols = this.s.cols;
    const chunk = Math.max(1, cols - 8);
    let st = 0;
    while (col - st >= cols - 1) st += chunk;
    return st;
  }

  draw(status?: string, items: [string, string][] = MAIN): void {
    const s = this.s;
    const cols = s.cols;
    if (this.cy < this.top) this.top = this.cy;
    if (this.cy >= this.top + this.textRows) this.top = this.cy - this.textRows + 1;
    s.put("\x1b[?25l");
    this.title();
    const curCol = columnOf(this.lines[this.cy], this.cx);
    const curStart = this.start(curCol);
    for (let i = 0; i < this.textRows; i++) {
      const n = this.top + i;
      s.move(1 + i);
      if (n < this.lines.length) {
        const e = expandTabs(this.lines[n]);
        const st = n === this.cy ? curStart : 0;
        let vis = e.slice(st, st + cols);
        if (st > 0) vis = "<" + vis.slice(1);
        if (e.length - st > cols) vis = vis.slice(0, cols - 1) + ">";
        s.put(vis);
      }
      s.put("\x1b[K");
    }
    s.move(s.rows - 3);
    if (status !== undefined) s.put(rev(status.padEnd(cols).slice(0, cols)));
    else if (this.msg) {
      const m = `[ ${this.msg} ]`;
      s.put("\x1b[K");
      s.move(s.rows - 3, Math.max(0, Math.floor((cols - m.length) / 2)));
      s.put(rev(m));
    } else s.put("\x1b[K");
    this.helpLines(items);
    if (status === undefined) s.move(1 + this.cy - this.top, curCol - curStart);
    s.put("\x1b[?25h");
  }

  /** A line read on the status line; null when cancelled ("[ Cancelled ]"). */
  async prompt(label: string, init = ""): Promise<string | null> {
    let text = init;
    let pos = text.length;
    for (;;) {
      this.draw(label + text);
      this.s.move(this.s.rows - 3, Math.min(this.s.cols - 1, label.length + pos));
      await this.s.flush();
      const k = await this.s.key();
      if (k === null) return null;
      if (k === "^C") { this.msg = "Cancelled"; return null; }
      if (k === "Enter") return text;
      if (k === "Backspace") { if (pos > 0) { text = text.slice(0, pos - 1) + text.slice(pos); pos--; } }
      else if (k === "Delete" || k === "^D") text = text.slice(0, pos) + text.slice(pos + 1);
      else if (k === "Left" || k === "^B") pos = Math.max(0, pos - 1);
      else if (k === "Right" || k === "^F") pos = Math.min(text.length, pos + 1);
      else if (k === "Home" || k === "^A") pos = 0;
      else if (k === "End" || k === "^E") pos = text.length;
      else if (k === "Tab") { text = text.slice(0, pos) + "\t" + text.slice(pos); pos++; }
      else if (k.length === 1 || (k.length === 2 && k.charCodeAt(0) > 0xff)) { text = text.slice(0, pos) + k + text.slice(pos); pos += k.length; }
    }
  }

  private edit(): void { this.modified = true; this.fix(); }
  private setX(x: number): void { this.cx = x; this.want = columnOf(this.lines[this.cy], x); }
  /** Put the cursor on line y at the wanted display column. */
  private toLine(y: number): void {
    this.cy = Math.max(0, Math.min(this.lines.length - 1, y));
    const l = this.lines[this.cy];
    let x = 0;
    while (x < l.length && columnOf(l, x + 1) <= this.want) x++;
    this.cx = x;
  }

  private insert(t: string): void {
    const l = this.lines[this.cy];
    this.lines[this.cy] = l.slice(0, this.cx) + t + l.slice(this.cx);
    this.setX(this.cx + t.length);
    this.edit();
  }

  private search(what: string): void {
    const L = this.lines;
    const total = L.length;
    for (let i = 0; i <= total; i++) {
      const y = (this.cy + i) % total;
      const from = i === 0 ? this.cx + 1 : 0;
      const at = L[y].indexOf(what, from);
      if (at >= 0 && !(i === total && at > this.cx)) {
        if (i === total && at === this.cx) this.msg = "This is the only occurrence";
        else if (this.cy + i >= total) this.msg = "Search Wrapped";
        this.cy = y; this.setX(at);
        return;
      }
    }
    this.msg = `"${what}" not found`;
  }

  private location(): string {
    const total = this.lines.length;
    const l = this.lines[this.cy];
    let chars = 0, before = 0;
    this.lines.forEach((x, i) => { if (i < this.cy) before += x.length + 1; chars += x.length + (i < total - 1 ? 1 : 0); });
    const pct = (a: number, b: number) => Math.floor((100 * a) / Math.max(1, b));
    const at = before + this.cx;
    return `line ${this.cy + 1}/${total} (${pct(this.cy + 1, total)}%), col ${this.cx + 1}/${l.length + 1} (${pct(this.cx + 1, l.length + 1)}%), char ${at}/${chars} (${pct(at, chars)}%)`;
  }

  private async help(): Promise<void> {
    for (;;) {
      this.s.put("\x1b[?25l\x1b[H\x1b[2J");
      this.title();
      HELP.slice(0, this.s.rows - 4).forEach((h, i) => { this.s.move(2 + i); this.s.put(h.slice(0, this.s.cols)); });
      this.helpLines([["^X", "Close"], ["", ""]]);
      await this.s.flush();
      const k = await this.s.key();
      if (k === null || k === "^X" || k === "^C" || k === "q") return;
    }
  }

  /** Ask for a name and write; true when written. */
  private async writeOut(): Promise<boolean> {
    const name = await this.prompt("File Name to Write: ", this.name);
    if (name === null) return false;
    if (!name) { this.msg = "Cancelled"; return false; }
    return this.save(name);
  }

  async run(): Promise<void> {
    for (;;) {
      this.draw();
      await this.s.flush();
      const k = await this.s.key();
      if (k === null) return;
      if (k !== "Resize") this.msg = "";
      const cutting = k === "^K";
      const L = this.lines;
      switch (k) {
        case "Resize": case "^L": break;
        case "^X": {
          if (!this.modified) return;
          for (;;) {
            this.draw("Save modified buffer? ", YESNO);
            this.s.move(this.s.rows - 3, 22);
            await this.s.flush();
            const a = await this.s.key();
            if (a === null) return;
            if (a === "y" || a === "Y") { if (await this.writeOut()) return; break; }
            if (a === "n" || a === "N") return;
            if (a === "^C") break;
          }
          break;
        }
        case "^O": await this.writeOut(); break;
        case "^G": await this.help(); break;
        case "^W": {
          const w = await this.prompt(this.lastSearch ? `Search [${this.lastSearch}]: ` : "Search: ");
          if (w === null) break;
          if (w) this.lastSearch = w;
          if (this.lastSearch) this.search(this.lastSearch); else this.msg = "Cancelled";
          break;
        }
        case "^C": this.msg = this.location(); break;
        case "^_": case "^/": {
          const a = await this.prompt("Enter line number, column number: ");
          if (a === null) break;
          const [ln, col] = a.split(/[ ,]+/).map(Number);
          if (!(ln > 0)) { this.msg = "Invalid line or column number"; break; }
          this.cy = Math.min(ln, L.length) - 1;
          this.setX(Math.min((col || 1) - 1, L[this.cy].length));
          break;
        }
        case "^K": {
          if (!this.lastCut) this.cut = [];
          if (this.cy === L.length - 1 && L[this.cy] === "") break;
          this.cut.push(L[this.cy]);
          L.splice(this.cy, 1);
          this.setX(0);
          this.edit();
          break;
        }
        case "^U": {
          if (!this.cut.length) break;
          L.splice(this.cy, 0, ...this.cut);
          this.cy += this.cut.length;
          this.setX(0);
          this.edit();
          break;
        }
        case "Enter": {
          const l = L[this.cy];
          L.splice(this.cy, 1, l.slice(0, this.cx), l.slice(this.cx));
          this.cy++; this.setX(0); this.edit();
          break;
        }
        case "Backspace": case "^H":
          if (this.cx > 0) { L[this.cy] = L[this.cy].slice(0, this.cx - 1) + L[this.cy].slice(this.cx); this.setX(this.cx - 1); this.edit(); }
          else if (this.cy > 0) { const x = L[this.cy - 1].length; L[this.cy - 1] += L[this.cy]; L.splice(this.cy, 1); this.cy--; this.setX(x); this.edit(); }
          break;
        case "Delete": case "^D":
          if (this.cx < L[this.cy].length) { L[this.cy] = L[this.cy].slice(0, this.cx) + L[this.cy].slice(this.cx + 1); this.edit(); }
          else if (this.cy < L.length - 1) { L[this.cy] += L[this.cy + 1]; L.splice(this.cy + 1, 1); this.edit(); }
          break;
        case "Tab": this.insert("\t"); break;
        case "Left": case "^B":
          if (this.cx > 0) this.setX(this.cx - 1); else if (this.cy > 0) { this.cy--; this.setX(L[this.cy].length); }
          break;
        case "Right": case "^F":
          if (this.cx < L[this.cy].length) this.setX(this.cx + 1); else if (this.cy < L.length - 1) { this.cy++; this.setX(0); }
          break;
        case "Up": case "^P": this.toLine(this.cy - 1); break;
        case "Down": case "^N": this.toLine(this.cy + 1); break;
        case "Home": case "^A": this.setX(0); break;
        case "End": case "^E": this.setX(L[this.cy].length); break;
        case "PgUp": case "^Y": { const d = Math.max(1, this.textRows - 2); this.top = Math.max(0, this.top - d); this.toLine(this.cy - d); break; }
        case "PgDn": case "^V": {
          const d = Math.max(1, this.textRows - 2);
          this.top = Math.max(0, Math.min(L.length - 1, this.top + d)); this.toLine(this.cy + d);
          break;
        }
        case "^R": case "^T": case "^J": case "^\\": this.msg = "This function is not available in this nano"; break;
        default:
          if ([...k].length === 1 && k >= " ") this.insert(k);
          else if (k.startsWith("^") || k.startsWith("M-")) this.msg = `Unknown command`;
      }
      this.lastCut = cutting;
    }
  }
}

export default async function main(argv: string[]): Promise<number> {
  let name = "";
  let line = 0, col = 0;
  for (const a of argv.slice(1)) {
    if (/^\+\d+(,\d+)?$/.test(a)) { [line, col] = a.slice(1).split(",").map(Number); continue; }
    if (a === "-h" || a === "--help") { await write(1, "Usage: nano [OPTIONS] [[+LINE[,COLUMN]] FILE]...\n"); return 0; }
    if (a === "-V" || a === "--version") { await write(1, " GNU nano, version 7.2\n"); return 0; }
    if (a.startsWith("-") && a !== "-") continue;
    if (!name) name = a;
  }
  const s = await Screen.open();
  if (!s) { await write(2, "Too many errors from stdin\n"); return 1; }
  const ed = new Nano(s, name);
  await ed.load();
  if (line > 0) { ed.cy = Math.min(line, ed.lines.length) - 1; ed.cx = Math.max(0, Math.min((col || 1) - 1, ed.lines[ed.cy].length)); }
  await s.start();
  try {
    await ed.run();
  } finally {
    s.put("\x1b[H\x1b[2J");
    await s.end();
  }
  return 0;
}
