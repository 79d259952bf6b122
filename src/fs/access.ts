// access(2), faccessat(2), faccessat2(2): may the caller read, write or execute a file? The
// check uses the real uid and gid (what a setuid program's invoker could do) unless
// AT_EACCESS asks for the effective ones.
import type { Task } from "../kernel/task.js";
import { Errno } from "../kernel/errors.js";
import { EINVAL, EACCES, EROFS } from "../include/uapi/errno.js";
import { AT_FDCWD, AT_EACCESS, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH } from "../include/uapi/fcntl.js";
import { S_IFMT, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK } from "../include/uapi/stat.js";
import { permission } from "./namei.js";
import { userPathAt } from "./fdget.js";

const MS_NOEXEC = 8;

function isSpecial(mode: number): boolean {
  const type = mode & S_IFMT;
  return type === S_IFCHR || type === S_IFBLK || type === S_IFIFO || type === S_IFSOCK;
}

/** implements faccessat2(2) */
export function sys_faccessat2(t: Task, dirfd: number, pathname: number, mode: number, flags: number): number {
  if (mode & ~7) throw new Errno(EINVAL);
  if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new Errno(EINVAL);
  const saved = t.cred;
  if (!(flags & AT_EACCESS)) {
    const c = saved.clone();
    c.fsuid = c.uid;
    c.fsgid = c.gid;
    t.cred = c;
  }
  try {
    const p = userPathAt(t, dirfd, pathname, !(flags & AT_SYMLINK_NOFOLLOW), (flags & AT_EMPTY_PATH) !== 0);
    if (mode === 0) return 0;
    const inode = p.dentry.inode;
    if ((mode & 1) && inode.isReg() && (p.mnt.flags & MS_NOEXEC)) throw new Errno(EACCES);
    const writeCheck = (mode & 2) !== 0 && !isSpecial(inode.mode);
    if (writeCheck && p.mnt.sb.readonly) throw new Errno(EROFS);
    if (!permission(t, inode, mode)) throw new Errno(EACCES);
    if (writeCheck && (p.mnt.flags & 1)) throw new Errno(EROFS);
    return 0;
  } finally {
    t.cred = saved;
  }
}

/** implements faccessat(2) */
export function sys_faccessat(t: Task, dirfd: number, pathname: number, mode: number): number {
  return sys_faccessat2(t, dirfd, pathname, mode, 0);
}

/** implements access(2) */
export function sys_access(t: Task, pathname: number, mode: number): number {
  return sys_faccessat2(t, AT_FDCWD, pathname, mode, 0);
}

export const syscalls = { sys_access, sys_faccessat, sys_faccessat2 };
