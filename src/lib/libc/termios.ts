// <termios.h>: tcgetattr, tcsetattr, cfmakeraw, speeds, tcflush, tcdrain over the TCGETS
// family of ioctls. struct termios (60 bytes): c_iflag, c_oflag, c_cflag, c_lflag (u32 each),
// c_line (u8), c_cc[19] (u8), then c_ispeed, c_ospeed (u32) at 52 and 56.
import { sys, scoped, then, dv, u8, type Sys } from "./internal/sys.js";
import { __set_errno } from "./errno.js";
import { EINVAL } from "../../include/uapi/errno.js";
import { TCGETS, TCSETS, TCSETSW, TCSETSF, TCFLSH, TCXONC } from "../../include/uapi/ioctls.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

export const NCCS = 19;
export const VINTR = 0, VQUIT = 1, VERASE = 2, VKILL = 3, VEOF = 4, VTIME = 5, VMIN = 6, VSWTC = 7, VSTART = 8,
  VSTOP = 9, VSUSP = 10, VEOL = 11, VREPRINT = 12, VDISCARD = 13, VWERASE = 14, VLNEXT = 15, VEOL2 = 16;
export const IGNBRK = 0o1, BRKINT = 0o2, IGNPAR = 0o4, PARMRK = 0o10, INPCK = 0o20, ISTRIP = 0o40, INLCR = 0o100,
  IGNCR = 0o200, ICRNL = 0o400, IUCLC = 0o1000, IXON = 0o2000, IXANY = 0o4000, IXOFF = 0o10000, IMAXBEL = 0o20000, IUTF8 = 0o40000;
export const OPOST = 0o1, OLCUC = 0o2, ONLCR = 0o4, OCRNL = 0o10, ONOCR = 0o20, ONLRET = 0o40;
export const CSIZE = 0o60, CS5 = 0, CS6 = 0o20, CS7 = 0o40, CS8 = 0o60, CSTOPB = 0o100, CREAD = 0o200, PARENB = 0o400,
  PARODD = 0o1000, HUPCL = 0o2000, CLOCAL = 0o4000, CBAUD = 0o10017;
export const ISIG = 0o1, ICANON = 0o2, ECHO = 0o10, ECHOE = 0o20, ECHOK = 0o40, ECHONL = 0o100, NOFLSH = 0o200,
  TOSTOP = 0o400, ECHOCTL = 0o1000, ECHOPRT = 0o2000, ECHOKE = 0o4000, IEXTEN = 0o100000;
export const TCSANOW = 0, TCSADRAIN = 1, TCSAFLUSH = 2;
export const TCIFLUSH = 0, TCOFLUSH = 1, TCIOFLUSH = 2, TCOOFF = 0, TCOON = 1, TCIOFF = 2, TCION = 3;
export const B0 = 0, B50 = 1, B75 = 2, B110 = 3, B134 = 4, B150 = 5, B200 = 6, B300 = 7, B600 = 8, B1200 = 9,
  B1800 = 10, B2400 = 11, B4800 = 12, B9600 = 13, B19200 = 14, B38400 = 15, B57600 = 0o10001, B115200 = 0o10002;

export interface Termios {
  c_iflag: number; c_oflag: number; c_cflag: number; c_lflag: number; c_line: number;
  c_cc: Uint8Array; c_ispeed: number; c_ospeed: number;
}

export function newTermios(): Termios {
  return { c_iflag: 0, c_oflag: 0, c_cflag: 0, c_lflag: 0, c_line: 0, c_cc: new Uint8Array(NCCS), c_ispeed: 0, c_ospeed: 0 };
}

/** tcgetattr(fd, t): fills t; 0, or -1 with errno (ENOTTY for a non-terminal). */
export function tcgetattr(fd: number, t: Termios): Sys {
  return scoped((s) => {
    const p = s.buf(60);
    return then(sys(NR.__NR_ioctl, fd, TCGETS, p), (r) => {
      if (r === 0) {
        const v = dv();
        t.c_iflag = v.getUint32(p, true); t.c_oflag = v.getUint32(p + 4, true);
        t.c_cflag = v.getUint32(p + 8, true); t.c_lflag = v.getUint32(p + 12, true);
        t.c_line = u8()[p + 16];
        t.c_cc = u8().slice(p + 17, p + 17 + NCCS);
        t.c_ispeed = v.getUint32(p + 52, true); t.c_ospeed = v.getUint32(p + 56, true);
      }
      return r;
    });
  });
}

/** tcsetattr(fd, when, t): TCSANOW, TCSADRAIN or TCSAFLUSH. */
export function tcsetattr(fd: number, when: number, t: Termios): Sys {
  const req = when === TCSANOW ? TCSETS : when === TCSADRAIN ? TCSETSW : when === TCSAFLUSH ? TCSETSF : -1;
  if (req < 0) { __set_errno(EINVAL); return -1; }
  return scoped((s) => {
    const p = s.buf(60);
    const v = dv();
    v.setUint32(p, t.c_iflag, true); v.setUint32(p + 4, t.c_oflag, true);
    v.setUint32(p + 8, t.c_cflag, true); v.setUint32(p + 12, t.c_lflag, true);
    u8()[p + 16] = t.c_line;
    u8().set(t.c_cc.subarray(0, NCCS), p + 17);
    v.setUint32(p + 52, t.c_ispeed, true); v.setUint32(p + 56, t.c_ospeed, true);
    return sys(NR.__NR_ioctl, fd, req, p);
  });
}

/** cfmakeraw(t): no echo, no canonical mode, no signals, 8-bit characters. */
export function cfmakeraw(t: Termios): void {
  t.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  t.c_oflag &= ~OPOST;
  t.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  t.c_cflag = (t.c_cflag & ~(CSIZE | PARENB)) | CS8;
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
}

export function cfgetospeed(t: Termios): number { return t.c_cflag & CBAUD; }
export function cfgetispeed(t: Termios): number { return t.c_cflag & CBAUD; }
export function cfsetospeed(t: Termios, speed: number): number {
  if (speed & ~CBAUD) { __set_errno(EINVAL); return -1; }
  t.c_cflag = (t.c_cflag & ~CBAUD) | speed;
  return 0;
}
export const cfsetispeed = cfsetospeed;
export function cfsetspeed(t: Termios, speed: number): number { return cfsetospeed(t, speed); }

export function tcflush(fd: number, queue: number): Sys { return sys(NR.__NR_ioctl, fd, TCFLSH, queue); }
export function tcflow(fd: number, action: number): Sys { return sys(NR.__NR_ioctl, fd, TCXONC, action); }
/** tcdrain(fd): wait until output is written (TCSBRK with a nonzero argument). */
export function tcdrain(fd: number): Sys { return sys(NR.__NR_ioctl, fd, 0x5409, 1); }
