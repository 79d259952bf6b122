// stat(2) and its relatives: stat, fstat, lstat, newfstatat and statx. The attributes come from
// the inode (after getattr refreshes them); device numbers are given in the user encoding.
import type { Task } from "../kernel/task.js";
import type { Inode, Path } from "./inode.js";
import { Errno } from "../kernel/errors.js";
import { EINVAL } from "../include/uapi/errno.js";
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW, AT_NO_AUTOMOUNT, AT_EMPTY_PATH } from "../include/uapi/fcntl.js";
import { STAT, STAT_SIZE, MAJOR, MINOR, new_encode_dev } from "../include/uapi/stat.js";
import { StructBuf, copyStructToUser } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";
import { fdgetRaw, userPathAt } from "./fdget.js";

const AT_STATX_SYNC_TYPE = 0x6000;
const STATX_BASIC_STATS = 0x7ff;
const STATX__RESERVED = 0x80000000;
const STATX_ATTR_AUTOMOUNT = 0x1000, STATX_ATTR_MOUNT_ROOT = 0x2000, STATX_ATTR_DAX = 0x200000;
const STATX_SIZE = 256;

/** Blocks of 512 bytes a file occupies: whole pages for regular files' data, none otherwise. */
export function inodeBlocks(inode: Inode): number {
  // Pseudo filesystems (proc, sysfs) own no storage: their files say 0 blocks whatever their size.
  if (!inode.isReg() || inode.sb.dynamic) return 0;
  return Math.ceil(inode.size / 4096) * 8;
}

/** The attributes of inode as struct stat (cp_new_stat). */
export function fillStat(inode: Inode): StructBuf {
  inode.iop.getattr?.(inode);
  const b = new StructBuf(STAT_SIZE);
  b.i64(STAT.st_dev, new_encode_dev(inode.sb.dev))
    .i64(STAT.st_ino, inode.ino)
    .i64(STAT.st_nlink, inode.nlink)
    .u32(STAT.st_mode, inode.mode)
    .u32(STAT.st_uid, inode.uid)
    .u32(STAT.st_gid, inode.gid)
    .i64(STAT.st_rdev, new_encode_dev(inode.rdev))
    .i64(STAT.st_size, inode.size)
    .i64(STAT.st_blksize, inode.blksize)
    .i64(STAT.st_blocks, inodeBlocks(inode))
    .i64(STAT.st_atime, inode.atime.sec).i64(STAT.st_atime_nsec, inode.atime.nsec)
    .i64(STAT.st_mtime, inode.mtime.sec).i64(STAT.st_mtime_nsec, inode.mtime.nsec)
    .i64(STAT.st_ctime, inode.ctime.sec).i64(STAT.st_ctime_nsec, inode.ctime.nsec);
  return b;
}

function statPath(t: Task, p: Path, buf: number): number {
  copyStructToUser(t.mm!, buf as UserPtr, fillStat(p.dentry.inode));
  return 0;
}

/** implements stat(2) */
export function sys_newstat(t: Task, pathname: number, buf: number): number {
  return statPath(t, userPathAt(t, AT_FDCWD, pathname, true), buf);
}

/** implements lstat(2) */
export function sys_newlstat(t: Task, pathname: number, buf: number): number {
  return statPath(t, userPathAt(t, AT_FDCWD, pathname, false), buf);
}

/** implements fstat(2) */
export function sys_newfstat(t: Task, fd: number, buf: number): number {
  return statPath(t, fdgetRaw(t, fd).path, buf);
}

/** implements newfstatat(2) (fstatat in glibc) */
export function sys_newfstatat(t: Task, dirfd: number, pathname: number, buf: number, flags: number): number {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) throw new Errno(EINVAL);
  const p = userPathAt(t, dirfd, pathname, !(flags & AT_SYMLINK_NOFOLLOW), (flags & AT_EMPTY_PATH) !== 0);
  return statPath(t, p, buf);
}

function putTimestamp(b: StructBuf, off: number, ts: { sec: number; nsec: number }): void {
  b.i64(off, ts.sec).u32(off + 8, ts.nsec);
}

/** implements statx(2): the basic fields (STATX_BASIC_STATS) and the mount-root attribute. */
export function sys_statx(t: Task, dirfd: number, pathname: number, flags: number, mask: number, buf: number): number {
  if ((mask >>> 0) & STATX__RESERVED) throw new Errno(EINVAL);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) throw new Errno(EINVAL);
  if ((flags & AT_STATX_SYNC_TYPE) === AT_STATX_SYNC_TYPE) throw new Errno(EINVAL);
  const p = userPathAt(t, dirfd, pathname, !(flags & AT_SYMLINK_NOFOLLOW), (flags & AT_EMPTY_PATH) !== 0);
  const inode = p.dentry.inode;
  inode.iop.getattr?.(inode);
  const b = new StructBuf(STATX_SIZE);
  const mountRoot = p.dentry === p.mnt.root;
  b.u32(0, STATX_BASIC_STATS)
    .u32(4, inode.blksize)
    .i64(8, mountRoot ? STATX_ATTR_MOUNT_ROOT : 0)
    .u32(16, inode.nlink)
    .u32(20, inode.uid)
    .u32(24, inode.gid)
    .u16(28, inode.mode & 0xffff)
    .i64(32, inode.ino)
    .i64(40, inode.size)
    .i64(48, inodeBlocks(inode))
    .i64(56, STATX_ATTR_AUTOMOUNT | STATX_ATTR_MOUNT_ROOT | STATX_ATTR_DAX);
  putTimestamp(b, 64, inode.atime);
  putTimestamp(b, 96, inode.ctime);
  putTimestamp(b, 112, inode.mtime);
  b.u32(128, MAJOR(inode.rdev)).u32(132, MINOR(inode.rdev))
    .u32(136, MAJOR(inode.sb.dev)).u32(140, MINOR(inode.sb.dev));
  copyStructToUser(t.mm!, buf as UserPtr, b);
  return 0;
}

export const syscalls = { sys_newstat, sys_newlstat, sys_newfstat, sys_newfstatat, sys_statx };
