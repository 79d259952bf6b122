// The tty core's object: one terminal (struct tty_struct). It holds the settings (termios,
// window size), the session it controls and its foreground process group, the line discipline
// that cooks input and output (n_tty.ts), and the driver that moves bytes to the device. A
// driver delivers typed bytes with tty.receive(); the line discipline hands output back to the
// driver's write().
import type { Task } from "../../kernel/task.js";
import { WaitQueue } from "../../kernel/wait.js";
import { defaultTermios, type Termios, type Winsize } from "./termios.js";
import { NTty } from "./n_tty.js";

/** What a tty driver provides (struct tty_operations, the part Typix needs). */
export interface TtyDriverOps {
  /** Put bytes on the device (already processed by the line discipline). */
  write(tty: Tty, data: Uint8Array): void;
}

export class Tty {
  termios: Termios = defaultTermios();
  winsize: Winsize = { rows: 24, cols: 80, xpixel: 0, ypixel: 0 };
  /** The session this terminal controls (its leader's pid), 0 for none. */
  session = 0;
  /** The foreground process group, 0 for none. */
  pgrp = 0;
  /** Readers sleep here for input; writers for output to restart (^Q). */
  readonly readWait = new WaitQueue();
  readonly writeWait = new WaitQueue();
  /** Output stopped by ^S (or TCOOFF). */
  stopped = false;
  /** The device went away (a hung-up terminal reads end of file). */
  hungUp = false;
  /** Open files on this terminal. */
  count = 0;
  readonly ldisc: NTty;

  constructor(readonly name: string, readonly dev: number, readonly driver: TtyDriverOps) {
    this.ldisc = new NTty(this);
  }

  /** Bytes typed on the device: through the line discipline into the read buffer. */
  receive(data: Uint8Array): void {
    this.ldisc.receiveBuf(data);
  }

  /** Resize (TIOCSWINSZ, the host terminal's resize); the foreground group gets SIGWINCH. */
  resize(ws: Winsize): boolean {
    const w = this.winsize;
    if (w.rows === ws.rows && w.cols === ws.cols && w.xpixel === ws.xpixel && w.ypixel === ws.ypixel) return false;
    this.winsize = { ...ws };
    return true;
  }

  /** Make this terminal the controlling terminal of t's session (t must lead it). */
  attach(t: Task): void {
    this.session = t.sid;
    this.pgrp = t.pgid;
    t.tty = this;
  }
}
