// N_TTY, the default line discipline. Input: signal characters (ISIG), CR/NL mapping, and in
// canonical mode the line editor (ERASE, KILL, WERASE, LNEXT, REPRINT, EOF), with echo as
// Linux draws it (ECHOE "\b \b", ECHOCTL "^C", ECHOK/ECHOKE). Reads take whole lines in
// canonical mode and honour VMIN/VTIME otherwise. Output: OPOST post-processing (ONLCR,
// OCRNL, ONOCR, ONLRET, XTABS) and the column count the erase echo relies on.
import type { Task } from "../../kernel/task.js";
import type { IovIter } from "../../fs/iov_iter.js";
import { Errno } from "../../kernel/errors.js";
import { EAGAIN } from "../../include/uapi/errno.js";
import { SIGINT, SIGQUIT, SIGTSTP } from "../../include/uapi/signal.js";
import {
  ISTRIP, IGNCR, ICRNL, INLCR, IXON, IXANY, IUCLC, IUTF8, OPOST, ONLCR, OCRNL, ONOCR, ONLRET, OLCUC, TABDLY, XTABS,
  ISIG, ICANON, ECHO, ECHOE, ECHOK, ECHONL, NOFLSH, ECHOCTL, ECHOKE, IEXTEN, VINTR, VQUIT, VSUSP, VERASE, VKILL,
  VWERASE, VEOF, VEOL, VEOL2, VLNEXT, VREPRINT, VSTART, VSTOP, VMIN, VTIME, DISABLED_CHAR, type Termios,
} from "./termios.js";
import type { Tty } from "./tty.js";
import { killPgrp } from "./tty_jobctrl.js";

/** N_TTY_BUF_SIZE: a canonical line holds at most 4095 characters and its newline. */
const N_TTY_BUF_SIZE = 4096;
const NL = 10, CR = 13, TAB = 9, BS = 8, DEL = 127;

export class NTty {
  /** Completed lines (canonical mode); an empty one is an end of file. */
  private lines: Uint8Array[] = [];
  /** The line being edited (canonical mode). */
  private line: number[] = [];
  /** Input not organised in lines (non-canonical mode). */
  private raw: number[] = [];
  /** The next character is taken literally (after VLNEXT). */
  private lnext = false;
  /** Output column, for erasing tabs and for ONOCR. */
  column = 0;
  /** The column the line being edited started at. */
  private canonColumn = 0;
  /** Output held back while the terminal is stopped. */
  private held: number[] = [];

  constructor(private readonly tty: Tty) {}

  private get t(): Termios { return this.tty.termios; }
  private lflag(f: number): boolean { return (this.t.lflag & f) !== 0; }
  private iflag(f: number): boolean { return (this.t.iflag & f) !== 0; }
  private isCc(c: number, slot: number): boolean {
    const v = this.t.cc[slot];
    return v !== DISABLED_CHAR && v === c;
  }
  private get canonical(): boolean { return this.lflag(ICANON); }

  // ---- input ----

  /** Bytes from the device. */
  receiveBuf(data: Uint8Array): void {
    const echoes: number[] = [];
    for (const b of data) this.receiveChar(b, echoes);
    if (echoes.length) this.emit(echoes, true);
    if (this.inputAvailable(false)) this.tty.readWait.wakeUp();
  }

  private receiveChar(c: number, echo: number[]): void {
    if (this.iflag(ISTRIP)) c &= 0x7f;
    if (this.iflag(IUCLC) && this.lflag(IEXTEN) && c >= 65 && c <= 90) c += 32;
    if (this.lnext) {
      this.lnext = false;
      if (this.lflag(ECHO) && this.lflag(ECHOCTL)) echo.push(BS, BS); // erase the "^" shown for LNEXT
      this.store(c, echo);
      return;
    }
    if (this.iflag(IXON)) {
      if (this.isCc(c, VSTOP)) { this.stop(); return; }
      if (this.isCc(c, VSTART)) { this.start(); return; }
      if (this.tty.stopped && this.iflag(IXANY)) this.start();
    }
    if (this.lflag(ISIG)) {
      const sig = this.isCc(c, VINTR) ? SIGINT : this.isCc(c, VQUIT) ? SIGQUIT : this.isCc(c, VSUSP) ? SIGTSTP : 0;
      if (sig) { this.signalChar(c, sig, echo); return; }
    }
    if (c === CR) {
      if (this.iflag(IGNCR)) return;
      if (this.iflag(ICRNL)) c = NL;
    } else if (c === NL && this.iflag(INLCR)) {
      c = CR;
    }
    if (!this.canonical) {
      this.raw.push(c);
      if (this.lflag(ECHO)) this.echoChar(c, echo);
      else if (c === NL && this.lflag(ECHONL)) echo.push(NL);
      return;
    }
    if (this.isCc(c, VERASE) || c === DEL || c === BS) { this.erase("erase", echo); return; }
    if (this.isCc(c, VKILL)) { this.erase("kill", echo); return; }
    if (this.lflag(IEXTEN)) {
      if (this.isCc(c, VWERASE)) { this.erase("werase", echo); return; }
      if (this.isCc(c, VLNEXT)) {
        this.lnext = true;
        if (this.lflag(ECHO) && this.lflag(ECHOCTL)) echo.push(94, BS); // "^" then back over it
        return;
      }
      if (this.isCc(c, VREPRINT)) { this.reprint(c, echo); return; }
    }
    if (this.isCc(c, VEOF)) { this.commitLine(); return; }
    if (c === NL || this.isCc(c, VEOL) || this.isCc(c, VEOL2)) {
      if (this.lflag(ECHO) || (c === NL && this.lflag(ECHONL))) {
        if (c === NL) echo.push(NL); else this.echoChar(c, echo);
      }
      this.line.push(c);
      this.commitLine();
      return;
    }
    this.store(c, echo);
  }

  /** A character that goes into the buffer as it is. */
  private store(c: number, echo: number[]): void {
    if (!this.canonical) {
      this.raw.push(c);
      if (this.lflag(ECHO)) this.echoChar(c, echo);
      return;
    }
    // A full line keeps room for its newline; anything more is dropped, as Linux does.
    if (this.line.length >= N_TTY_BUF_SIZE - 1) return;
    if (this.line.length === 0) this.canonColumn = this.column + this.pendingWidth(echo);
    this.line.push(c);
    if (this.lflag(ECHO)) this.echoChar(c, echo);
  }

  private commitLine(): void {
    this.lines.push(Uint8Array.from(this.line));
    this.line = [];
  }

  /** How an echoed character looks: ^X for control characters with ECHOCTL. */
  private echoChar(c: number, echo: number[]): void {
    if (this.lflag(ECHOCTL) && (c < 32 || c === DEL) && c !== TAB && c !== NL) echo.push(94, c ^ 0o100);
    else echo.push(c);
  }

  /** ^C, ^\, ^Z: flush (unless NOFLSH), signal the foreground group, echo the character. */
  private signalChar(c: number, sig: number, echo: number[]): void {
    if (!this.lflag(NOFLSH)) this.flushInput();
    if (this.tty.stopped) this.start();
    if (this.lflag(ECHO)) this.echoChar(c, echo);
    killPgrp(this.tty.pgrp, sig);
  }

  /** Width the pending echo adds to the current column (for where a new line starts). */
  private pendingWidth(echo: number[]): number {
    let w = 0;
    for (const b of echo) if (b >= 32 && b !== DEL && (b & 0xc0) !== 0x80) w++;
    return w;
  }

  /** Columns the character at index i of the line took when echoed. */
  private widthAt(i: number): number {
    const c = this.line[i];
    if (c === TAB) {
      let col = this.canonColumn;
      for (let j = 0; j < i; j++) col += this.line[j] === TAB ? 8 - (col % 8) : this.widthOf(this.line[j]);
      return 8 - (col % 8);
    }
    return this.widthOf(c);
  }
  private widthOf(c: number): number {
    if (c < 32 || c === DEL) return this.lflag(ECHOCTL) ? 2 : 0;
    if (this.iflag(IUTF8) && (c & 0xc0) === 0x80) return 0;
    return 1;
  }

  /** ERASE, WERASE and KILL, with their echo. */
  private erase(kind: "erase" | "kill" | "werase", echo: number[]): void {
    if (this.line.length === 0) return;
    const echoOn = this.lflag(ECHO);
    if (kind === "kill" && echoOn && (!this.lflag(ECHOE) || !this.lflag(ECHOKE))) {
      // Without ECHOKE the killed line stays on screen: echo KILL, and a newline with ECHOK.
      this.line = [];
      this.echoChar(this.t.cc[VKILL], echo);
      if (this.lflag(ECHOK)) echo.push(NL);
      return;
    }
    let seenWord = false;
    while (this.line.length > 0) {
      const i = this.line.length - 1;
      const c = this.line[i];
      if (kind === "werase") {
        const space = c === 32 || c === TAB;
        if (space && seenWord) break;
        if (!space) seenWord = true;
      }
      const width = this.widthAt(i);
      this.line.pop();
      // A UTF-8 character goes as a whole.
      if (this.iflag(IUTF8) && (c & 0xc0) === 0x80) {
        while (this.line.length > 0 && (this.line[this.line.length - 1] & 0xc0) === 0x80) this.line.pop();
        if (this.line.length > 0) this.line.pop();
      }
      if (echoOn) {
        if (this.lflag(ECHOE)) for (let k = 0; k < width; k++) echo.push(BS, 32, BS);
        else if (kind === "erase") this.echoChar(this.t.cc[VERASE], echo);
      }
      if (kind === "erase") break;
    }
  }

  /** ^R: show the line again on a fresh line. */
  private reprint(c: number, echo: number[]): void {
    if (!this.lflag(ECHO)) return;
    this.echoChar(c, echo);
    echo.push(NL);
    this.canonColumn = 0;
    for (const b of this.line) this.echoChar(b, echo);
  }

  // ---- reading ----

  /** Is there something for read() (poll: MIN characters when TIME is 0)? */
  inputAvailable(poll: boolean): boolean {
    if (this.canonical) return this.lines.length > 0;
    const min = this.t.cc[VMIN], time = this.t.cc[VTIME];
    return this.raw.length >= (poll && !time && min ? min : 1);
  }

  /** FIONREAD: bytes a read could return now. */
  readable(): number {
    if (this.canonical) return this.lines.reduce((n, l) => n + l.length, 0);
    return this.raw.length;
  }

  /** Read into `to`; sleeps as the mode says. Returns bytes read (0: end of file). */
  async read(task: Task, to: IovIter, nonblock: boolean): Promise<number> {
    for (;;) {
      if (this.canonical) {
        if (this.lines.length === 0) {
          if (this.tty.hungUp) return 0;
          if (nonblock) throw new Errno(EAGAIN);
          await this.tty.readWait.waitEvent(task, () => !this.canonical || this.lines.length > 0 || this.tty.hungUp);
          continue;
        }
        const line = this.lines[0];
        const n = to.copyOut(line.subarray(0, to.count));
        if (n >= line.length) this.lines.shift();
        else this.lines[0] = line.subarray(n);
        return n;
      }
      const r = await this.readRaw(task, to, nonblock);
      if (r !== null) return r;
    }
  }

  /** Non-canonical read with VMIN/VTIME; null when the mode changed while waiting. */
  private async readRaw(task: Task, to: IovIter, nonblock: boolean): Promise<number | null> {
    const min = this.t.cc[VMIN], timeMs = this.t.cc[VTIME] * 100;
    const want = Math.min(min, to.count);
    const modeChanged = () => this.canonical;
    if (nonblock) {
      if (this.raw.length === 0) throw new Errno(EAGAIN);
    } else if (min === 0 && timeMs > 0) {
      await this.tty.readWait.waitEventTimeout(task, () => this.raw.length > 0 || modeChanged() || this.tty.hungUp, timeMs);
    } else if (min > 0 && timeMs === 0) {
      await this.tty.readWait.waitEvent(task, () => this.raw.length >= want || modeChanged() || this.tty.hungUp);
    } else if (min > 0) {
      // The inter-character timer starts with the first character.
      await this.tty.readWait.waitEvent(task, () => this.raw.length > 0 || modeChanged() || this.tty.hungUp);
      while (this.raw.length < want && !modeChanged() && !this.tty.hungUp) {
        const have = this.raw.length;
        const more = await this.tty.readWait.waitEventTimeout(task, () => this.raw.length > have || modeChanged(), timeMs);
        if (!more) break;
      }
    }
    if (modeChanged()) return null;
    const n = to.copyOut(Uint8Array.from(this.raw.slice(0, to.count)));
    this.raw.splice(0, n);
    return n;
  }

  // ---- settings and flushing ----

  /**
   * New termios: moving between canonical and raw mode keeps the typed input. Input that came
   * in raw mode is not edited after the fact: as in Linux (n_tty_set_termios), it becomes
   * readable at once, as if it ended a line (a shell's type-ahead reaches the command it runs).
   */
  setTermios(old: Termios): void {
    const wasCanon = (old.lflag & ICANON) !== 0;
    if (wasCanon && !this.canonical) {
      for (const l of this.lines) this.raw.push(...l);
      this.raw.push(...this.line);
      this.lines = [];
      this.line = [];
    } else if (!wasCanon && this.canonical) {
      if (this.raw.length) this.lines.push(Uint8Array.from(this.raw));
      this.raw = [];
    }
    if (this.tty.stopped && !(this.t.iflag & IXON)) this.start();
    this.tty.readWait.wakeUp();
  }

  flushInput(): void {
    this.lines = [];
    this.line = [];
    this.raw = [];
    this.lnext = false;
  }
  flushOutput(): void { this.held = []; }
  /** TIOCOUTQ: output not yet on the device. */
  outq(): number { return this.held.length; }

  stop(): void { this.tty.stopped = true; }
  start(): void {
    if (!this.tty.stopped) return;
    this.tty.stopped = false;
    const held = this.held;
    this.held = [];
    if (held.length) this.tty.driver.write(this.tty, Uint8Array.from(held));
    this.tty.writeWait.wakeUp();
  }

  // ---- output ----

  /** write(2) on the terminal: post-process and send; waits while output is stopped. */
  async write(task: Task, from: IovIter, nonblock: boolean): Promise<number> {
    if (this.tty.stopped) {
      if (nonblock) throw new Errno(EAGAIN);
      await this.tty.writeWait.waitEvent(task, () => !this.tty.stopped || this.tty.hungUp);
    }
    const n = from.count;
    this.emit(from.copyIn(n), false);
    return n;
  }

  /** Output (program output or echo) through OPOST processing to the driver. */
  emit(data: Iterable<number>, isEcho: boolean): void {
    const out: number[] = [];
    const opost = (this.t.oflag & OPOST) !== 0;
    const o = this.t.oflag;
    for (let c of data) {
      if (opost) {
        if (c === NL) {
          if (o & ONLCR) { out.push(CR, NL); this.column = 0; continue; }
          if (o & ONLRET) this.column = 0;
          out.push(c);
          continue;
        }
        if (c === CR) {
          if ((o & ONOCR) && this.column === 0) continue;
          if (o & OCRNL) { c = NL; if (o & ONLRET) this.column = 0; out.push(c); continue; }
          this.column = 0;
          out.push(c);
          continue;
        }
        if (c === TAB) {
          const spaces = 8 - (this.column % 8);
          if ((o & TABDLY) === XTABS) for (let k = 0; k < spaces; k++) out.push(32);
          else out.push(c);
          this.column += spaces;
          continue;
        }
        if ((o & OLCUC) && c >= 97 && c <= 122) c -= 32;
      }
      if (c === BS) { if (this.column > 0) this.column--; }
      else if (c === CR || c === NL) this.column = 0;
      else if (c >= 32 && c !== DEL && (c & 0xc0) !== 0x80) this.column++;
      out.push(c);
    }
    if (out.length === 0) return;
    if (this.tty.stopped && !isEcho) { this.held.push(...out); return; }
    this.tty.driver.write(this.tty, Uint8Array.from(out));
  }
}
