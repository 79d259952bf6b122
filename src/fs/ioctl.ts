// ioctl(2): the commands every file understands (close-on-exec, non-blocking mode, bytes left in
// a regular file, block size) are answered here; the rest go to the file's unlockedIoctl, and a
// file without one, or a driver that does not know the command (ENOIOCTLCMD), gives ENOTTY.
import type { Task } from "../kernel/task.js";
import type { File } from "./file.js";
import { fdget } from "./fdget.js";
import { Errno, check } from "../kernel/errors.js";
import { ENOTTY, ENOIOCTLCMD } from "../include/uapi/errno.js";
import { O_NONBLOCK, O_ASYNC } from "../include/uapi/fcntl.js";
import { FIOCLEX, FIONCLEX, FIONBIO, FIONREAD } from "../include/uapi/ioctls.js";
import { getUser32, putUser32, putUser64 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

export const FIOASYNC = 0x5452;
export const FIOQSIZE = 0x5460;
export const FIGETBSZ = 2;

function setFlag(file: File, flag: number, on: boolean): void {
  file.flags = on ? file.flags | flag : file.flags & ~flag;
}

/** The generic commands (do_vfs_ioctl); null when the file's own ioctl is to decide. */
function vfsIoctl(t: Task, fd: number, file: File, cmd: number, arg: number): number | null {
  const inode = file.inode;
  switch (cmd) {
    case FIOCLEX: t.files.setCloexec(fd, true); return 0;
    case FIONCLEX: t.files.setCloexec(fd, false); return 0;
    case FIONBIO: setFlag(file, O_NONBLOCK, getUser32(t.mm!, arg as UserPtr) !== 0); return 0;
    case FIOASYNC: {
      const on = getUser32(t.mm!, arg as UserPtr) !== 0;
      // Typix files have no fasync operation: asking for a change is ENOTTY, as Linux answers it.
      if (on !== ((file.flags & O_ASYNC) !== 0)) throw new Errno(ENOTTY);
      return 0;
    }
    case FIOQSIZE:
      if (!inode.isDir() && !inode.isReg() && !inode.isLink()) throw new Errno(ENOTTY);
      putUser64(t.mm!, arg as UserPtr, inode.size);
      return 0;
    case FIGETBSZ:
      putUser32(t.mm!, arg as UserPtr, inode.blksize);
      return 0;
    case FIONREAD:
      if (!inode.isReg()) return null;
      putUser32(t.mm!, arg as UserPtr, Math.max(0, inode.size - file.pos));
      return 0;
  }
  return null;
}

/** implements ioctl(2) */
export function sys_ioctl(t: Task, fd: number, cmd: number, arg: number): number | Promise<number> {
  fd |= 0;
  const file = fdget(t, fd);
  cmd >>>= 0;
  const r = vfsIoctl(t, fd, file, cmd, arg);
  if (r !== null) return r;
  const op = file.fop.unlockedIoctl;
  if (!op) throw new Errno(ENOTTY);
  const done = (v: number) => {
    if (v === -ENOIOCTLCMD) throw new Errno(ENOTTY);
    return check(v);
  };
  const fail = (e: unknown): never => {
    if (e instanceof Errno && e.errno === ENOIOCTLCMD) throw new Errno(ENOTTY);
    throw e;
  };
  let v: number | Promise<number>;
  try {
    v = op(file, cmd, arg, t);
  } catch (e) {
    return fail(e);
  }
  return typeof v === "number" ? done(v) : v.then(done, fail);
}

export const syscalls = { sys_ioctl };
