// Path resolution: from a starting point (root, cwd or a directory fd) through each component,
// following mounts, "." and "..", and symbolic links (at most 40), checking search permission
// on every directory. Also the permission check itself (generic_permission) and the checks a
// directory change needs (may_create, may_delete with the sticky-bit rule).
import { Dentry, type Inode, type Path } from "./inode.js";
import type { Task } from "../kernel/task.js";
import { Errno } from "../kernel/errors.js";
import { ENOENT, ENOTDIR, ELOOP, EACCES, ENAMETOOLONG, EPERM, EISDIR, EBUSY } from "../include/uapi/errno.js";
import { S_IFMT, S_IFDIR, S_ISVTX, S_ISGID, S_IXGRP } from "../include/uapi/stat.js";

export const MAY_EXEC = 1, MAY_WRITE = 2, MAY_READ = 4;
const MAXSYMLINKS = 40;
const NAME_MAX = 255;

/** generic_permission: may task access inode for mask (MAY_*)? Root passes, except exec needs some x bit. */
export function permission(t: Task, inode: Inode, mask: number): boolean {
  const c = t.cred;
  const mode = inode.mode;
  if (c.fsuid === 0) {
    if (!(mask & MAY_EXEC) || (mode & S_IFMT) === S_IFDIR) return true;
    return (mode & 0o111) !== 0;
  }
  let bits: number;
  if (c.fsuid === inode.uid) bits = (mode >> 6) & 7;
  else if (c.inGroup(inode.gid)) bits = (mode >> 3) & 7;
  else bits = mode & 7;
  return (bits & mask) === mask;
}

export function mayOrThrow(t: Task, inode: Inode, mask: number): void {
  if (!permission(t, inode, mask)) throw new Errno(EACCES);
}

/** Find name in dir (the dentry cache first, then the filesystem). */
export function lookupChild(t: Task, dir: Dentry, name: string): Dentry | null {
  const sb = dir.inode.sb;
  if (!sb.dynamic) {
    const cached = dir.children.get(name);
    if (cached) return cached;
  }
  const lookup = dir.inode.iop.lookup;
  if (!lookup) return null;
  const inode = lookup(dir.inode, name, t);
  if (!inode) return null;
  if (sb.dynamic) {
    const old = dir.children.get(name);
    if (old && old.inode === inode) return old;
  }
  const d = new Dentry(name, dir, inode);
  dir.children.set(name, d);
  return d;
}

/** Step into whatever is mounted on p (repeatedly, for stacked mounts). */
function followMounts(p: Path): Path {
  while (p.dentry.mounted) {
    const m = p.dentry.mounted;
    p = { mnt: m, dentry: m.root };
  }
  return p;
}

function parentOf(t: Task, p: Path): Path {
  const root = t.fs.root;
  if (p.dentry === root.dentry && p.mnt === root.mnt) return p;
  let { mnt, dentry } = p;
  while (dentry === mnt.root && mnt.parent && mnt.mountpoint) {
    dentry = mnt.mountpoint;
    mnt = mnt.parent;
  }
  return followMounts({ mnt, dentry: dentry.parent ?? dentry });
}

export interface WalkOptions {
  /** Follow a symlink in the last component (stat vs lstat, O_NOFOLLOW). */
  follow: boolean;
  /** The last component must be a directory (a trailing slash asks for it too). */
  directory?: boolean;
}

interface WalkState { links: number }

function readlinkOf(t: Task, inode: Inode): string {
  const rl = inode.iop.readlink;
  if (!rl) throw new Errno(ENOENT);
  return rl(inode, t);
}

/** Resolve all of `path` from `start`. Throws ENOENT, ENOTDIR, EACCES, ELOOP, ENAMETOOLONG. */
export function pathLookup(t: Task, start: Path, path: string, opts: WalkOptions, st: WalkState = { links: 0 }): Path {
  if (path === "") throw new Errno(ENOENT);
  if (path.length >= 4096) throw new Errno(ENAMETOOLONG);
  let cur: Path = path.startsWith("/") ? t.fs.root : start;
  cur = followMounts(cur);
  const parts = path.split("/").filter((s) => s !== "");
  const trailingSlash = path.endsWith("/") && parts.length > 0;
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i];
    const last = i === parts.length - 1;
    if (!cur.dentry.inode.isDir()) throw new Errno(ENOTDIR);
    mayOrThrow(t, cur.dentry.inode, MAY_EXEC);
    if (name.length > NAME_MAX) throw new Errno(ENAMETOOLONG);
    if (name === ".") continue;
    if (name === "..") { cur = parentOf(t, cur); continue; }
    const d = lookupChild(t, cur.dentry, name);
    if (!d) throw new Errno(ENOENT);
    let next: Path = followMounts({ mnt: cur.mnt, dentry: d });
    if (next.dentry.inode.isLink() && (!last || opts.follow || trailingSlash || opts.directory)) {
      if (++st.links > MAXSYMLINKS) throw new Errno(ELOOP);
      const magic = next.dentry.inode.iop.getLink?.(next.dentry.inode, t);
      next = magic ?? pathLookup(t, cur, readlinkOf(t, next.dentry.inode), { follow: true }, st);
    }
    cur = next;
  }
  if ((trailingSlash || opts.directory) && !cur.dentry.inode.isDir()) throw new Errno(ENOTDIR);
  return cur;
}

/**
 * Resolve all but the last component: returns the parent directory and the final name (for
 * create, mkdir, unlink, rename). The name is "" for "/" and "." or ".." as given.
 */
export function pathParent(t: Task, start: Path, path: string): { dir: Path; name: string; trailingSlash: boolean } {
  if (path === "") throw new Errno(ENOENT);
  if (path.length >= 4096) throw new Errno(ENAMETOOLONG);
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return { dir: followMounts(t.fs.root), name: "", trailingSlash: true };
  const trailingSlash = trimmed.length !== path.length;
  const slash = trimmed.lastIndexOf("/");
  const name = trimmed.slice(slash + 1);
  const dirPart = slash < 0 ? "." : trimmed.slice(0, slash) || "/";
  const dir = pathLookup(t, start, dirPart, { follow: true, directory: true });
  // The walk checks search permission on the directory holding the last component too.
  mayOrThrow(t, dir.dentry.inode, MAY_EXEC);
  if (name.length > NAME_MAX) throw new Errno(ENAMETOOLONG);
  return { dir, name, trailingSlash };
}

/** May t create an entry in dir (may_create)? Write and search permission on it. */
export function mayCreate(t: Task, dir: Inode): void {
  if (dir.nlink === 0) throw new Errno(ENOENT);
  mayOrThrow(t, dir, MAY_WRITE | MAY_EXEC);
}

/** In a sticky directory only the file's owner, the directory's owner or root may remove it. */
function stickyForbids(t: Task, dir: Inode, victim: Inode): boolean {
  if (!(dir.mode & S_ISVTX)) return false;
  const uid = t.cred.fsuid;
  return uid !== victim.uid && uid !== dir.uid && uid !== 0;
}

/**
 * May t remove (or rename away) the entry victim of dir (may_delete)? EACCES without write and
 * search permission, EPERM by the sticky bit, ENOTDIR/EISDIR when the type is not the one the
 * call removes, EBUSY for a filesystem's root.
 */
export function mayDelete(t: Task, dir: Inode, victim: Dentry, isDir: boolean): void {
  mayOrThrow(t, dir, MAY_WRITE | MAY_EXEC);
  if (stickyForbids(t, dir, victim.inode)) throw new Errno(EPERM);
  if (isDir) {
    if (!victim.inode.isDir()) throw new Errno(ENOTDIR);
    if (!victim.parent) throw new Errno(EBUSY);
  } else if (victim.inode.isDir()) throw new Errno(EISDIR);
  if (dir.nlink === 0) throw new Errno(ENOENT);
}

/**
 * Owner and group of a new inode (inode_init_owner): the caller's fsuid, and its fsgid unless
 * the directory is setgid, in which case the directory's group (and a new directory inherits
 * the setgid bit). The mode given is already masked by the umask.
 */
export function inodeInitOwner(t: Task, dir: Inode, inode: Inode): void {
  inode.uid = t.cred.fsuid;
  if (dir.mode & S_ISGID) {
    inode.gid = dir.gid;
    if (inode.isDir()) inode.mode |= S_ISGID;
    else if ((inode.mode & (S_ISGID | S_IXGRP)) === (S_ISGID | S_IXGRP) && !t.cred.inGroup(dir.gid) && t.cred.fsuid !== 0) {
      inode.mode &= ~S_ISGID;
    }
  } else {
    inode.gid = t.cred.fsgid;
  }
  inode.iop.setattr?.(inode);
}

/** Is d the same as or below ancestor (in one filesystem's dentry tree)? */
export function isSubdir(d: Dentry, ancestor: Dentry): boolean {
  for (let x: Dentry | null = d; x; x = x.parent) if (x === ancestor) return true;
  return false;
}

export { S_IFDIR };
