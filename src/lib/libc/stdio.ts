// <stdio.h>: streams (fopen, fdopen, fclose, fread, fwrite, fgets, fgetc, ungetc, fputc,
// fputs, puts, getline, getdelim, fflush, fseek, ftell, rewind, feof, ferror, clearerr,
// fileno, setvbuf), the printf family (formatting in stdio_printf.ts), perror, remove,
// rename and tmpfile. Every call returns a value or a promise of one (await it).
import { then, sys, scoped, u8, libcState, type Sys, type Ptr } from "./internal/sys.js";
import { decode, encode } from "./internal/mem.js";
import { __set_errno, __errno_location, strerror } from "./errno.js";
import { EINVAL, EISDIR, EEXIST, EBADF } from "../../include/uapi/errno.js";
import {
  O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, O_EXCL, O_CLOEXEC, O_ACCMODE, F_GETFL, F_SETFL,
  SEEK_SET, SEEK_CUR, AT_FDCWD, AT_REMOVEDIR,
} from "../../include/uapi/fcntl.js";
import { close, lseek, write, unlink } from "./unistd.js";
import { open } from "./fcntl.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";
import {
  FILE, EOF, BUFSIZ, _IOFBF, _IOLBF, _IONBF, stdin, stdout, stderr, stream, registerStream, unregisterStream,
  flushFile, flushAll, putBytes, getByte, readUntil, fill,
} from "./stdio_file.js";
import { formatBytes, byteStringToBytes, format } from "./stdio_printf.js";

export { FILE, EOF, BUFSIZ, _IOFBF, _IOLBF, _IONBF, stdin, stdout, stderr, format };
export { SEEK_SET, SEEK_CUR, SEEK_END } from "../../include/uapi/fcntl.js";
export const FILENAME_MAX = 4096, L_tmpnam = 20, TMP_MAX = 238328, P_tmpdir = "/tmp";

/** fopen's mode string as open(2) flags, or -1 when it is invalid. */
export function modeFlags(mode: string): number {
  let flags: number;
  switch (mode[0]) {
    case "r": flags = O_RDONLY; break;
    case "w": flags = O_WRONLY | O_CREAT | O_TRUNC; break;
    case "a": flags = O_WRONLY | O_CREAT | O_APPEND; break;
    default: return -1;
  }
  for (const c of mode.slice(1)) {
    if (c === "+") flags = (flags & ~O_ACCMODE) | O_RDWR;
    else if (c === "e") flags |= O_CLOEXEC;
    else if (c === "x") flags |= O_EXCL;
    else if (c === "b" || c === "t" || c === "m" || c === "c") continue;
    else break;
  }
  return flags;
}

function newStream(fd: number, flags: number): FILE {
  const acc = flags & O_ACCMODE;
  const f = new FILE(fd, acc !== O_WRONLY, acc !== O_RDONLY, null);
  registerStream(f);
  return f;
}

/** fopen(path, mode): a stream, or null with errno. */
export function fopen(path: string | Ptr, mode: string): Sys<FILE | null> {
  const flags = modeFlags(mode);
  if (flags < 0) { __set_errno(EINVAL); return null; }
  return then(open(path, flags, 0o666), (fd) => (fd < 0 ? null : newStream(fd, flags)));
}

/** fdopen(fd, mode): a stream over an open descriptor; the mode must fit its access mode. */
export function fdopen(fd: number, mode: string): Sys<FILE | null> {
  const flags = modeFlags(mode);
  if (flags < 0) { __set_errno(EINVAL); return null; }
  return then(sys(NR.__NR_fcntl, fd, F_GETFL), (fl) => {
    if (fl < 0) return null;
    const have = fl & O_ACCMODE, want = flags & O_ACCMODE;
    if (have !== O_RDWR && have !== want) { __set_errno(EINVAL); return null; }
    const app = flags & O_APPEND && !(fl & O_APPEND) ? sys(NR.__NR_fcntl, fd, F_SETFL, fl | O_APPEND) : 0;
    return then(app, () => newStream(fd, flags));
  });
}

/** fclose(f): flush, close; 0 or EOF. */
export function fclose(file: FILE): Sys {
  const f = stream(file);
  if (f.fd < 0) { __set_errno(EBADF); return EOF; }
  return then(f.writable ? flushFile(f) : 0, (r) => {
    const fd = f.fd;
    f.fd = -1;
    unregisterStream(f);
    return then(close(fd), (c) => (r < 0 || c < 0 ? EOF : 0));
  });
}

/** fflush(f), or every output stream when f is null. */
export function fflush(file: FILE | null): Sys {
  if (file === null) return flushAll();
  const f = stream(file);
  if (!f.writable) return f.fd < 0 ? (__set_errno(EBADF), EOF) : 0;
  return flushFile(f);
}

const bytesOf = (x: string | Uint8Array) => (typeof x === "string" ? encode(x) : x);

/** fwrite(buf, size, n, f): buf is an address, bytes or a string; the number of items written. */
export function fwrite(buf: Ptr | Uint8Array | string, size: number, n: number, file: FILE): Sys {
  const total = size * n;
  if (total === 0) return 0;
  const data = typeof buf === "number" ? u8().slice(buf, buf + total) : bytesOf(buf).subarray(0, total);
  return then(putBytes(stream(file), data), (r) => (r < 0 ? 0 : Math.floor(data.length / size)));
}

/** fread(buf, size, n, f): buf is an address or a Uint8Array; the number of whole items read. */
export function fread(buf: Ptr | Uint8Array, size: number, n: number, file: FILE): Sys {
  const f = stream(file);
  const total = size * n;
  if (total === 0) return 0;
  const out = new Uint8Array(total);
  let got = 0;
  const step = (): Sys => {
    while (got < total && f.ungot.length) out[got++] = f.ungot.pop()!;
    if (got < total && f.rpos < f.rbuf.length) {
      const k = Math.min(total - got, f.rbuf.length - f.rpos);
      out.set(f.rbuf.subarray(f.rpos, f.rpos + k), got);
      f.rpos += k;
      got += k;
    }
    if (got >= total) return finish();
    return then(fill(f), (r) => (r <= 0 ? finish() : step()));
  };
  const finish = () => {
    if (typeof buf === "number") u8().set(out.subarray(0, got), buf);
    else buf.set(out.subarray(0, Math.min(got, buf.length)));
    return Math.floor(got / size);
  };
  return step();
}

/** fgetc(f): the next byte (0-255), or EOF. */
export function fgetc(file: FILE): Sys { return getByte(stream(file)); }
export const getc = fgetc;
export function getchar(): Sys { return fgetc(stdin); }

/** ungetc(c, f): push c back; returns c, or EOF when c is EOF. */
export function ungetc(c: number, file: FILE): number {
  if (c === EOF) return EOF;
  const f = stream(file);
  f.ungot.push(c & 0xff);
  f.eof = false;
  return c & 0xff;
}

/**
 * fgets(n, f): the next line (with its newline), at most n-1 bytes, or null at end of file or
 * on error. fgets(buf, n, f) with an address stores it NUL-terminated and returns buf or null.
 */
export function fgets(n: number, file: FILE): Sys<string | null>;
export function fgets(buf: Ptr, n: number, file: FILE): Sys<number | null>;
export function fgets(a: number, b: number | FILE, c?: FILE): Sys<string | number | null> {
  const buf = c === undefined ? null : a;
  const n = c === undefined ? a : (b as number);
  const f = stream(c ?? (b as FILE));
  if (n <= 0) { __set_errno(EINVAL); return null; }
  if (n === 1) {
    if (buf !== null) { u8()[buf] = 0; return buf; }
    return "";
  }
  return then(readUntil(f, 10, n - 1), (line) => {
    if (line === null) return null;
    if (buf === null) return decode(line);
    u8().set(line, buf);
    u8()[buf + line.length] = 0;
    return buf;
  });
}

/** getdelim(delim, f): the next record including delim, or null at end (or on error). */
export function getdelim(delim: number | string, file: FILE): Sys<string | null> {
  const d = typeof delim === "string" ? delim.charCodeAt(0) : delim;
  return then(readUntil(stream(file), d), (b) => (b === null ? null : decode(b)));
}
/** getline(f): the next line including its newline, or null at end of file (or on error). */
export function getline(file: FILE): Sys<string | null> { return getdelim(10, file); }

/** fputc(c, f): writes the byte c; returns it, or EOF. */
export function fputc(c: number | string, file: FILE): Sys {
  const b = typeof c === "string" ? c.charCodeAt(0) & 0xff : c & 0xff;
  return then(putBytes(stream(file), Uint8Array.of(b)), (r) => (r < 0 ? EOF : b));
}
export const putc = fputc;
export function putchar(c: number | string): Sys { return fputc(c, stdout); }

/** fputs(s, f): a non-negative number, or EOF. */
export function fputs(s: string | Ptr, file: FILE): Sys {
  const data = typeof s === "number" ? byteStringToBytes(formatBytes("%s", [s])) : encode(s);
  return then(putBytes(stream(file), data), (r) => (r < 0 ? EOF : 1));
}
/** puts(s): s and a newline on stdout. */
export function puts(s: string | Ptr): Sys {
  return then(fputs(s, stdout), (r) => (r < 0 ? EOF : then(fputc(10, stdout), (c) => (c < 0 ? EOF : 1))));
}

function errText(): string { return strerror(__errno_location()); }

/** vfprintf(f, fmt, args): the number of bytes written, or -1. */
export function vfprintf(file: FILE, fmt: string | Ptr, args: readonly unknown[]): Sys {
  const out = byteStringToBytes(formatBytes(fmt, args, errText()));
  return then(putBytes(stream(file), out), (r) => (r < 0 ? -1 : out.length));
}
export function fprintf(file: FILE, fmt: string | Ptr, ...args: unknown[]): Sys { return vfprintf(file, fmt, args); }
export function printf(fmt: string | Ptr, ...args: unknown[]): Sys { return vfprintf(stdout, fmt, args); }
export function vprintf(fmt: string | Ptr, args: readonly unknown[]): Sys { return vfprintf(stdout, fmt, args); }

/** vdprintf(fd, fmt, args): formatted output straight to a descriptor. */
export function vdprintf(fd: number, fmt: string | Ptr, args: readonly unknown[]): Sys {
  const out = byteStringToBytes(formatBytes(fmt, args, errText()));
  return then(write(fd, out), (r) => (r < 0 ? -1 : out.length));
}
export function dprintf(fd: number, fmt: string | Ptr, ...args: unknown[]): Sys { return vdprintf(fd, fmt, args); }

/** sprintf(fmt, ...args): the formatted string (JavaScript has no buffer to overflow). */
export function sprintf(fmt: string | Ptr, ...args: unknown[]): string { return format(fmt, args, errText()); }
export function vsprintf(fmt: string | Ptr, args: readonly unknown[]): string { return format(fmt, args, errText()); }
export const asprintf = sprintf;

/**
 * vsnprintf(buf, size, fmt, args): store at most size-1 bytes and a NUL at the address buf;
 * returns the length the whole output has (C99), whether or not it fitted.
 */
export function vsnprintf(buf: Ptr, size: number, fmt: string | Ptr, args: readonly unknown[]): number {
  const out = byteStringToBytes(formatBytes(fmt, args, errText()));
  if (size > 0 && buf) {
    const n = Math.min(out.length, size - 1);
    u8().set(out.subarray(0, n), buf);
    u8()[buf + n] = 0;
  }
  return out.length;
}
export function snprintf(buf: Ptr, size: number, fmt: string | Ptr, ...args: unknown[]): number {
  return vsnprintf(buf, size, fmt, args);
}

/** fseek(f, offset, whence): 0, or -1 with errno. */
export function fseek(file: FILE, offset: number, whence: number): Sys {
  const f = stream(file);
  return then(f.writable ? flushFile(f) : 0, (r) => {
    if (r < 0) return -1;
    const unread = f.rbuf.length - f.rpos + f.ungot.length;
    const off = whence === SEEK_CUR ? offset - unread : offset;
    return then(lseek(f.fd, off, whence), (p) => {
      if (p < 0) return -1;
      f.rbuf = new Uint8Array(0); f.rpos = 0; f.ungot = []; f.eof = false;
      return 0;
    });
  });
}
export const fseeko = fseek;

/** ftell(f): the stream's position, counting buffered data; -1 with errno. */
export function ftell(file: FILE): Sys {
  const f = stream(file);
  return then(lseek(f.fd, 0, SEEK_CUR), (p) => (p < 0 ? -1 : p - (f.rbuf.length - f.rpos) - f.ungot.length + f.wbuf.length));
}
export const ftello = ftell;

export function rewind(file: FILE): Sys<void> {
  const f = stream(file);
  return then(fseek(f, 0, SEEK_SET), () => { f.err = false; });
}

export function feof(file: FILE): number { return stream(file).eof ? 1 : 0; }
export function ferror(file: FILE): number { return stream(file).err ? 1 : 0; }
export function clearerr(file: FILE): void { const f = stream(file); f.eof = f.err = false; }
export function fileno(file: FILE): number {
  const f = stream(file);
  if (f.fd < 0) { __set_errno(EBADF); return -1; }
  return f.fd;
}

/** setvbuf(f, buf, mode, size): buf is ignored (the buffer is libc's); 0, or nonzero if invalid. */
export function setvbuf(file: FILE, _buf: Ptr | null, mode: number, size: number): number {
  const f = stream(file);
  if (mode !== _IOFBF && mode !== _IOLBF && mode !== _IONBF) { __set_errno(EINVAL); return EOF; }
  f.mode = mode;
  f.bufSize = mode === _IONBF ? 1 : size > 0 ? size : BUFSIZ;
  return 0;
}
export function setbuf(file: FILE, buf: Ptr | null): void { setvbuf(file, buf, buf ? _IOFBF : _IONBF, BUFSIZ); }
export function setlinebuf(file: FILE): void { setvbuf(file, null, _IOLBF, 0); }

/** perror(s): "s: <strerror(errno)>\n" on stderr ("<strerror>\n" when s is empty). */
export function perror(s?: string | null): Sys<void> {
  const text = strerror(__errno_location());
  const msg = s ? `${s}: ${text}\n` : `${text}\n`;
  return then(flushFile(stream(stderr)), () => then(write(2, msg), () => undefined));
}

/** remove(path): unlink a file, or rmdir a directory. */
export function remove(path: string | Ptr): Sys {
  return then(unlink(path), (r) => {
    if (r === 0 || __errno_location() !== EISDIR) return r;
    return scoped((s) => sys(NR.__NR_unlinkat, AT_FDCWD, s.str(path), AT_REMOVEDIR));
  });
}

export function rename(oldpath: string | Ptr, newpath: string | Ptr): Sys {
  return scoped((s) => sys(NR.__NR_rename, s.str(oldpath), s.str(newpath)));
}
export function renameat(olddirfd: number, oldpath: string | Ptr, newdirfd: number, newpath: string | Ptr): Sys {
  return scoped((s) => sys(NR.__NR_renameat, olddirfd, s.str(oldpath), newdirfd, s.str(newpath)));
}

/** tmpfile(): an anonymous read/write stream, gone when closed (a file in /tmp, unlinked). */
export async function tmpfile(): Promise<FILE | null> {
  const st = libcState();
  for (let i = 0; i < 100; i++) {
    st.tmpSeq = ((st.tmpSeq as number | undefined) ?? 0) + 1;
    const name = `/tmp/tmpf${Date.now().toString(36).slice(-4)}${(st.tmpSeq as number).toString(36)}${i}`;
    const fd = await open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600);
    if (fd < 0) {
      if (__errno_location() === EEXIST) continue;
      return null;
    }
    await unlink(name);
    return newStream(fd, O_RDWR);
  }
  return null;
}
