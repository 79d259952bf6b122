// Mounting: mount(2) (new mounts by filesystem type, bind mounts, remounts), umount2(2), and
// statfs(2)/fstatfs(2), which describe the filesystem a path is on. Typix has one mount
// namespace and no shared subtrees: every mount is private.
import type { Task } from "../kernel/task.js";
import type { Mount, Path, SuperBlock, Inode } from "./inode.js";
import { Errno } from "../kernel/errors.js";
import { EPERM, EINVAL, ENOTDIR, EBUSY, EAGAIN } from "../include/uapi/errno.js";
import { AT_FDCWD } from "../include/uapi/fcntl.js";
import { getFsType, mountAt, umountAt } from "./mount.js";
import { pathLookup } from "./namei.js";
import { atStart } from "./open.js";
import { fdgetRaw, userPathAt } from "./fdget.js";
import { capable } from "../kernel/cred.js";
import { allTasks } from "../kernel/pid.js";
import { TOTALRAM_BYTES } from "../kernel/sysstat.js";
import { StructBuf, copyStructToUser, strncpyFromUser } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

export const MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16, MS_REMOUNT = 32,
  MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024, MS_NODIRATIME = 2048,
  MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_SILENT = 32768, MS_UNBINDABLE = 1 << 17,
  MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20, MS_RELATIME = 1 << 21,
  MS_STRICTATIME = 1 << 24, MS_NOUSER = 1 << 31;
const MS_MGC_MSK = 0xffff0000, MS_MGC_VAL = 0xc0ed0000;
const MNT_FORCE = 1, MNT_DETACH = 2, MNT_EXPIRE = 4, UMOUNT_NOFOLLOW = 8;

/** The flags that belong to a mount rather than its filesystem (MS_* values, kept in mnt.flags). */
const PER_MOUNT = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOSYMFOLLOW | MS_NOATIME | MS_NODIRATIME | MS_RELATIME;

function mountFlags(flags: number): number {
  let f = flags & PER_MOUNT;
  // relatime is the default unless noatime or strictatime is asked for.
  if (!(flags & (MS_NOATIME | MS_STRICTATIME))) f |= MS_RELATIME;
  if (flags & MS_STRICTATIME) f &= ~(MS_RELATIME | MS_NOATIME);
  return f;
}

/** Does anything hold m: a task's root, cwd or program, or an open file? */
function mountBusy(m: Mount): boolean {
  for (const t of allTasks()) {
    if (t.fs.cwd.mnt === m || t.fs.root.mnt === m || t.exe?.mnt === m) return true;
    for (const fd of t.files.list()) if (t.files.get(fd).path.mnt === m) return true;
  }
  return false;
}

/** Is any file on sb open for writing (a read-only remount must wait)? */
function sbHasWriters(sb: SuperBlock): boolean {
  for (const t of allTasks()) {
    for (const fd of t.files.list()) {
      const f = t.files.get(fd);
      if (f.inode.sb === sb && f.writable && f.inode.isReg()) return true;
    }
  }
  return false;
}

const optString = (t: Task, p: number) => (p ? strncpyFromUser(t.mm!, p as UserPtr, 4096) : "");

function doRemount(p: Path, flags: number, data: string | null): void {
  if (p.dentry !== p.mnt.root) throw new Errno(EINVAL);
  const mnt = p.mnt;
  if (!(flags & MS_BIND)) {
    const ro = (flags & MS_RDONLY) !== 0;
    if (ro && !mnt.sb.readonly && sbHasWriters(mnt.sb)) throw new Errno(EBUSY);
    mnt.sb.readonly = ro;
    if (data) mnt.options = data;
  }
  mnt.flags = mountFlags(flags);
}

function doBind(t: Task, at: Path, source: string, flags: number): void {
  const from = pathLookup(t, atStart(t, AT_FDCWD, source), source, { follow: true });
  if (from.dentry.inode.isDir() !== at.dentry.inode.isDir()) throw new Errno(ENOTDIR);
  mountAt(at, from.mnt.sb, from.mnt.source, mountFlags(flags) | (from.mnt.flags & MS_RDONLY), from.mnt.options, from.dentry);
}

function doNewMount(t: Task, at: Path, fstype: string | null, source: string, flags: number, data: string): void {
  if (fstype === null) throw new Errno(EINVAL);
  const type = getFsType(fstype);
  const sb = type.mount(source, flags, data);
  if (at.mnt.sb === sb && at.dentry === at.mnt.root) throw new Errno(EBUSY);
  if (sb.root.inode.isLink()) throw new Errno(EINVAL);
  if (at.dentry.inode.isDir() !== sb.root.inode.isDir()) throw new Errno(ENOTDIR);
  if (flags & MS_RDONLY) sb.readonly = true;
  mountAt(at, sb, source || "none", mountFlags(flags), data);
}

/** implements mount(2): new mounts by type name, bind mounts and remounts; root only. */
export function sys_mount(t: Task, source: number, target: number, fstype: number, flags: number, data: number): number {
  const type = fstype ? optString(t, fstype) : null;
  const src = optString(t, source);
  const opts = optString(t, data);
  const at = userPathAt(t, AT_FDCWD, target, true);
  flags = flags >>> 0;
  if ((flags & MS_MGC_MSK) >>> 0 === MS_MGC_VAL) flags = (flags & ~MS_MGC_MSK) >>> 0;
  if (flags & MS_NOUSER) throw new Errno(EINVAL);
  if (!capable(t.cred)) throw new Errno(EPERM);
  if (flags & MS_REMOUNT) doRemount(at, flags, data ? opts : null);
  else if (flags & MS_BIND) doBind(t, at, src, flags);
  else if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE)) {
    // Every Typix mount is private: making one private is already true; the others are not offered.
    if (at.dentry !== at.mnt.root) throw new Errno(EINVAL);
    if ((flags & ~(MS_REC | MS_SILENT)) !== MS_PRIVATE) throw new Errno(EINVAL);
  } else if (flags & MS_MOVE) throw new Errno(EINVAL);
  else doNewMount(t, at, type, src, flags, opts);
  return 0;
}

/** Detach m and everything mounted below it. */
function detachTree(m: Mount): void {
  for (const c of [...m.children]) detachTree(c);
  umountAt({ mnt: m, dentry: m.root }, () => false);
}

const expiring = new WeakSet<Mount>();

/** implements umount2(2) */
export function sys_umount(t: Task, target: number, flags: number): number {
  if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) throw new Errno(EINVAL);
  if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH))) throw new Errno(EINVAL);
  const p = userPathAt(t, AT_FDCWD, target, !(flags & UMOUNT_NOFOLLOW));
  if (!capable(t.cred)) throw new Errno(EPERM);
  const m = p.mnt;
  if (p.dentry !== m.root) throw new Errno(EINVAL);
  if (!m.parent) throw new Errno(flags & MNT_DETACH ? EINVAL : EBUSY);
  if (flags & MNT_EXPIRE) {
    // The first call marks an idle mount; a second one, if it stayed idle, unmounts it.
    if (m.children.length > 0 || mountBusy(m)) throw new Errno(EBUSY);
    if (!expiring.has(m)) { expiring.add(m); throw new Errno(EAGAIN); }
  }
  if (flags & MNT_DETACH) detachTree(m);
  else umountAt(p, mountBusy);
  expiring.delete(m);
  return 0;
}

const ST_VALID = 0x20, ST_RELATIME = 0x1000, ST_NOSYMFOLLOW = 0x2000;
const STATFS_SIZE = 120;

/** Count the pages and inodes a tmpfs holds (for its statfs). */
function tmpfsUsage(sb: SuperBlock, t: Task): { blocks: number; inodes: number } {
  const seen = new Set<Inode>();
  let blocks = 0;
  const walk = (dir: Inode) => {
    for (const [, inode] of dir.iop.list?.(dir, t) ?? []) {
      if (seen.has(inode)) continue;
      seen.add(inode);
      if (inode.isReg()) blocks += Math.ceil(inode.size / 4096);
      if (inode.isDir()) walk(inode);
    }
  };
  seen.add(sb.root.inode);
  walk(sb.root.inode);
  return { blocks, inodes: seen.size };
}

/** A tmpfs "size=" option in 4K pages (k, m, g suffixes); 0 when unlimited or not given. */
function tmpfsSizeOption(options: string): number {
  const m = /(?:^|,)size=(\d+)([kmg]?)(?:,|$)/i.exec(options);
  if (!m) return 0;
  const mult = { "": 1, k: 1 << 10, m: 1 << 20, g: 1 << 30 }[m[2].toLowerCase() as "" | "k" | "m" | "g"];
  return Math.ceil((Number(m[1]) * mult) / 4096);
}

/** struct statfs for the filesystem p is on (vfs_statfs). */
export function fillStatfs(t: Task, p: Path): StructBuf {
  const sb = p.mnt.sb;
  const b = new StructBuf(STATFS_SIZE);
  b.i64(0, sb.magic).i64(8, 4096);
  if (sb.magic === 0x01021994) {
    // Without size=, a tmpfs may grow to half of RAM (Linux's default), and as many inodes.
    const half = Math.floor(TOTALRAM_BYTES / 2 / 4096);
    const max = tmpfsSizeOption(p.mnt.options) || half;
    const use = tmpfsUsage(sb, t);
    const free = Math.max(0, max - use.blocks);
    b.i64(16, max).i64(24, free).i64(32, free).i64(40, half).i64(48, Math.max(0, half - use.inodes));
  }
  const mf = p.mnt.flags;
  let f = ST_VALID | (mf & (MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME));
  if (sb.readonly || mf & MS_RDONLY) f |= MS_RDONLY;
  if (mf & MS_RELATIME) f |= ST_RELATIME;
  if (mf & MS_NOSYMFOLLOW) f |= ST_NOSYMFOLLOW;
  b.i64(64, 255).i64(72, 4096).i64(80, f);
  return b;
}

/** implements statfs(2) */
export function sys_statfs(t: Task, pathname: number, buf: number): number {
  copyStructToUser(t.mm!, buf as UserPtr, fillStatfs(t, userPathAt(t, AT_FDCWD, pathname, true)));
  return 0;
}

/** implements fstatfs(2) */
export function sys_fstatfs(t: Task, fd: number, buf: number): number {
  copyStructToUser(t.mm!, buf as UserPtr, fillStatfs(t, fdgetRaw(t, fd).path));
  return 0;
}

export const syscalls = { sys_mount, sys_umount, sys_statfs, sys_fstatfs };

