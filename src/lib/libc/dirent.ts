// <dirent.h>: directory streams over getdents64(2). A DIR keeps its descriptor and a buffer in
// the process's memory (from malloc); readdir decodes one struct linux_dirent64 at a time:
//   u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[] (NUL-terminated)
import { sys, then, dv, u8, type Sys, type Ptr } from "./internal/sys.js";
import { readCString } from "./internal/mem.js";
import { __set_errno } from "./errno.js";
import { EBADF, ENOMEM } from "../../include/uapi/errno.js";
import { O_RDONLY, O_DIRECTORY, O_CLOEXEC, O_NONBLOCK, F_GETFL, F_SETFD, FD_CLOEXEC, O_PATH, O_ACCMODE, SEEK_SET } from "../../include/uapi/fcntl.js";
import { open } from "./fcntl.js";
import { malloc, free } from "./malloc.js";
import { fstat, newStat, S_ISDIR } from "./sys/stat.js";
import { ENOTDIR } from "../../include/uapi/errno.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

export const DT_UNKNOWN = 0, DT_FIFO = 1, DT_CHR = 2, DT_DIR = 4, DT_BLK = 6, DT_REG = 8, DT_LNK = 10, DT_SOCK = 12, DT_WHT = 14;

export interface Dirent { d_ino: number; d_off: number; d_reclen: number; d_type: number; d_name: string }

const BUF_SIZE = 32768;

export interface DIR {
  readonly fd: number;
  buf: Ptr;
  /** Valid bytes in buf, and the next record's offset in it. */
  len: number;
  pos: number;
  closed: boolean;
}

function newDir(fd: number): Sys<DIR | null> {
  return then(malloc(BUF_SIZE), (buf) => {
    if (!buf) { __set_errno(ENOMEM); return null; }
    return { fd, buf, len: 0, pos: 0, closed: false };
  });
}

/** opendir(name): a directory stream, or null with errno. */
export function opendir(name: string | Ptr): Sys<DIR | null> {
  return then(open(name, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC), (fd) => {
    if (fd < 0) return null;
    return then(newDir(fd), (d) => (d ? d : then(sys(NR.__NR_close, fd), () => null)));
  });
}

/** fdopendir(fd): a stream over an open directory descriptor (which it then owns). */
export function fdopendir(fd: number): Sys<DIR | null> {
  const st = newStat();
  return then(fstat(fd, st), (r) => {
    if (r < 0) return null;
    if (!S_ISDIR(st.st_mode)) { __set_errno(ENOTDIR); return null; }
    return then(sys(NR.__NR_fcntl, fd, F_GETFL), (fl) => {
      if (fl < 0) return null;
      if ((fl & O_PATH) || (fl & O_ACCMODE) === 1) { __set_errno(EBADF); return null; }
      return then(sys(NR.__NR_fcntl, fd, F_SETFD, FD_CLOEXEC), () => newDir(fd));
    });
  });
}

/** readdir(dir): the next entry, or null at the end (errno unchanged) or on error (errno set). */
export function readdir(dir: DIR): Sys<Dirent | null> {
  if (dir.closed) { __set_errno(EBADF); return null; }
  if (dir.pos < dir.len) return next(dir);
  return then(sys(NR.__NR_getdents64, dir.fd, dir.buf, BUF_SIZE), (n) => {
    if (n <= 0) return null;
    dir.len = n;
    dir.pos = 0;
    return next(dir);
  });
}

function next(dir: DIR): Dirent {
  const p = dir.buf + dir.pos;
  const v = dv();
  const reclen = v.getUint16(p + 16, true);
  dir.pos += reclen;
  return {
    d_ino: Number(v.getBigUint64(p, true)),
    d_off: Number(v.getBigInt64(p + 8, true)),
    d_reclen: reclen,
    d_type: u8()[p + 18],
    d_name: readCString(p + 19, reclen - 19),
  };
}

/** closedir(dir): closes its descriptor and frees its buffer. */
export function closedir(dir: DIR): Sys {
  if (dir.closed) { __set_errno(EBADF); return -1; }
  dir.closed = true;
  return then(free(dir.buf), () => sys(NR.__NR_close, dir.fd));
}

/** rewinddir(dir): start again from the first entry. */
export function rewinddir(dir: DIR): Sys<void> {
  dir.len = dir.pos = 0;
  return then(sys(NR.__NR_lseek, dir.fd, 0, SEEK_SET), () => undefined);
}

export function dirfd(dir: DIR): number { return dir.fd; }

/** alphasort: scandir's comparison (strcoll in the C locale is byte order). */
export function alphasort(a: Dirent, b: Dirent): number {
  return a.d_name < b.d_name ? -1 : a.d_name > b.d_name ? 1 : 0;
}

/**
 * scandir(dir, filter, compar): the entries filter accepts, sorted by compar; -1 with errno
 * when the directory cannot be read.
 */
export async function scandir(path: string | Ptr, filter?: ((d: Dirent) => boolean) | null,
  compar?: ((a: Dirent, b: Dirent) => number) | null): Promise<Dirent[] | -1> {
  const d = await opendir(path);
  if (!d) return -1;
  const out: Dirent[] = [];
  for (;;) {
    const e = await readdir(d);
    if (!e) break;
    if (!filter || filter(e)) out.push(e);
  }
  await closedir(d);
  if (compar) out.sort(compar);
  return out;
}
