// read(2), write(2), their vector and positioned forms, and lseek(2): the syscall layer checks
// descriptors and arguments; vfsRead and vfsWrite pick the file's operations.
import type { Task } from "../kernel/task.js";
import type { File } from "./file.js";
import { FMODE_PREAD, FMODE_PWRITE } from "./file.js";
import { IovIter } from "./iov_iter.js";
import { Errno, check } from "../kernel/errors.js";
import { EBADF, EINVAL, EISDIR, ESPIPE, EFAULT, EPIPE } from "../include/uapi/errno.js";
import { O_APPEND, O_PATH } from "../include/uapi/fcntl.js";
import { getUser64 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";
import { SIGPIPE } from "../include/uapi/signal.js";
import { sendSignal } from "../kernel/signal.js";

const MAX_RW_COUNT = 0x7ffff000;
const UIO_MAXIOV = 1024;

/** The end of a read or write: a negative result is an error; the file's offset moves on. */
function ioDone(file: File, p: { value: number }, advance: boolean, n: number): number {
  check(n);
  if (advance) file.pos = p.value;
  return n;
}

/** Read from file into iter at pos (the file's offset unless given). */
export function vfsRead(t: Task, file: File, iter: IovIter, pos?: { value: number }): number | Promise<number> {
  if (!file.readable || file.flags & O_PATH) throw new Errno(EBADF);
  const fop = file.fop;
  const p = pos ?? { value: file.pos };
  let r: number | Promise<number>;
  if (fop.readIter) r = fop.readIter(file, iter, p, t);
  else if (fop.read) {
    const seg = iter.userSegment();
    if (!seg) throw new Errno(EINVAL);
    r = fop.read(file, seg.base, seg.len, p, t);
  } else if (file.inode.isDir()) throw new Errno(EISDIR);
  else throw new Errno(EINVAL);
  if (typeof r === "number") return ioDone(file, p, pos === undefined, r);
  return r.then((n) => ioDone(file, p, pos === undefined, n));
}

/** A write that failed with EPIPE also raises SIGPIPE. */
function brokenPipe(t: Task, e: unknown): never {
  if (e instanceof Errno && e.errno === EPIPE) sendSignal(t, SIGPIPE, { pid: t.pid, uid: t.cred.uid, code: 0 });
  throw e;
}

/** Write iter to file at pos; O_APPEND writes at the end. A broken pipe raises SIGPIPE. */
export function vfsWrite(t: Task, file: File, iter: IovIter, pos?: { value: number }): number | Promise<number> {
  if (!file.writable || file.flags & O_PATH) throw new Errno(EBADF);
  const fop = file.fop;
  const p = pos ?? { value: file.flags & O_APPEND ? file.inode.size : file.pos };
  let r: number | Promise<number>;
  try {
    if (fop.writeIter) r = fop.writeIter(file, iter, p, t);
    else if (fop.write) {
      const seg = iter.userSegment();
      if (!seg) throw new Errno(EINVAL);
      r = fop.write(file, seg.base, seg.len, p, t);
    } else throw new Errno(EINVAL);
    if (typeof r === "number") return ioDone(file, p, pos === undefined, r);
  } catch (e) {
    return brokenPipe(t, e);
  }
  return r.then((n) => ioDone(file, p, pos === undefined, n), (e) => brokenPipe(t, e));
}

function count(n: number): number {
  if (n < 0) throw new Errno(EINVAL);
  return Math.min(n, MAX_RW_COUNT);
}

/** implements read(2) */
export function sys_read(t: Task, fd: number, buf: number, n: number): number | Promise<number> {
  const file = t.files.get(fd | 0);
  return vfsRead(t, file, IovIter.user(t.mm!, buf as UserPtr, count(n)));
}

/** implements write(2) */
export function sys_write(t: Task, fd: number, buf: number, n: number): number | Promise<number> {
  const file = t.files.get(fd | 0);
  return vfsWrite(t, file, IovIter.user(t.mm!, buf as UserPtr, count(n)));
}

function positioned(file: File, pos: number, mode: number): { value: number } {
  if (pos < 0) throw new Errno(EINVAL);
  if (!(file.mode & mode) || !file.fop.llseek) throw new Errno(ESPIPE);
  return { value: pos };
}

/** implements pread64(2) */
export function sys_pread64(t: Task, fd: number, buf: number, n: number, pos: number): number | Promise<number> {
  const file = t.files.get(fd | 0);
  if (!file.readable) throw new Errno(EBADF);
  return vfsRead(t, file, IovIter.user(t.mm!, buf as UserPtr, count(n)), positioned(file, pos, FMODE_PREAD));
}

/** implements pwrite64(2) */
export function sys_pwrite64(t: Task, fd: number, buf: number, n: number, pos: number): number | Promise<number> {
  const file = t.files.get(fd | 0);
  if (!file.writable) throw new Errno(EBADF);
  return vfsWrite(t, file, IovIter.user(t.mm!, buf as UserPtr, count(n)), positioned(file, pos, FMODE_PWRITE));
}

/** Read a struct iovec array. */
function iovec(t: Task, iov: number, cnt: number): IovIter {
  if (cnt < 0 || cnt > UIO_MAXIOV) throw new Errno(EINVAL);
  const segs: { base: number; len: number }[] = [];
  let total = 0;
  for (let i = 0; i < cnt; i++) {
    const base = getUser64(t.mm!, (iov + i * 16) as UserPtr);
    const len = getUser64(t.mm!, (iov + i * 16 + 8) as UserPtr);
    if (len < 0) throw new Errno(EINVAL);
    total += len;
    if (total > MAX_RW_COUNT) throw new Errno(EINVAL);
    if (len > 0 && base === 0) throw new Errno(EFAULT);
    segs.push({ base, len });
  }
  return IovIter.userVec(t.mm!, segs);
}

/** implements readv(2) */
export function sys_readv(t: Task, fd: number, iov: number, cnt: number): number | Promise<number> {
  const file = t.files.get(fd | 0);
  return vfsRead(t, file, iovec(t, iov, cnt));
}

/** implements writev(2) */
export function sys_writev(t: Task, fd: number, iov: number, cnt: number): number | Promise<number> {
  const file = t.files.get(fd | 0);
  return vfsWrite(t, file, iovec(t, iov, cnt));
}

/** implements lseek(2) */
export function sys_lseek(t: Task, fd: number, offset: number, whence: number): number {
  const file = t.files.get(fd | 0);
  if (!file.fop.llseek) throw new Errno(ESPIPE);
  const r = file.fop.llseek(file, offset, whence);
  return check(r);
}

export const syscalls = { sys_read, sys_write, sys_pread64, sys_pwrite64, sys_readv, sys_writev, sys_lseek };
