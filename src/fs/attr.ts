// Changing a file's attributes: mode (chmod), owner (chown), size (truncate), times
// (utimensat, utimes, utime) and the task's umask. notifyChange holds Linux's rules on who may change what
// (setattr_prepare) and the bits that a change clears (setuid/setgid on chown).
import type { Task } from "../kernel/task.js";
import type { Inode, Path, Timespec } from "./inode.js";
import { nowTimespec } from "./inode.js";
import { Errno } from "../kernel/errors.js";
import { EPERM, EACCES, EINVAL, EISDIR, EFAULT, ETXTBSY, EOPNOTSUPP } from "../include/uapi/errno.js";
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH } from "../include/uapi/fcntl.js";
import { S_ISUID, S_ISGID, S_IXGRP } from "../include/uapi/stat.js";
import { permission, MAY_WRITE } from "./namei.js";
import { checkWritableMount } from "./open.js";
import { fdget, userPathAt } from "./fdget.js";
import { capable } from "../kernel/cred.js";
import { getUser64 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

const UTIME_NOW = (1 << 30) - 1;
const UTIME_OMIT = (1 << 30) - 2;

function isOwnerOrCapable(t: Task, inode: Inode): boolean {
  return t.cred.fsuid === inode.uid || capable(t.cred);
}

function inGroupOrCapable(t: Task, gid: number): boolean {
  return t.cred.inGroup(gid) || capable(t.cred);
}

/** chmod_common: only the owner or root; a setgid bit for a group the caller is not in is dropped. */
function chmodCommon(t: Task, p: Path, mode: number): number {
  checkWritableMount(p);
  const inode = p.dentry.inode;
  if (!isOwnerOrCapable(t, inode)) throw new Errno(EPERM);
  let m = mode & 0o7777;
  if (!inGroupOrCapable(t, inode.gid)) m &= ~S_ISGID;
  inode.mode = (inode.mode & ~0o7777) | m;
  inode.touchChange();
  inode.iop.setattr?.(inode);
  return 0;
}

/** implements fchmodat(2) */
export function sys_fchmodat(t: Task, dirfd: number, pathname: number, mode: number): number {
  return chmodCommon(t, userPathAt(t, dirfd, pathname, true), mode);
}

/** implements fchmodat2(2) */
export function sys_fchmodat2(t: Task, dirfd: number, pathname: number, mode: number, flags: number): number {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new Errno(EINVAL);
  const p = userPathAt(t, dirfd, pathname, !(flags & AT_SYMLINK_NOFOLLOW), (flags & AT_EMPTY_PATH) !== 0);
  if (p.dentry.inode.isLink()) throw new Errno(EOPNOTSUPP);
  return chmodCommon(t, p, mode);
}

/** implements chmod(2) */
export function sys_chmod(t: Task, pathname: number, mode: number): number {
  return sys_fchmodat(t, AT_FDCWD, pathname, mode);
}

/** implements fchmod(2) */
export function sys_fchmod(t: Task, fd: number, mode: number): number {
  return chmodCommon(t, fdget(t, fd).path, mode);
}

/**
 * chown_common: -1 leaves an id alone. Only root gives a file away; the owner may change the
 * group to one of its own groups. A non-directory loses setuid, and setgid when group-executable.
 */
function chownCommon(t: Task, p: Path, user: number, group: number): number {
  checkWritableMount(p);
  const inode = p.dentry.inode;
  const uid = user >>> 0, gid = group >>> 0;
  const setUid = uid !== 0xffffffff, setGid = gid !== 0xffffffff;
  if (setUid && !(t.cred.fsuid === inode.uid && uid === inode.uid) && !capable(t.cred)) throw new Errno(EPERM);
  if (setGid && !(t.cred.fsuid === inode.uid && (gid === inode.gid || t.cred.inGroup(gid))) && !capable(t.cred)) {
    throw new Errno(EPERM);
  }
  if (!inode.isDir()) {
    let kill = S_ISUID;
    if ((inode.mode & S_ISGID) && ((inode.mode & S_IXGRP) || !inGroupOrCapable(t, inode.gid))) kill |= S_ISGID;
    inode.mode &= ~kill;
  }
  if (setUid) inode.uid = uid;
  if (setGid) inode.gid = gid;
  inode.touchChange();
  inode.iop.setattr?.(inode);
  return 0;
}

/** implements fchownat(2) */
export function sys_fchownat(t: Task, dirfd: number, pathname: number, user: number, group: number, flags: number): number {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new Errno(EINVAL);
  const p = userPathAt(t, dirfd, pathname, !(flags & AT_SYMLINK_NOFOLLOW), (flags & AT_EMPTY_PATH) !== 0);
  return chownCommon(t, p, user, group);
}

/** implements chown(2) */
export function sys_chown(t: Task, pathname: number, user: number, group: number): number {
  return sys_fchownat(t, AT_FDCWD, pathname, user, group, 0);
}

/** implements lchown(2) */
export function sys_lchown(t: Task, pathname: number, user: number, group: number): number {
  return sys_fchownat(t, AT_FDCWD, pathname, user, group, AT_SYMLINK_NOFOLLOW);
}

/** implements fchown(2) */
export function sys_fchown(t: Task, fd: number, user: number, group: number): number {
  return chownCommon(t, fdget(t, fd).path, user, group);
}

/**
 * Set a regular file's size (do_truncate). As on a write, a caller other than root strips
 * setuid, and setgid when group-executable or not its group (setattr_should_drop_suidgid).
 */
function doTruncate(t: Task, inode: Inode, length: number): void {
  if (!inode.iop.setSize) throw new Errno(EPERM);
  inode.iop.setSize(inode, length);
  inode.size = length;
  if (!capable(t.cred)) {
    let kill = S_ISUID;
    if ((inode.mode & S_ISGID) && ((inode.mode & S_IXGRP) || !t.cred.inGroup(inode.gid))) kill |= S_ISGID;
    inode.mode &= ~kill;
  }
  inode.touchModify();
  inode.iop.setattr?.(inode);
}

/** implements truncate(2) */
export function sys_truncate(t: Task, pathname: number, length: number): number {
  if (length < 0) throw new Errno(EINVAL);
  const p = userPathAt(t, AT_FDCWD, pathname, true);
  const inode = p.dentry.inode;
  if (inode.isDir()) throw new Errno(EISDIR);
  if (!inode.isReg()) throw new Errno(EINVAL);
  checkWritableMount(p);
  if (!permission(t, inode, MAY_WRITE)) throw new Errno(EACCES);
  if (inode.execCount > 0) throw new Errno(ETXTBSY);
  doTruncate(t, inode, length);
  return 0;
}

/** implements ftruncate(2) */
export function sys_ftruncate(t: Task, fd: number, length: number): number {
  if (length < 0) throw new Errno(EINVAL);
  const f = fdget(t, fd);
  if (!f.inode.isReg() || !f.writable) throw new Errno(EINVAL);
  doTruncate(t, f.inode, length);
  return 0;
}

const nsecValid = (ns: number) => ns === UTIME_NOW || ns === UTIME_OMIT || (ns >= 0 && ns <= 999999999);

/** vfs_utimes: times null means both "now". Explicit times need ownership, "now" write access. */
function vfsUtimes(t: Task, p: Path, times: [Timespec, Timespec] | null): number {
  if (times) {
    if (!nsecValid(times[0].nsec) || !nsecValid(times[1].nsec)) throw new Errno(EINVAL);
    if (times[0].nsec === UTIME_NOW && times[1].nsec === UTIME_NOW) times = null;
  }
  checkWritableMount(p);
  const inode = p.dentry.inode;
  if (times) {
    if (!isOwnerOrCapable(t, inode)) throw new Errno(EPERM);
  } else if (!isOwnerOrCapable(t, inode) && !permission(t, inode, MAY_WRITE)) {
    throw new Errno(EACCES);
  }
  const now = nowTimespec();
  const pick = (ts: Timespec | undefined, old: Timespec) =>
    !ts || ts.nsec === UTIME_NOW ? now : ts.nsec === UTIME_OMIT ? old : { sec: ts.sec, nsec: ts.nsec };
  inode.atime = pick(times?.[0], inode.atime);
  inode.mtime = pick(times?.[1], inode.mtime);
  inode.ctime = now;
  inode.iop.setattr?.(inode);
  return 0;
}

/** do_utimes: a NULL path with a descriptor means that file; otherwise resolve the path. */
function doUtimes(t: Task, dirfd: number, pathname: number, times: [Timespec, Timespec] | null, flags: number): number {
  if (pathname === 0 && (dirfd | 0) !== AT_FDCWD) {
    if (flags !== 0) throw new Errno(EINVAL);
    return vfsUtimes(t, fdget(t, dirfd).path, times);
  }
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new Errno(EINVAL);
  if (pathname === 0) throw new Errno(EFAULT);
  const p = userPathAt(t, dirfd, pathname, !(flags & AT_SYMLINK_NOFOLLOW), (flags & AT_EMPTY_PATH) !== 0);
  return vfsUtimes(t, p, times);
}

/** Two 16-byte pairs (timespec or timeval) from user memory; the second field scaled to ns. */
function getTimes(t: Task, p: number, scale: number): [Timespec, Timespec] {
  const mm = t.mm!;
  return [0, 1].map((i) => ({
    sec: getUser64(mm, (p + 16 * i) as UserPtr),
    nsec: getUser64(mm, (p + 16 * i + 8) as UserPtr) * scale,
  })) as [Timespec, Timespec];
}

/** implements utimensat(2) */
export function sys_utimensat(t: Task, dirfd: number, pathname: number, utimes: number, flags: number): number {
  let times: [Timespec, Timespec] | null = null;
  if (utimes) {
    times = getTimes(t, utimes, 1);
    // Nothing to do: not even the path is checked.
    if (times[0].nsec === UTIME_OMIT && times[1].nsec === UTIME_OMIT) return 0;
  }
  return doUtimes(t, dirfd, pathname, times, flags);
}

/** implements futimesat(2): struct timeval times, microseconds in [0, 1000000). */
export function sys_futimesat(t: Task, dirfd: number, pathname: number, utimes: number): number {
  let times: [Timespec, Timespec] | null = null;
  if (utimes) {
    times = getTimes(t, utimes, 1);
    if (times.some((x) => x.nsec < 0 || x.nsec >= 1000000)) throw new Errno(EINVAL);
    for (const x of times) x.nsec *= 1000;
  }
  return doUtimes(t, dirfd, pathname, times, 0);
}

/** implements utimes(2) */
export function sys_utimes(t: Task, pathname: number, utimes: number): number {
  return sys_futimesat(t, AT_FDCWD, pathname, utimes);
}

/** implements utime(2): struct utimbuf { actime, modtime }, whole seconds. */
export function sys_utime(t: Task, pathname: number, buf: number): number {
  let times: [Timespec, Timespec] | null = null;
  if (buf) {
    const mm = t.mm!;
    times = [{ sec: getUser64(mm, buf as UserPtr), nsec: 0 }, { sec: getUser64(mm, (buf + 8) as UserPtr), nsec: 0 }];
  }
  return doUtimes(t, AT_FDCWD, pathname, times, 0);
}

/** implements umask(2): returns the previous mask. */
export function sys_umask(t: Task, mask: number): number {
  const old = t.fs.umask;
  t.fs.umask = mask & 0o777;
  return old;
}

export const syscalls = {
  sys_chmod, sys_fchmod, sys_fchmodat, sys_fchmodat2, sys_chown, sys_fchown, sys_lchown, sys_fchownat,
  sys_truncate, sys_ftruncate, sys_utimensat, sys_futimesat, sys_utimes, sys_utime, sys_umask,
};
