// The stream core of <stdio.h>: FILE objects with their buffers, per process. stdin, stdout
// and stderr are handles that stand for the calling process's own streams (many processes
// share this module on the kernel's thread). stdout is line-buffered on a terminal and fully
// buffered otherwise; stderr is unbuffered. The first use of stdio registers an atexit
// handler that flushes every stream, so exit() and returning from main flush.
import { then, libcState, type Sys } from "./internal/sys.js";
import { write, read, lseek, isatty } from "./unistd.js";
import { __set_errno } from "./errno.js";
import { EBADF } from "../../include/uapi/errno.js";
import { SEEK_CUR } from "../../include/uapi/fcntl.js";

export const EOF = -1;
export const BUFSIZ = 8192;
export const _IOFBF = 0, _IOLBF = 1, _IONBF = 2;
/** The buffer size of a fully buffered stream (a file system's block size). */
const FULL_BUF = 4096;

export class FILE {
  /** -1 once closed. */
  fd: number;
  readable: boolean;
  writable: boolean;
  /** Buffering mode; null until decided at the first use (isatty for stdout). */
  mode: number | null;
  bufSize: number;
  /** Output waiting to be written. */
  wbuf: number[] = [];
  /** Input read ahead, and the position of the next unread byte in it. */
  rbuf: Uint8Array = new Uint8Array(0);
  rpos = 0;
  /** Bytes pushed back by ungetc (last pushed is next read). */
  ungot: number[] = [];
  eof = false;
  err = false;
  constructor(fd: number, readable: boolean, writable: boolean, mode: number | null, readonly std = -1) {
    this.fd = fd;
    this.readable = readable;
    this.writable = writable;
    this.mode = mode;
    this.bufSize = mode === _IONBF ? 1 : FULL_BUF;
  }
}

/** The standard streams: resolved to the calling process's own FILE at each use. */
class StdHandle extends FILE {}
export const stdin: FILE = new StdHandle(0, true, false, null, 0);
export const stdout: FILE = new StdHandle(1, false, true, null, 1);
export const stderr: FILE = new StdHandle(2, false, true, _IONBF, 2);

interface StdioState { std: FILE[]; open: Set<FILE> }

function stdioState(): StdioState {
  const st = libcState();
  if (st.stdio) return st.stdio as StdioState;
  const s: StdioState = {
    std: [new FILE(0, true, false, null, 0), new FILE(1, false, true, null, 1), new FILE(2, false, true, _IONBF, 2)],
    open: new Set(),
  };
  for (const f of s.std) s.open.add(f);
  st.stdio = s;
  (st.atexit ??= []).unshift(() => flushAll());
  return s;
}

/** The process's FILE behind f (its own stdin/stdout/stderr for the shared handles). */
export function stream(f: FILE): FILE {
  return f instanceof StdHandle ? stdioState().std[f.std] : f;
}

export function registerStream(f: FILE): void { stdioState().open.add(f); }
export function unregisterStream(f: FILE): void { stdioState().open.delete(f); }

/** Decide the buffering mode at first use: line-buffered on a terminal. */
function decideMode(f: FILE): Sys<void> {
  if (f.mode !== null) return;
  return then(isatty(f.fd), (tty) => {
    if (f.mode === null) f.mode = tty ? _IOLBF : _IOFBF;
  });
}

/** Write out f's buffer; 0, or EOF with the error flag set. */
export function flushFile(f: FILE): Sys {
  if (f.fd < 0) { __set_errno(EBADF); return EOF; }
  if (f.wbuf.length === 0) return 0;
  const data = Uint8Array.from(f.wbuf);
  f.wbuf = [];
  return writeAll(f, data);
}

function writeAll(f: FILE, data: Uint8Array): Sys {
  let off = 0;
  const step = (): Sys => {
    if (off >= data.length) return 0;
    return then(write(f.fd, data.subarray(off)), (n) => {
      if (n < 0) { f.err = true; return EOF; }
      off += n;
      return step();
    });
  };
  return step();
}

/** fflush(NULL): every open output stream. */
export function flushAll(): Sys {
  const list = [...stdioState().open].filter((f) => f.writable && f.wbuf.length);
  let result = 0;
  const step = (i: number): Sys => {
    if (i >= list.length) return result;
    return then(flushFile(list[i]), (r) => { if (r < 0) result = EOF; return step(i + 1); });
  };
  return step(0);
}

/** Append bytes to f, writing out as its buffering mode requires. Returns 0 or EOF. */
export function putBytes(f: FILE, data: Uint8Array): Sys {
  if (f.fd < 0 || !f.writable) { f.err = true; __set_errno(EBADF); return EOF; }
  return then(decideMode(f), () => then(dropReadAhead(f), () => {
    if (f.mode === _IONBF) return then(flushFile(f), (r) => (r < 0 ? r : writeAll(f, data)));
    for (const b of data) f.wbuf.push(b);
    if (f.wbuf.length >= f.bufSize) return flushFile(f);
    if (f.mode === _IOLBF && data.includes(10)) return flushFile(f);
    return 0;
  }));
}

/** Switching from reading to writing: give back read-ahead by seeking (r+ streams). */
function dropReadAhead(f: FILE): Sys<void> {
  const unread = f.rbuf.length - f.rpos + f.ungot.length;
  if (unread === 0) return;
  f.rbuf = new Uint8Array(0); f.rpos = 0; f.ungot = [];
  return then(lseek(f.fd, -unread, SEEK_CUR), () => undefined);
}

/** Refill f's read buffer; the number of bytes now available (0 at end of file, -1 on error). */
export function fill(f: FILE): Sys {
  if (f.ungot.length || f.rpos < f.rbuf.length) return f.ungot.length + f.rbuf.length - f.rpos;
  if (f.fd < 0 || !f.readable) { f.err = true; __set_errno(EBADF); return -1; }
  // Reading a terminal first shows what line-buffered streams hold (a prompt), as glibc does.
  const own = stdioState().std[1];
  const pre = own.mode === _IOLBF && own.wbuf.length ? flushFile(own) : 0;
  return then(pre, () => then(f.writable ? flushFile(f) : 0, () => {
    const buf = new Uint8Array(f.mode === _IONBF ? 1 : BUFSIZ);
    return then(read(f.fd, buf), (n) => {
      if (n < 0) { f.err = true; return -1; }
      if (n === 0) { f.eof = true; return 0; }
      f.rbuf = buf.subarray(0, n);
      f.rpos = 0;
      return n;
    });
  }));
}

/** The next byte, or EOF. */
export function getByte(f: FILE): Sys {
  if (f.ungot.length) return f.ungot.pop()!;
  if (f.rpos < f.rbuf.length) return f.rbuf[f.rpos++];
  return then(fill(f), (n) => (n <= 0 ? EOF : getByte(f)));
}

/** Read up to and including delim (or to the end); null when nothing was read. */
export function readUntil(f: FILE, delim: number, max = Infinity): Sys<Uint8Array | null> {
  const out: number[] = [];
  const step = (): Sys<Uint8Array | null> => {
    while (out.length < max) {
      if (f.ungot.length) {
        const b = f.ungot.pop()!;
        out.push(b);
        if (b === delim) return Uint8Array.from(out);
        continue;
      }
      if (f.rpos < f.rbuf.length) {
        const end = f.rbuf.indexOf(delim, f.rpos);
        const stop = Math.min(end < 0 ? f.rbuf.length : end + 1, f.rpos + (max - out.length));
        for (let i = f.rpos; i < stop; i++) out.push(f.rbuf[i]);
        f.rpos = stop;
        if (end >= 0 && stop === end + 1) return Uint8Array.from(out);
        continue;
      }
      return then(fill(f), (n) => (n <= 0 ? (out.length ? Uint8Array.from(out) : null) : step()));
    }
    return Uint8Array.from(out);
  };
  return step();
}
