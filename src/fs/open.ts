// Opening and closing files: open(2), openat(2), creat(2), close(2), and vfsOpen, which every
// open of a path goes through (device nodes get their driver's operations here).
import type { Task } from "../kernel/task.js";
import type { Path, Inode } from "./inode.js";
import { Dentry } from "./inode.js";
import { File, type FileOperations } from "./file.js";
import { allocFile, fopsOwnerHooks, fput } from "./file_table.js";
import { pathLookup, pathParent, permission, mayOrThrow, MAY_READ, MAY_WRITE, MAY_EXEC } from "./namei.js";
import { Errno, check } from "../kernel/errors.js";
import { EACCES, EEXIST, EISDIR, ENOTDIR, ENOENT, EROFS, ELOOP, EINVAL, ENXIO, ENODEV, EPERM, ETXTBSY } from "../include/uapi/errno.js";
import {
  O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW, O_ACCMODE, O_WRONLY, O_RDWR, O_CLOEXEC, AT_FDCWD,
  O_PATH, O_TMPFILE, O_LARGEFILE,
} from "../include/uapi/fcntl.js";
import { S_IFREG, S_IFMT, S_IFCHR, S_IFIFO, S_IFBLK, S_IFSOCK } from "../include/uapi/stat.js";
import { strncpyFromUser } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

/** Where special files get their operations: char devices (char_dev.ts) and fifos (pipe.ts). */
export const specialOpeners: {
  chrdev: (inode: Inode, t: Task) => FileOperations | null | Promise<FileOperations | null>;
  fifo: (inode: Inode) => FileOperations;
} = {
  chrdev: () => null,
  fifo: () => { throw new Errno(ENXIO); },
};

/** The starting point of a *at() call: the cwd for AT_FDCWD, else the directory dirfd names. */
export function atStart(t: Task, dirfd: number, path: string): Path {
  if (path.startsWith("/") || (dirfd | 0) === AT_FDCWD) return t.fs.cwd;
  const f = t.files.get(dirfd | 0);
  if (!f.inode.isDir() && path !== "") throw new Errno(ENOTDIR);
  return f.path;
}

/** Read a path argument: EFAULT for a bad pointer, ENOENT for "". */
export function getPath(t: Task, p: number): string {
  return strncpyFromUser(t.mm!, p as UserPtr, 4096);
}

function isReadOnly(p: Path): boolean {
  return p.mnt.sb.readonly || (p.mnt.flags & 1) !== 0;
}
export function checkWritableMount(p: Path): void {
  if (isReadOnly(p)) throw new Errno(EROFS);
}

/** Create a regular file name in dir (the O_CREAT path); returns its path. */
function createFile(t: Task, dir: Path, name: string, mode: number): Path {
  mayOrThrow(t, dir.dentry.inode, MAY_WRITE | MAY_EXEC);
  checkWritableMount(dir);
  const create = dir.dentry.inode.iop.create;
  if (!create) throw new Errno(EACCES);
  const inode = create(dir.dentry.inode, name, (mode & ~t.fs.umask) & 0o7777, t);
  inode.uid = t.cred.fsuid;
  inode.gid = dir.dentry.inode.mode & 0o2000 ? dir.dentry.inode.gid : t.cred.fsgid;
  inode.iop.setattr?.(inode);
  const d = new Dentry(name, dir.dentry, inode);
  dir.dentry.children.set(name, d);
  return { mnt: dir.mnt, dentry: d };
}

/** Open the file at path p with flags; the caller installs it. (do_dentry_open) */
export async function openPath(t: Task, p: Path, flags: number, justCreated = false): Promise<File> {
  const inode = p.dentry.inode;
  const acc = flags & O_ACCMODE;
  if (flags & O_PATH) return allocFile(p, inode, {}, flags & (O_PATH | O_CLOEXEC | O_DIRECTORY | O_NOFOLLOW));
  if (acc === 3) throw new Errno(EINVAL);
  const wantWrite = acc === O_WRONLY || acc === O_RDWR;
  if (inode.isLink()) throw new Errno(ELOOP);
  if (inode.isDir() && (wantWrite || (flags & O_CREAT && flags & O_EXCL))) throw new Errno(EISDIR);
  if ((flags & O_DIRECTORY) && !inode.isDir()) throw new Errno(ENOTDIR);
  let mask = 0;
  if (acc === 0 || acc === O_RDWR) mask |= MAY_READ;
  if (wantWrite || flags & O_TRUNC) mask |= MAY_WRITE;
  if (!justCreated && !permission(t, inode, mask)) throw new Errno(EACCES);
  if (wantWrite && isReadOnly(p) && (inode.isReg() || inode.isDir())) throw new Errno(EROFS);
  if (wantWrite && inode.isReg() && inode.execCount > 0) throw new Errno(ETXTBSY);
  let fop: FileOperations;
  switch (inode.mode & S_IFMT) {
    case S_IFCHR: {
      if (p.mnt.flags & 4 /* MS_NODEV */) throw new Errno(EACCES);
      const ops = await specialOpeners.chrdev(inode, t);
      if (!ops) throw new Errno(ENXIO);
      fop = ops;
      break;
    }
    case S_IFIFO: fop = specialOpeners.fifo(inode); break;
    case S_IFBLK: throw new Errno(ENXIO);
    case S_IFSOCK: throw new Errno(ENXIO);
    default:
      if (!inode.fop) throw new Errno(ENODEV);
      fop = inode.fop;
  }
  if (!fopsOwnerHooks.get(fop.owner)) throw new Errno(ENODEV);
  const file = allocFile(p, inode, fop, flags & ~(O_CREAT | O_EXCL | O_TRUNC));
  if (fop.open) {
    try {
      const r = await fop.open(inode, file, t);
      if (typeof r === "number") check(r);
    } catch (e) {
      file.fop = { owner: fop.owner };
      await fput(file);
      throw e;
    }
  }
  if ((flags & O_TRUNC) && inode.isReg() && wantWrite) {
    inode.iop.setSize?.(inode, 0);
    inode.size = 0;
    inode.touchModify();
  }
  return file;
}

/** Resolve and open a path (do_filp_open), creating it for O_CREAT. */
export async function vfsOpen(t: Task, start: Path, path: string, flags: number, mode: number): Promise<File> {
  if ((flags & O_TMPFILE) === O_TMPFILE) throw new Errno(EINVAL);
  if (!(flags & O_CREAT)) {
    const p = pathLookup(t, start, path, { follow: !(flags & O_NOFOLLOW), directory: (flags & O_DIRECTORY) !== 0 });
    return openPath(t, p, flags);
  }
  if (flags & O_DIRECTORY && !(flags & O_PATH)) throw new Errno(EINVAL);
  const { dir, name, trailingSlash } = pathParent(t, start, path);
  if (name === "" || name === "." || name === "..") throw new Errno(EISDIR);
  let p: Path | null = null;
  try {
    p = pathLookup(t, dir, name, { follow: !(flags & O_NOFOLLOW) && !(flags & O_EXCL) });
  } catch (e) {
    if (!(e instanceof Errno) || e.errno !== ENOENT) throw e;
  }
  if (p) {
    if (flags & O_EXCL) throw new Errno(EEXIST);
    if (p.dentry.inode.isDir()) throw new Errno(EISDIR);
    if (trailingSlash) throw new Errno(EISDIR);
    return openPath(t, p, flags);
  }
  if (trailingSlash) throw new Errno(EISDIR);
  // A dangling symlink as the last component: create its target, as Linux does.
  const created = createFile(t, dir, name, mode);
  return openPath(t, created, flags & ~O_TRUNC, true);
}

/** implements openat(2) */
export async function sys_openat(t: Task, dirfd: number, pathname: number, flags: number, mode: number): Promise<number> {
  const path = getPath(t, pathname);
  // A 64-bit kernel opens every file with O_LARGEFILE (force_o_largefile): F_GETFL shows it.
  const file = await vfsOpen(t, atStart(t, dirfd, path), path, flags | O_LARGEFILE, mode & 0o7777);
  try {
    return t.files.install(file, (flags & O_CLOEXEC) !== 0);
  } catch (e) {
    await fput(file);
    throw e;
  }
}

/** implements open(2) */
export function sys_open(t: Task, pathname: number, flags: number, mode: number): Promise<number> {
  return sys_openat(t, AT_FDCWD, pathname, flags, mode);
}

/** implements creat(2) */
export function sys_creat(t: Task, pathname: number, mode: number): Promise<number> {
  return sys_openat(t, AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

/** implements close(2) */
export async function sys_close(t: Task, fd: number): Promise<number> {
  await t.files.close(fd | 0);
  return 0;
}

export const syscalls = { sys_open, sys_openat, sys_creat, sys_close };
export { S_IFREG, EPERM };
