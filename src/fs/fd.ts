// Calls on descriptors themselves: dup(2), dup2(2), dup3(2), fcntl(2) and close_range(2).
// A descriptor names an open file; dup makes another name for the same open file (shared offset
// and status flags), while the close-on-exec flag belongs to the descriptor.
import type { Task } from "../kernel/task.js";
import type { File } from "./file.js";
import { fget } from "./file_table.js";
import { Errno } from "../kernel/errors.js";
import { EBADF, EINVAL, EPERM, ESRCH } from "../include/uapi/errno.js";
import {
  O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT, O_NOATIME, O_CLOEXEC, O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_PATH,
  F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETLK, F_SETLK, F_SETLKW, F_SETOWN, F_GETOWN,
  F_GETPIPE_SZ, F_SETPIPE_SZ, FD_CLOEXEC,
} from "../include/uapi/fcntl.js";
import { fcntlGetlk, fcntlSetlk, F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW } from "./locks.js";
import { getPipeInfo, pipeSetSize } from "./pipe.js";
import { findTask, allTasks } from "../kernel/pid.js";
import { capable } from "../kernel/cred.js";

export const CLOSE_RANGE_UNSHARE = 1 << 1;
export const CLOSE_RANGE_CLOEXEC = 1 << 2;

/** The status flags fcntl(F_SETFL) may change. */
const SETFL_MASK = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;

/** The owner of an open file's SIGIO/SIGURG (F_SETOWN): a pid, or a process group when negative. */
const fileOwners = new WeakMap<File, number>();

function nofile(t: Task): number { return t.files.max; }

/** implements dup(2) */
export function sys_dup(t: Task, oldfd: number): number {
  const file = t.files.get(oldfd | 0);
  return t.files.install(fget(file));
}

async function doDup3(t: Task, oldfd: number, newfd: number, cloexec: boolean): Promise<number> {
  if (newfd < 0 || newfd >= nofile(t)) throw new Errno(EBADF);
  const file = t.files.get(oldfd);
  await t.files.installAt(newfd, fget(file), cloexec);
  return newfd;
}

/** implements dup2(2) */
export function sys_dup2(t: Task, oldfd: number, newfd: number): number | Promise<number> {
  oldfd |= 0;
  newfd |= 0;
  if (oldfd === newfd) {
    t.files.get(oldfd);
    return newfd;
  }
  return doDup3(t, oldfd, newfd, false);
}

/** implements dup3(2) */
export function sys_dup3(t: Task, oldfd: number, newfd: number, flags: number): Promise<number> {
  if (flags & ~O_CLOEXEC) throw new Errno(EINVAL);
  if ((oldfd | 0) === (newfd | 0)) throw new Errno(EINVAL);
  return doDup3(t, oldfd | 0, newfd | 0, (flags & O_CLOEXEC) !== 0);
}

/** F_DUPFD(_CLOEXEC): the lowest free descriptor >= arg. */
function dupfd(t: Task, file: File, arg: number, cloexec: boolean): number {
  if (arg < 0 || arg >= nofile(t)) throw new Errno(EINVAL);
  return t.files.install(fget(file), cloexec, arg);
}

/** F_GETFL: the access mode and status flags (never the open-time-only ones). */
export function fileStatusFlags(file: File): number {
  return file.flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
}

function setfl(t: Task, file: File, arg: number): number {
  if (arg & O_NOATIME && !(file.flags & O_NOATIME) && t.cred.fsuid !== file.inode.uid && !capable(t.cred)) {
    throw new Errno(EPERM);
  }
  if (arg & O_DIRECT && !file.inode.isReg()) throw new Errno(EINVAL);
  file.flags = (arg & SETFL_MASK) | (file.flags & ~SETFL_MASK);
  return 0;
}

function setown(t: Task, file: File, who: number): number {
  if (who !== 0) {
    const id = Math.abs(who);
    const exists = who > 0 ? findTask(id) !== undefined : [...allTasks()].some((p) => p.pgid === id);
    if (!exists) throw new Errno(ESRCH);
  }
  void t;
  fileOwners.set(file, who);
  return 0;
}

/** The commands an O_PATH descriptor accepts (check_fcntl_cmd). */
function pathCmdOk(cmd: number): boolean {
  return cmd === F_DUPFD || cmd === F_DUPFD_CLOEXEC || cmd === F_GETFD || cmd === F_SETFD || cmd === F_GETFL;
}

/** implements fcntl(2) */
export function sys_fcntl(t: Task, fd: number, cmd: number, arg: number): number | Promise<number> {
  const file = t.files.get(fd | 0);
  cmd |= 0;
  if (file.flags & O_PATH && !pathCmdOk(cmd)) throw new Errno(EBADF);
  switch (cmd) {
    case F_DUPFD: return dupfd(t, file, arg, false);
    case F_DUPFD_CLOEXEC: return dupfd(t, file, arg, true);
    case F_GETFD: return t.files.getCloexec(fd | 0) ? FD_CLOEXEC : 0;
    case F_SETFD: t.files.setCloexec(fd | 0, (arg & FD_CLOEXEC) !== 0); return 0;
    case F_GETFL: return fileStatusFlags(file);
    case F_SETFL: return setfl(t, file, arg);
    case F_GETLK: return fcntlGetlk(t, file, arg, false);
    case F_SETLK: return fcntlSetlk(t, file, arg, false, false);
    case F_SETLKW: return fcntlSetlk(t, file, arg, false, true);
    case F_OFD_GETLK: return fcntlGetlk(t, file, arg, true);
    case F_OFD_SETLK: return fcntlSetlk(t, file, arg, true, false);
    case F_OFD_SETLKW: return fcntlSetlk(t, file, arg, true, true);
    case F_GETOWN: return fileOwners.get(file) ?? 0;
    case F_SETOWN: return setown(t, file, arg | 0);
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ: {
      const pipe = getPipeInfo(file);
      if (!pipe) throw new Errno(EBADF);
      return cmd === F_GETPIPE_SZ ? pipe.capacity : pipeSetSize(t, pipe, arg < 0 ? Infinity : arg);
    }
    default: throw new Errno(EINVAL);
  }
}

/** implements close_range(2) */
export async function sys_close_range(t: Task, first: number, last: number, flags: number): Promise<number> {
  first >>>= 0;
  last >>>= 0;
  if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) throw new Errno(EINVAL);
  if (first > last) throw new Errno(EINVAL);
  for (const fd of t.files.list()) {
    if (fd < first || fd > last) continue;
    if (flags & CLOSE_RANGE_CLOEXEC) t.files.setCloexec(fd, true);
    else await t.files.close(fd);
  }
  return 0;
}

export const syscalls = { sys_dup, sys_dup2, sys_dup3, sys_fcntl, sys_close_range };
