// The calls that change directories: mkdir, mknod, symlink, link, unlink, rmdir, rename and
// readlink, each with its *at form. The checks come in Linux's order (path, existence,
// read-only mount, cross-device, permission, type); the filesystem then does the change and
// the dentry cache is kept in step with it (removed names dropped, renamed dentries moved).
import type { Task } from "../kernel/task.js";
import { Dentry, type Path, type Inode } from "./inode.js";
import { Errno } from "../kernel/errors.js";
import {
  EEXIST, ENOENT, EPERM, EINVAL, EISDIR, ENOTDIR, EBUSY, ENOTEMPTY, EXDEV, EACCES,
} from "../include/uapi/errno.js";
import {
  AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_FOLLOW, AT_EMPTY_PATH, RENAME_NOREPLACE, RENAME_EXCHANGE,
} from "../include/uapi/fcntl.js";
import { S_IFMT, S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK, S_IFDIR, new_decode_dev } from "../include/uapi/stat.js";
import {
  pathParent, lookupChild, mayCreate, mayDelete, inodeInitOwner, isSubdir, permission, MAY_WRITE,
} from "./namei.js";
import { atStart, getPath, checkWritableMount } from "./open.js";
import { userPathAt } from "./fdget.js";
import { capable } from "../kernel/cred.js";
import { copyToUser, encodeUtf8 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

const RENAME_WHITEOUT = 4;

const isSpecialName = (name: string) => name === "" || name === "." || name === "..";

/**
 * The parent and name where a new entry will go (filename_create): EEXIST if the name is
 * taken (a dangling symlink too) or is "/", "." or "..", ENOENT for "name/" unless a
 * directory is being made, EROFS on a read-only mount. Permission is the caller's next check.
 */
function createTarget(t: Task, dirfd: number, pathname: number, isDir: boolean): { dir: Path; name: string } {
  const path = getPath(t, pathname);
  const { dir, name, trailingSlash } = pathParent(t, atStart(t, dirfd, path), path);
  if (isSpecialName(name)) throw new Errno(EEXIST);
  if (lookupChild(t, dir.dentry, name)) throw new Errno(EEXIST);
  if (trailingSlash && !isDir) throw new Errno(ENOENT);
  checkWritableMount(dir);
  return { dir, name };
}

/** Put a new inode into the dentry cache under dir. */
function addDentry(dir: Path, name: string, inode: Inode): void {
  dir.dentry.children.set(name, new Dentry(name, dir.dentry, inode));
}

/** implements mkdirat(2) */
export function sys_mkdirat(t: Task, dirfd: number, pathname: number, mode: number): number {
  const { dir, name } = createTarget(t, dirfd, pathname, true);
  const di = dir.dentry.inode;
  mayCreate(t, di);
  if (!di.iop.mkdir) throw new Errno(EPERM);
  const inode = di.iop.mkdir(di, name, mode & 0o1777 & ~t.fs.umask, t);
  inodeInitOwner(t, di, inode);
  addDentry(dir, name, inode);
  return 0;
}

/** implements mkdir(2) */
export function sys_mkdir(t: Task, pathname: number, mode: number): number {
  return sys_mkdirat(t, AT_FDCWD, pathname, mode);
}

/** implements mknodat(2): regular files, device nodes (root only), fifos and sockets. */
export function sys_mknodat(t: Task, dirfd: number, pathname: number, mode: number, dev: number): number {
  let type = mode & S_IFMT;
  switch (type) {
    case 0: type = S_IFREG; break;
    case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK: break;
    case S_IFDIR: throw new Errno(EPERM);
    default: throw new Errno(EINVAL);
  }
  const { dir, name } = createTarget(t, dirfd, pathname, false);
  const di = dir.dentry.inode;
  mayCreate(t, di);
  const perm = mode & 0o7777 & ~t.fs.umask;
  let inode: Inode;
  if (type === S_IFREG) {
    if (!di.iop.create) throw new Errno(EPERM);
    inode = di.iop.create(di, name, perm, t);
  } else {
    if ((type === S_IFCHR || type === S_IFBLK) && !capable(t.cred)) throw new Errno(EPERM);
    if (!di.iop.mknod) throw new Errno(EPERM);
    const rdev = type === S_IFCHR || type === S_IFBLK ? new_decode_dev(dev >>> 0) : 0;
    inode = di.iop.mknod(di, name, type | perm, rdev, t);
  }
  inodeInitOwner(t, di, inode);
  addDentry(dir, name, inode);
  return 0;
}

/** implements mknod(2) */
export function sys_mknod(t: Task, pathname: number, mode: number, dev: number): number {
  return sys_mknodat(t, AT_FDCWD, pathname, mode, dev);
}

/** implements symlinkat(2) */
export function sys_symlinkat(t: Task, target: number, newdirfd: number, linkpath: number): number {
  const to = getPath(t, target);
  if (to === "") throw new Errno(ENOENT);
  const { dir, name } = createTarget(t, newdirfd, linkpath, false);
  const di = dir.dentry.inode;
  mayCreate(t, di);
  if (!di.iop.symlink) throw new Errno(EPERM);
  const inode = di.iop.symlink(di, name, to, t);
  inodeInitOwner(t, di, inode);
  addDentry(dir, name, inode);
  return 0;
}

/** implements symlink(2) */
export function sys_symlink(t: Task, target: number, linkpath: number): number {
  return sys_symlinkat(t, target, AT_FDCWD, linkpath);
}

/** implements linkat(2) */
export function sys_linkat(t: Task, olddirfd: number, oldpath: number, newdirfd: number, newpath: number, flags: number): number {
  if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) throw new Errno(EINVAL);
  const old = userPathAt(t, olddirfd, oldpath, (flags & AT_SYMLINK_FOLLOW) !== 0,
    (flags & AT_EMPTY_PATH) !== 0 && capable(t.cred));
  const { dir, name } = createTarget(t, newdirfd, newpath, false);
  if (old.mnt !== dir.mnt) throw new Errno(EXDEV);
  const di = dir.dentry.inode;
  const inode = old.dentry.inode;
  mayCreate(t, di);
  if (di.sb !== inode.sb) throw new Errno(EXDEV);
  if (!di.iop.link) throw new Errno(EPERM);
  if (inode.isDir()) throw new Errno(EPERM);
  if (inode.nlink === 0) throw new Errno(ENOENT);
  di.iop.link(inode, di, name, t);
  addDentry(dir, name, inode);
  return 0;
}

/** implements link(2) */
export function sys_link(t: Task, oldpath: number, newpath: number): number {
  return sys_linkat(t, AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

function doUnlink(t: Task, dirfd: number, pathname: number): number {
  const path = getPath(t, pathname);
  const { dir, name, trailingSlash } = pathParent(t, atStart(t, dirfd, path), path);
  if (isSpecialName(name)) throw new Errno(EISDIR);
  checkWritableMount(dir);
  const victim = lookupChild(t, dir.dentry, name);
  if (trailingSlash) {
    if (!victim) throw new Errno(ENOENT);
    throw new Errno(victim.inode.isDir() ? EISDIR : ENOTDIR);
  }
  if (!victim) throw new Errno(ENOENT);
  const di = dir.dentry.inode;
  mayDelete(t, di, victim, false);
  if (victim.mounted) throw new Errno(EBUSY);
  if (!di.iop.unlink) throw new Errno(EPERM);
  di.iop.unlink(di, name, t);
  dir.dentry.children.delete(name);
  return 0;
}

function doRmdir(t: Task, dirfd: number, pathname: number): number {
  const path = getPath(t, pathname);
  const { dir, name } = pathParent(t, atStart(t, dirfd, path), path);
  if (name === ".") throw new Errno(EINVAL);
  if (name === "..") throw new Errno(ENOTEMPTY);
  if (name === "") throw new Errno(EBUSY);
  checkWritableMount(dir);
  const victim = lookupChild(t, dir.dentry, name);
  if (!victim) throw new Errno(ENOENT);
  const di = dir.dentry.inode;
  mayDelete(t, di, victim, true);
  if (victim.mounted) throw new Errno(EBUSY);
  if (!di.iop.rmdir) throw new Errno(EPERM);
  di.iop.rmdir(di, name, t);
  dir.dentry.children.delete(name);
  return 0;
}

/** implements unlinkat(2) */
export function sys_unlinkat(t: Task, dirfd: number, pathname: number, flags: number): number {
  if (flags & ~AT_REMOVEDIR) throw new Errno(EINVAL);
  return flags & AT_REMOVEDIR ? doRmdir(t, dirfd, pathname) : doUnlink(t, dirfd, pathname);
}

/** implements unlink(2) */
export function sys_unlink(t: Task, pathname: number): number {
  return doUnlink(t, AT_FDCWD, pathname);
}

/** implements rmdir(2) */
export function sys_rmdir(t: Task, pathname: number): number {
  return doRmdir(t, AT_FDCWD, pathname);
}

/** implements renameat2(2) */
export function sys_renameat2(t: Task, olddirfd: number, oldpath: number, newdirfd: number, newpath: number, flags: number): number {
  if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) throw new Errno(EINVAL);
  if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) && (flags & RENAME_EXCHANGE)) throw new Errno(EINVAL);
  if ((flags & RENAME_WHITEOUT) && !capable(t.cred)) throw new Errno(EPERM);
  const exchange = (flags & RENAME_EXCHANGE) !== 0;
  const op = getPath(t, oldpath);
  const from = pathParent(t, atStart(t, olddirfd, op), op);
  const np = getPath(t, newpath);
  const to = pathParent(t, atStart(t, newdirfd, np), np);
  if (from.dir.mnt !== to.dir.mnt) throw new Errno(EXDEV);
  if (isSpecialName(from.name)) throw new Errno(EBUSY);
  if (isSpecialName(to.name)) throw new Errno(flags & RENAME_NOREPLACE ? EEXIST : EBUSY);
  checkWritableMount(from.dir);

  const src = lookupChild(t, from.dir.dentry, from.name);
  if (!src) throw new Errno(ENOENT);
  const dst = lookupChild(t, to.dir.dentry, to.name);
  if ((flags & RENAME_NOREPLACE) && dst) throw new Errno(EEXIST);
  if (exchange) {
    if (!dst) throw new Errno(ENOENT);
    if (!dst.inode.isDir() && to.trailingSlash) throw new Errno(ENOTDIR);
  }
  if (!src.inode.isDir()) {
    if (from.trailingSlash) throw new Errno(ENOTDIR);
    if (to.trailingSlash && !exchange) throw new Errno(ENOTDIR);
  }
  const oldDir = from.dir.dentry, newDir = to.dir.dentry;
  if (oldDir !== newDir) {
    if (isSubdir(newDir, src)) throw new Errno(EINVAL);
    if (dst && isSubdir(oldDir, dst)) throw new Errno(exchange ? EINVAL : ENOTEMPTY);
  }
  if (dst && dst.inode === src.inode) return 0;

  const isDir = src.inode.isDir();
  const newIsDir = dst?.inode.isDir() ?? false;
  mayDelete(t, oldDir.inode, src, isDir);
  if (!dst) mayCreate(t, newDir.inode);
  else mayDelete(t, newDir.inode, dst, exchange ? newIsDir : isDir);
  const rename = oldDir.inode.iop.rename;
  if (!rename) throw new Errno(EPERM);
  if (oldDir !== newDir) {
    // A directory that changes parent has its ".." rewritten: it must be writable.
    if (isDir && !permission(t, src.inode, MAY_WRITE)) throw new Errno(EACCES);
    if (exchange && newIsDir && !permission(t, dst!.inode, MAY_WRITE)) throw new Errno(EACCES);
  }
  if (src.mounted || dst?.mounted) throw new Errno(EBUSY);
  // The filesystems' rename replaces or moves; exchanging and whiteouts they do not offer.
  if (flags & (RENAME_EXCHANGE | RENAME_WHITEOUT)) throw new Errno(EINVAL);
  rename(oldDir.inode, from.name, newDir.inode, to.name, flags, t);

  if (dst) newDir.children.delete(to.name);
  oldDir.children.delete(from.name);
  src.name = to.name;
  src.parent = newDir;
  newDir.children.set(to.name, src);
  return 0;
}

/** implements renameat(2) */
export function sys_renameat(t: Task, olddirfd: number, oldpath: number, newdirfd: number, newpath: number): number {
  return sys_renameat2(t, olddirfd, oldpath, newdirfd, newpath, 0);
}

/** implements rename(2) */
export function sys_rename(t: Task, oldpath: number, newpath: number): number {
  return sys_renameat2(t, AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

/** implements readlinkat(2): the target, truncated to bufsiz, without a NUL. */
export function sys_readlinkat(t: Task, dirfd: number, pathname: number, buf: number, bufsiz: number): number {
  if ((bufsiz | 0) <= 0) throw new Errno(EINVAL);
  const path = getPath(t, pathname);
  const empty = path === "";
  const p = userPathAt(t, dirfd, pathname, false, true);
  const inode = p.dentry.inode;
  if (!inode.isLink() || !inode.iop.readlink) throw new Errno(empty ? ENOENT : EINVAL);
  const target = encodeUtf8(inode.iop.readlink(inode, t));
  const n = Math.min(target.length, bufsiz | 0);
  copyToUser(t.mm!, buf as UserPtr, target.subarray(0, n));
  return n;
}

/** implements readlink(2) */
export function sys_readlink(t: Task, pathname: number, buf: number, bufsiz: number): number {
  return sys_readlinkat(t, AT_FDCWD, pathname, buf, bufsiz);
}

export const syscalls = {
  sys_mkdir, sys_mkdirat, sys_mknod, sys_mknodat, sys_symlink, sys_symlinkat, sys_link, sys_linkat,
  sys_unlink, sys_unlinkat, sys_rmdir, sys_rename, sys_renameat, sys_renameat2, sys_readlink, sys_readlinkat,
};
