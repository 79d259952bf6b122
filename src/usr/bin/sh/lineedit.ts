// Interactive line editing: the terminal is switched to non-canonical, no-echo mode while a
// line is read (and restored before commands run). Keys: left/right, Home/End, ^A ^E ^B ^F,
// backspace, delete, ^U ^K ^W, up/down through the history, ^C cancels the line, ^D on an
// empty line is end of input, ^L clears the screen, Tab completes (complete.ts; a second Tab
// lists the choices), ^V inserts the next key as it is (a literal Tab). Input is read a byte at a time, so that
// whatever is typed ahead after a line stays in the terminal for the commands that line runs.
import { read } from "../../../lib/libc/unistd.js";
import { errno, EINTR } from "../../../lib/libc/errno.js";
import { tcgetattr, tcsetattr, rawMode } from "./sys.js";
import { writeAll } from "./io.js";
import { Display } from "./line_display.js";
import { commonPrefix, listing, type Completion } from "./complete.js";
import { getWinsize } from "../../../lib/libc/sys/ioctl.js";

/** What readLine returns when ^C cancelled the line. */
export const INTERRUPTED = Symbol("interrupted");

export class LineEditor {
  history: string[] = [];

  /** @param completer what Tab completes the word before the cursor to */
  constructor(private readonly completer: ((line: string, cur: number) => Promise<Completion>) | null = null) {}

  /** Read one line (without its newline); null at end of input, INTERRUPTED after ^C. */
  async readLine(prompt: string): Promise<string | null | typeof INTERRUPTED> {
    const saved = await tcgetattr(0);
    if (!saved) return this.readCooked(prompt);
    await tcsetattr(0, rawMode(saved));
    try {
      return await this.edit(prompt);
    } finally {
      await tcsetattr(0, saved);
    }
  }

  private async readCooked(prompt: string): Promise<string | null> {
    await writeAll(2, prompt);
    const b = new Uint8Array(1);
    const bytes: number[] = [];
    for (;;) {
      const n = await read(0, b);
      if (n < 0 && errno === EINTR) continue;
      if (n <= 0) return bytes.length ? new TextDecoder().decode(new Uint8Array(bytes)) : null;
      if (b[0] === 10) return new TextDecoder().decode(new Uint8Array(bytes));
      bytes.push(b[0]);
    }
  }

  private async edit(prompt: string): Promise<string | null | typeof INTERRUPTED> {
    let line: string[] = [];
    let cur = 0;
    let hist = this.history.length;
    const scratch = [...this.history, ""];
    let screen = new Display(prompt);
    const redraw = () => screen.draw(line, cur);
    await writeAll(2, prompt);
    const b = new Uint8Array(1);
    const nextByte = async (): Promise<number | null> => {
      for (;;) {
        const n = await read(0, b);
        if (n === 1) return b[0];
        if (n < 0 && errno === EINTR) continue;
        return null;
      }
    };
    /** Leave the line: the cursor goes below its end. */
    const finish = async (text: string) => {
      if (cur !== line.length) { cur = line.length; await redraw(); }
      await writeAll(2, text + (screen.wrapped && !text ? "" : "\n"));
    };
    const utf8: number[] = [];
    let lastWasTab = false;
    /** Tab: insert what the matches share; a second Tab with nothing to add lists them. */
    const tab = async () => {
      const again = lastWasTab;
      lastWasTab = true;
      if (!this.completer) return;
      const text = line.join("");
      const { start, matches } = await this.completer(text, cur);
      const word = text.slice(start, cur);
      const common = commonPrefix(matches);
      if (matches.length && common.length > word.length) {
        const add = [...common.slice(word.length)];
        if (matches.length === 1 && !common.endsWith("/")) add.push(" ");
        line.splice(cur, 0, ...add);
        cur += add.length;
        await redraw();
        lastWasTab = false;
      } else if (matches.length === 1 && !common.endsWith("/")) {
        line.splice(cur, 0, " ");
        cur++;
        await redraw();
      } else if (again && matches.length > 1) {
        const ws = { ws_row: 0, ws_col: 0, ws_xpixel: 0, ws_ypixel: 0 };
        const cols = (await getWinsize(2, ws)) === 0 && ws.ws_col > 0 ? ws.ws_col : 80;
        const at = cur;
        cur = line.length;
        await redraw();
        await writeAll(2, "\n" + listing(matches, cols) + prompt.slice(prompt.lastIndexOf("\n") + 1));
        screen = new Display(prompt);
        cur = at;
        await redraw();
      } else {
        await writeAll(2, "\x07");
      }
    };
    for (;;) {
      const c = await nextByte();
      if (c === null) return line.length ? line.join("") : null;
      if (c === 0x09) { await tab(); continue; }
      lastWasTab = false;
      if (c === 0x16) {
        // ^V: the next key goes in as it is.
        const k = await nextByte();
        if (k === null) continue;
        line.splice(cur, 0, String.fromCharCode(k));
        cur++;
        await redraw();
        continue;
      }
      if (c === 0x0d || c === 0x0a) { await finish(""); return line.join(""); }
      if (c === 0x04) {
        if (!line.length) { await writeAll(2, "\n"); return null; }
        if (cur < line.length) { line.splice(cur, 1); await redraw(); }
        continue;
      }
      if (c === 0x03) { await finish("^C"); return INTERRUPTED; }
      if (c === 0x01) { cur = 0; await redraw(); continue; }
      if (c === 0x05) { cur = line.length; await redraw(); continue; }
      if (c === 0x02) { if (cur > 0) cur--; await redraw(); continue; }
      if (c === 0x06) { if (cur < line.length) cur++; await redraw(); continue; }
      if (c === 0x0b) { line = line.slice(0, cur); await redraw(); continue; }
      if (c === 0x0c) { await writeAll(2, "\x1b[H\x1b[2J"); screen.home(); await redraw(); continue; }
      if (c === 0x15) { line = line.slice(cur); cur = 0; await redraw(); continue; }
      if (c === 0x17) {
        let k = cur;
        while (k > 0 && line[k - 1] === " ") k--;
        while (k > 0 && line[k - 1] !== " ") k--;
        line.splice(k, cur - k);
        cur = k;
        await redraw();
        continue;
      }
      if (c === 0x7f || c === 0x08) { if (cur > 0) { line.splice(cur - 1, 1); cur--; await redraw(); } continue; }
      if (c === 0x1b) {
        const c1 = await nextByte();
        if (c1 !== 0x5b && c1 !== 0x4f) continue;
        let seq = "";
        for (;;) {
          const c2 = await nextByte();
          if (c2 === null) break;
          seq += String.fromCharCode(c2);
          if (c2 >= 0x40 && c2 <= 0x7e) break;
        }
        const move = async (to: number) => {
          scratch[hist] = line.join("");
          hist = to;
          line = [...scratch[hist]];
          cur = line.length;
          await redraw();
        };
        if (seq === "A") { if (hist > 0) await move(hist - 1); }
        else if (seq === "B") { if (hist < scratch.length - 1) await move(hist + 1); }
        else if (seq === "C") { if (cur < line.length) { cur++; await redraw(); } }
        else if (seq === "D") { if (cur > 0) { cur--; await redraw(); } }
        else if (seq === "H" || seq === "1~") { cur = 0; await redraw(); }
        else if (seq === "F" || seq === "4~") { cur = line.length; await redraw(); }
        else if (seq === "3~") { if (cur < line.length) { line.splice(cur, 1); await redraw(); } }
        continue;
      }
      if (c < 0x20) continue;
      // A UTF-8 character is inserted once all its bytes are in.
      if (c >= 0x80 && c < 0xc0 && !utf8.length) continue;
      utf8.push(c);
      const lead = utf8[0];
      const total = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (utf8.length < total) continue;
      const ch = new TextDecoder().decode(new Uint8Array(utf8));
      utf8.length = 0;
      line.splice(cur, 0, ch);
      cur++;
      if (cur === line.length) await screen.append(ch); else await redraw();
    }
  }

  add(line: string): void {
    if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
    if (this.history.length > 500) this.history.shift();
  }
}
