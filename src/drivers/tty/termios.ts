// struct termios and struct winsize: the flag bits and control-character slots of Linux's
// <asm-generic/termbits.h>, the defaults a new terminal starts with, and their encoding in
// user memory (the kernel's struct termios is 36 bytes: four flag words, c_line, c_cc[19]).
import { StructBuf } from "../../mm/uaccess.js";

// c_iflag
export const IGNBRK = 0o1, BRKINT = 0o2, IGNPAR = 0o4, PARMRK = 0o10, INPCK = 0o20, ISTRIP = 0o40, INLCR = 0o100,
  IGNCR = 0o200, ICRNL = 0o400, IUCLC = 0o1000, IXON = 0o2000, IXANY = 0o4000, IXOFF = 0o10000, IMAXBEL = 0o20000,
  IUTF8 = 0o40000;
// c_oflag
export const OPOST = 0o1, OLCUC = 0o2, ONLCR = 0o4, OCRNL = 0o10, ONOCR = 0o20, ONLRET = 0o40, TABDLY = 0o14000,
  XTABS = 0o14000;
// c_cflag
export const CBAUD = 0o10017, B38400 = 0o17, CSIZE = 0o60, CS8 = 0o60, CSTOPB = 0o100, CREAD = 0o200, PARENB = 0o400,
  HUPCL = 0o2000, CLOCAL = 0o4000;
// c_lflag
export const ISIG = 0o1, ICANON = 0o2, XCASE = 0o4, ECHO = 0o10, ECHOE = 0o20, ECHOK = 0o40, ECHONL = 0o100,
  NOFLSH = 0o200, TOSTOP = 0o400, ECHOCTL = 0o1000, ECHOPRT = 0o2000, ECHOKE = 0o4000, FLUSHO = 0o10000,
  PENDIN = 0o40000, IEXTEN = 0o100000, EXTPROC = 0o200000;
// c_cc slots
export const VINTR = 0, VQUIT = 1, VERASE = 2, VKILL = 3, VEOF = 4, VTIME = 5, VMIN = 6, VSWTC = 7, VSTART = 8,
  VSTOP = 9, VSUSP = 10, VEOL = 11, VREPRINT = 12, VDISCARD = 13, VWERASE = 14, VLNEXT = 15, VEOL2 = 16;
export const NCCS = 19;
/** sizeof(struct termios) as TCGETS/TCSETS copy it. */
export const TERMIOS_SIZE = 36;
/** tcflush queue selectors. */
export const TCIFLUSH = 0, TCOFLUSH = 1, TCIOFLUSH = 2;
/** A c_cc slot holding this value is disabled. */
export const DISABLED_CHAR = 0;

export interface Termios {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  line: number;
  cc: Uint8Array;
}

export interface Winsize { rows: number; cols: number; xpixel: number; ypixel: number }

/** ^C ^\ ^? ^U ^D, TIME 0, MIN 1, ^Q ^S ^Z, ^R ^O ^W ^V: Linux's INIT_C_CC. */
const INIT_CC = [3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0];

/** A new terminal's settings (Linux's tty_std_termios): ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD|HUPCL, ISIG|ICANON|ECHO... */
export function defaultTermios(): Termios {
  return {
    iflag: ICRNL | IXON,
    oflag: OPOST | ONLCR,
    cflag: B38400 | CS8 | CREAD | HUPCL,
    lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN | ECHOCTL | ECHOKE,
    line: 0,
    cc: Uint8Array.from(INIT_CC),
  };
}

export function copyTermios(t: Termios): Termios {
  return { ...t, cc: t.cc.slice() };
}

export function encodeTermios(t: Termios): Uint8Array {
  const b = new StructBuf(TERMIOS_SIZE);
  b.u32(0, t.iflag).u32(4, t.oflag).u32(8, t.cflag).u32(12, t.lflag).u8(16, t.line);
  b.bytes.set(t.cc.subarray(0, NCCS), 17);
  return b.bytes;
}

export function decodeTermios(b: Uint8Array): Termios {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return {
    iflag: v.getUint32(0, true), oflag: v.getUint32(4, true), cflag: v.getUint32(8, true), lflag: v.getUint32(12, true),
    line: b[16], cc: b.slice(17, 17 + NCCS),
  };
}

export const WINSIZE_SIZE = 8;
export function encodeWinsize(w: Winsize): Uint8Array {
  return new StructBuf(WINSIZE_SIZE).u16(0, w.rows).u16(2, w.cols).u16(4, w.xpixel).u16(6, w.ypixel).bytes;
}
export function decodeWinsize(b: Uint8Array): Winsize {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { rows: v.getUint16(0, true), cols: v.getUint16(2, true), xpixel: v.getUint16(4, true), ypixel: v.getUint16(6, true) };
}
