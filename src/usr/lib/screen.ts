// The full-screen terminal that less, more, nano and vi share: the controlling terminal
// (/dev/tty) in raw mode and the alternate screen while they run, restored on exit and on
// SIGINT/SIGTERM/SIGHUP; the window's size from TIOCGWINSZ, followed on SIGWINCH; keys read
// as names ("a", "^X", "Enter", "Up", "PgDn", ...); output gathered and written at once.
import { read, write, close, isatty } from "../../lib/libc/unistd.js";
import { open, O_RDWR } from "../../lib/libc/fcntl.js";
import { errno, EINTR } from "../../lib/libc/errno.js";
import { getenv, exit } from "../../lib/libc/stdlib.js";
import { getWinsize, type Winsize } from "../../lib/libc/sys/ioctl.js";
import { tcgetattr, tcsetattr, newTermios, TCSADRAIN, ICANON, ECHO, ISIG, IEXTEN, ICRNL, IXON, VMIN, VTIME, type Termios } from "../../lib/libc/termios.js";
import { sigaction, SIGWINCH, SIGINT, SIGTERM, SIGHUP } from "../../lib/libc/signal.js";

const enc = new TextEncoder();

/** The escape sequences after ESC [ or ESC O, by name. */
const SEQ: Record<string, string> = {
  A: "Up", B: "Down", C: "Right", D: "Left", H: "Home", F: "End",
  "1~": "Home", "7~": "Home", "4~": "End", "8~": "End", "2~": "Insert", "3~": "Delete", "5~": "PgUp", "6~": "PgDn",
};

export class Screen {
  rows = 24;
  cols = 80;
  private saved: Termios | null = null;
  private out = "";
  private pending: string[] = [];
  private dec = new TextDecoder();
  private resized = false;

  private constructor(private readonly tty: number, private readonly ownTty: boolean, private readonly alt: boolean) {}

  /** The terminal (standard input when it is one, else /dev/tty), or null without one. */
  static async open(alt = true): Promise<Screen | null> {
    if (await isatty(0)) return new Screen(0, false, alt);
    const fd = await open("/dev/tty", O_RDWR);
    return fd < 0 ? null : new Screen(fd, true, alt);
  }

  /** Raw mode, the alternate screen, the signal handlers. */
  async start(): Promise<void> {
    const t = newTermios();
    if (await tcgetattr(this.tty, t) === 0) {
      this.saved = { ...t, c_cc: t.c_cc.slice() };
      t.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
      t.c_iflag &= ~(ICRNL | IXON);
      t.c_cc[VMIN] = 1; t.c_cc[VTIME] = 0;
      await tcsetattr(this.tty, TCSADRAIN, t);
    }
    await sigaction(SIGWINCH, { sa_handler: () => { this.resized = true; }, sa_flags: 0 });
    for (const sig of [SIGINT, SIGTERM, SIGHUP]) {
      await sigaction(sig, { sa_handler: async () => { await this.end(); await exit(128 + sig); }, sa_flags: 0 });
    }
    await this.size();
    if (this.alt) this.put("\x1b[?1049h\x1b[H\x1b[2J");
    await this.flush();
  }

  /** Back to the terminal as it was. */
  async end(): Promise<void> {
    if (this.alt) this.put("\x1b[?1049l");
    this.put("\x1b[?25h\x1b[m");
    await this.flush();
    if (this.saved) await tcsetattr(this.tty, TCSADRAIN, this.saved);
    this.saved = null;
    if (this.ownTty) await close(this.tty);
  }

  /** The window's size: TIOCGWINSZ, then $LINES/$COLUMNS, then 24x80. */
  async size(): Promise<void> {
    const ws: Winsize = { ws_row: 0, ws_col: 0, ws_xpixel: 0, ws_ypixel: 0 };
    const ok = (await getWinsize(1, ws)) === 0 || (await getWinsize(this.tty, ws)) === 0;
    this.rows = ok && ws.ws_row > 0 ? ws.ws_row : Number(getenv("LINES")) || 24;
    this.cols = ok && ws.ws_col > 0 ? ws.ws_col : Number(getenv("COLUMNS")) || 80;
  }

  put(s: string): void { this.out += s; }
  /** Move to a 0-based row and column. */
  move(row: number, col = 0): void { this.out += `\x1b[${row + 1};${col + 1}H`; }
  async flush(): Promise<void> {
    if (!this.out) return;
    const b = enc.encode(this.out);
    this.out = "";
    for (let o = 0; o < b.length;) {
      const n = await write(1, b.subarray(o));
      if (n < 0 && errno === EINTR) continue;
      if (n <= 0) return;
      o += n;
    }
  }

  /** The next key's name; "Resize" after SIGWINCH (the size already updated); null at end of input. */
  async key(): Promise<string | null> {
    for (;;) {
      if (this.resized) { this.resized = false; await this.size(); return "Resize"; }
      if (this.pending.length) return this.pending.shift()!;
      const buf = new Uint8Array(64);
      const n = await read(this.tty, buf);
      if (n < 0 && errno === EINTR) continue;
      if (n <= 0) return null;
      this.parse(this.dec.decode(buf.subarray(0, n), { stream: true }));
    }
  }

  private parse(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      const code = c.charCodeAt(0);
      if (c === "\x1b") {
        if (i + 1 >= s.length) { this.pending.push("Esc"); continue; }
        if (s[i + 1] === "[" || s[i + 1] === "O") {
          let j = i + 2;
          while (j < s.length && /[0-9;]/.test(s[j])) j++;
          const body = s.slice(i + 2, j + 1);
          i = j;
          const name = SEQ[body] ?? SEQ[body.replace(/^1;\d+/, "")];
          if (name) this.pending.push(name);
          continue;
        }
        this.pending.push("M-" + s[++i]);
        continue;
      }
      if (c === "\r" || c === "\n") this.pending.push("Enter");
      else if (c === "\t") this.pending.push("Tab");
      else if (code === 0x7f || code === 0x08) this.pending.push("Backspace");
      else if (code === 0x1f) this.pending.push("^_");
      else if (code === 0x1c) this.pending.push("^\\");
      else if (code < 0x20) this.pending.push("^" + String.fromCharCode(code + 64));
      else this.pending.push(c);
    }
  }
}

/** The screen width of a line's characters, tabs to the next multiple of 8. */
export function expandTabs(line: string): string {
  let out = "";
  for (const c of line) {
    if (c === "\t") out += " ".repeat(8 - (out.length % 8));
    else if (c < " " || c === "\x7f") out += "^" + String.fromCharCode(c.charCodeAt(0) ^ 0x40);
    else out += c;
  }
  return out;
}

/** The display column of character index i in line (tabs and control characters as expandTabs). */
export function columnOf(line: string, i: number): number {
  return expandTabs(line.slice(0, i)).length;
}

/** Reverse video. */
export const rev = (s: string): string => `\x1b[7m${s}\x1b[27m`;
