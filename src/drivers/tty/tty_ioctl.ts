// The terminal ioctls: termios (TCGETS, TCSETS[WF]), window size (TIOCGWINSZ, TIOCSWINSZ),
// job control (TIOCGPGRP, TIOCSPGRP, TIOCGSID, TIOCSCTTY, TIOCNOTTY), and the queues
// (FIONREAD/TIOCINQ, TIOCOUTQ, TCFLSH, TCXONC). Errors follow Linux's tty_jobctrl_ioctl.
import type { File } from "../../fs/file.js";
import type { Task } from "../../kernel/task.js";
import type { UserPtr } from "../../mm/mm.js";
import { copyFromUser, copyToUser, getUser32, putUser32 } from "../../mm/uaccess.js";
import { Errno } from "../../kernel/errors.js";
import { EINVAL, EIO, ENOTTY, EPERM, ESRCH } from "../../include/uapi/errno.js";
import { SIGWINCH } from "../../include/uapi/signal.js";
import { allTasks } from "../../kernel/pid.js";
import {
  TCGETS, TCSETS, TCSETSW, TCSETSF, TIOCGWINSZ, TIOCSWINSZ, TIOCGPGRP, TIOCSPGRP, TIOCSCTTY, TIOCNOTTY, TIOCGSID,
  FIONREAD, TIOCOUTQ, TCFLSH, TCXONC,
} from "../../include/uapi/ioctls.js";
import {
  TERMIOS_SIZE, WINSIZE_SIZE, TCIFLUSH, TCOFLUSH, TCIOFLUSH, VSTART, VSTOP, encodeTermios, decodeTermios,
  encodeWinsize, decodeWinsize, copyTermios,
} from "./termios.js";
import type { Tty } from "./tty.js";
import { ttyCheckChange, killPgrp, disassociateCtty, clearSessionTty } from "./tty_jobctrl.js";

const TCOOFF = 0, TCOON = 1, TCIOFF = 2, TCION = 3;

export function ttyIoctl(tty: Tty, file: File, cmd: number, arg: number, t: Task): number {
  const mm = t.mm!;
  const p = arg as UserPtr;
  switch (cmd) {
    case TCGETS:
      copyToUser(mm, p, encodeTermios(tty.termios));
      return 0;
    case TCSETS: case TCSETSW: case TCSETSF: {
      ttyCheckChange(t, tty);
      const next = decodeTermios(copyFromUser(mm, p, TERMIOS_SIZE));
      if (cmd === TCSETSF) tty.ldisc.flushInput();
      const old = copyTermios(tty.termios);
      tty.termios = next;
      tty.ldisc.setTermios(old);
      return 0;
    }
    case TIOCGWINSZ:
      copyToUser(mm, p, encodeWinsize(tty.winsize));
      return 0;
    case TIOCSWINSZ:
      if (tty.resize(decodeWinsize(copyFromUser(mm, p, WINSIZE_SIZE)))) killPgrp(tty.pgrp, SIGWINCH);
      return 0;
    case TIOCGPGRP:
      if (t.tty !== tty) throw new Errno(ENOTTY);
      putUser32(mm, p, tty.pgrp);
      return 0;
    case TIOCSPGRP: return setPgrp(tty, t, p);
    case TIOCGSID:
      if (t.tty !== tty || !tty.session) throw new Errno(ENOTTY);
      putUser32(mm, p, tty.session);
      return 0;
    case TIOCSCTTY: return setCtty(tty, file, t, arg);
    case TIOCNOTTY:
      if (t.tty !== tty) throw new Errno(ENOTTY);
      if (t.sid === t.pid) disassociateCtty(t);
      else t.tty = null;
      return 0;
    case FIONREAD:
      putUser32(mm, p, tty.ldisc.readable());
      return 0;
    case TIOCOUTQ:
      putUser32(mm, p, tty.ldisc.outq());
      return 0;
    case TCFLSH:
      ttyCheckChange(t, tty);
      if (arg === TCIFLUSH || arg === TCIOFLUSH) tty.ldisc.flushInput();
      if (arg === TCOFLUSH || arg === TCIOFLUSH) tty.ldisc.flushOutput();
      if (arg !== TCIFLUSH && arg !== TCOFLUSH && arg !== TCIOFLUSH) throw new Errno(EINVAL);
      return 0;
    case TCXONC:
      ttyCheckChange(t, tty);
      switch (arg) {
        case TCOOFF: tty.ldisc.stop(); return 0;
        case TCOON: tty.ldisc.start(); return 0;
        case TCIOFF: tty.ldisc.emit([tty.termios.cc[VSTOP]], false); return 0;
        case TCION: tty.ldisc.emit([tty.termios.cc[VSTART]], false); return 0;
      }
      throw new Errno(EINVAL);
  }
  throw new Errno(ENOTTY);
}

/** TIOCSPGRP: make pgrp (of the caller's session) the foreground group. */
function setPgrp(tty: Tty, t: Task, p: UserPtr): number {
  try {
    ttyCheckChange(t, tty);
  } catch (e) {
    if (e instanceof Errno && e.errno === EIO) throw new Errno(ENOTTY);
    throw e;
  }
  if (t.tty !== tty || tty.session !== t.sid) throw new Errno(ENOTTY);
  const pgrp = getUser32(t.mm!, p);
  if (pgrp < 0) throw new Errno(EINVAL);
  const members = [...allTasks()].filter((x) => x.pgid === pgrp && x.exitState !== "dead");
  if (members.length === 0) throw new Errno(ESRCH);
  if (members.some((x) => x.sid !== t.sid)) throw new Errno(EPERM);
  tty.pgrp = pgrp;
  return 0;
}

/** TIOCSCTTY: a session leader without a terminal takes this one (root may steal it with arg 1). */
function setCtty(tty: Tty, file: File, t: Task, arg: number): number {
  const leader = t.sid === t.pid;
  if (leader && tty.session === t.sid) return 0;
  if (!leader || t.tty) throw new Errno(EPERM);
  if (tty.session) {
    if (arg === 1 && t.cred.euid === 0) clearSessionTty(tty, tty.session);
    else throw new Errno(EPERM);
  }
  if (!file.readable && t.cred.euid !== 0) throw new Errno(EPERM);
  tty.attach(t);
  return 0;
}
