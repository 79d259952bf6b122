// A task's place in the tree (fs_struct): getcwd(2), chdir(2), fchdir(2) and chroot(2).
import type { Task } from "../kernel/task.js";
import type { Path } from "./inode.js";
import { Errno } from "../kernel/errors.js";
import { ERANGE, ENOENT, ENOTDIR, EPERM } from "../include/uapi/errno.js";
import { AT_FDCWD } from "../include/uapi/fcntl.js";
import { pathLookup, mayOrThrow, MAY_EXEC } from "./namei.js";
import { atStart, getPath } from "./open.js";
import { fdgetRaw } from "./fdget.js";
import { capable } from "../kernel/cred.js";
import { copyToUser, encodeUtf8 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

/** Has d been removed from its directory (rmdir'ed, or replaced by a rename)? */
function isUnlinked(p: Path): boolean {
  const d = p.dentry;
  if (!d.parent || d.inode.sb.dynamic) return false;
  return d.parent.children.get(d.name) !== d || d.inode.nlink === 0;
}

/**
 * The path of p as seen from root (d_path): names up to root, crossing mounts. A path that is
 * not below root (a cwd left outside a chroot) is prefixed with "(unreachable)".
 */
export function pathFrom(root: Path, p: Path): string {
  const parts: string[] = [];
  let { mnt, dentry } = p;
  for (;;) {
    if (dentry === root.dentry && mnt === root.mnt) return "/" + parts.join("/");
    if (dentry === mnt.root) {
      if (!mnt.parent || !mnt.mountpoint) break;
      dentry = mnt.mountpoint;
      mnt = mnt.parent;
      continue;
    }
    if (!dentry.parent) break;
    parts.unshift(dentry.name);
    dentry = dentry.parent;
  }
  return "(unreachable)/" + parts.join("/");
}

/** implements getcwd(2): the length written, NUL included. */
export function sys_getcwd(t: Task, buf: number, size: number): number {
  const cwd = t.fs.cwd;
  if (isUnlinked(cwd)) throw new Errno(ENOENT);
  const bytes = encodeUtf8(pathFrom(t.fs.root, cwd) + "\0");
  if (bytes.length > size >>> 0) throw new Errno(ERANGE);
  copyToUser(t.mm!, buf as UserPtr, bytes);
  return bytes.length;
}

function lookupDir(t: Task, pathname: number): Path {
  const path = getPath(t, pathname);
  const p = pathLookup(t, atStart(t, AT_FDCWD, path), path, { follow: true, directory: true });
  mayOrThrow(t, p.dentry.inode, MAY_EXEC);
  return p;
}

/** implements chdir(2) */
export function sys_chdir(t: Task, pathname: number): number {
  t.fs.cwd = lookupDir(t, pathname);
  return 0;
}

/** implements fchdir(2) */
export function sys_fchdir(t: Task, fd: number): number {
  const f = fdgetRaw(t, fd);
  if (!f.inode.isDir()) throw new Errno(ENOTDIR);
  mayOrThrow(t, f.inode, MAY_EXEC);
  t.fs.cwd = f.path;
  return 0;
}

/** implements chroot(2): root only; the working directory stays where it is. */
export function sys_chroot(t: Task, pathname: number): number {
  const p = lookupDir(t, pathname);
  if (!capable(t.cred)) throw new Errno(EPERM);
  t.fs.root = p;
  return 0;
}

export const syscalls = { sys_getcwd, sys_chdir, sys_fchdir, sys_chroot };
