// "linux/proc_fs": /proc entries for drivers. proc_create(name, mode, parent, proc_ops) puts a
// file under /proc (or under a directory from proc_mkdir) whose operations are the driver's
// struct proc_ops; proc_create_data keeps a pointer that pde_data(inode) gives back;
// proc_create_single makes a one-record seq_file from a show function. An operation the driver
// leaves out gets Linux's answer: read and write -EIO, lseek default_llseek, ioctl ENOTTY, poll
// the default mask. Once an entry is removed, its open files are closed on the driver's side
// (proc_release runs then, not at close) and further reads, writes, seeks and ioctls get -EIO,
// so a module may unload right after remove_proc_entry.
import type { File, FileOperations, PollTable } from "../../fs/file.js";
import type { Inode } from "../../fs/inode.js";
import type { UserPtr } from "../../mm/mm.js";
import { procCreateFops, procMkdir, procRemove } from "../../fs/proc/root.js";
import { Errno } from "../../kernel/errors.js";
import { EIO, EEXIST, ENOENT } from "../uapi/errno.js";
import { default_llseek } from "./fs.js";
import { single_open, seq_read, seq_lseek, single_release, type seq_file } from "./seq_file.js";
import { printk, KERN } from "../../kernel/printk.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

type Ret<T> = T | Promise<T>;
/** struct proc_ops. */
export interface proc_ops {
  proc_flags?: number;
  proc_open?(inode: Inode, file: File): Ret<number | void>;
  proc_read?(file: File, buf: UserPtr, count: number, ppos: { value: number }): Ret<number>;
  proc_write?(file: File, buf: UserPtr, count: number, ppos: { value: number }): Ret<number>;
  proc_lseek?(file: File, offset: number, whence: number): number;
  proc_release?(inode: Inode, file: File): Ret<number | void>;
  proc_poll?(file: File, wait: PollTable | null): number;
  proc_ioctl?(file: File, cmd: number, arg: number): Ret<number>;
  proc_compat_ioctl?(file: File, cmd: number, arg: number): Ret<number>;
  proc_mmap?(file: File, vma: unknown): Ret<number | void>;
}
export const PROC_ENTRY_PERMANENT = 1;

/** poll's answer for a file without proc_poll (DEFAULT_POLLMASK). */
const DEFAULT_POLLMASK = 0x1 | 0x4 | 0x40 | 0x100;
const S_IFMT = 0o170000, S_IFDIR = 0o040000, S_IALLUGO = 0o7777, S_IRUGO = 0o444;

/** struct proc_dir_entry. */
export class proc_dir_entry {
  /** Files open on this entry whose proc_release has not run yet. */
  readonly openers = new Set<File>();
  removed = false;
  readonly children = new Map<string, proc_dir_entry>();
  constructor(readonly name: string, readonly path: string, readonly parent: proc_dir_entry | null,
    readonly inode: Inode | null, readonly proc_ops: proc_ops | null, public data: unknown) {}
  get mode(): number { return this.inode?.mode ?? (S_IFDIR | 0o555); }
}

/** The root, /proc itself (Linux's proc_root, named "/proc"). */
const procRoot = new proc_dir_entry("/proc", "", null, null, null, null);
const byInode = new WeakMap<Inode, proc_dir_entry>();

/** PDE(inode): the entry of a /proc inode a driver made. */
export const PDE = (inode: Inode): proc_dir_entry | null => byInode.get(inode) ?? null;
/** pde_data(inode): the data given to proc_create_data / proc_mkdir_data. */
export const pde_data = (inode: Inode): any => byInode.get(inode)?.data ?? null;
export const PDE_DATA = pde_data;

/** The VFS operations of an entry: each call goes to the driver's proc_ops while the entry lives. */
function bridge(de: proc_dir_entry, ops: proc_ops): FileOperations {
  const live = () => !de.removed;
  const release = (inode: Inode, file: File): Ret<number | void> => {
    if (!de.openers.delete(file)) return 0;
    return ops.proc_release?.(inode, file);
  };
  const f: FileOperations = {
    async open(inode, file) {
      if (!live()) throw new Errno(ENOENT);
      if (ops.proc_open) {
        const r = await ops.proc_open(inode, file);
        if (typeof r === "number" && r < 0) return r;
      }
      de.openers.add(file);
      return 0;
    },
    release,
    read: (file, buf, count, pos) => live() && ops.proc_read ? ops.proc_read(file, buf, count, pos) : -EIO,
    write: (file, buf, count, pos) => live() && ops.proc_write ? ops.proc_write(file, buf, count, pos) : -EIO,
    llseek: (file, offset, whence) => !live() ? -EIO : (ops.proc_lseek ?? default_llseek)(file, offset, whence),
    poll: (file, pt) => live() && ops.proc_poll ? ops.proc_poll(file, pt) : DEFAULT_POLLMASK,
  };
  if (ops.proc_ioctl) f.unlockedIoctl = (file, cmd, arg) => live() ? ops.proc_ioctl!(file, cmd, arg) : -EIO;
  if (ops.proc_mmap) f.mmap = (file, vma) => live() ? ops.proc_mmap!(file, vma) : -EIO;
  return f;
}

const parentOf = (parent: proc_dir_entry | null | undefined) => parent ?? procRoot;
const join = (parent: proc_dir_entry, name: string) => (parent.path ? parent.path + "/" + name : name);

/** The entry's name within its parent; a name with slashes ("driver/foo") goes below parent. */
function split(parent: proc_dir_entry, name: string): { dir: proc_dir_entry; base: string } | null {
  const parts = name.split("/").filter(Boolean);
  const base = parts.pop();
  if (!base) return null;
  let dir = parent;
  for (const p of parts) {
    const d = dir.children.get(p);
    if (!d || d.inode && (d.inode.mode & S_IFMT) !== S_IFDIR) return null;
    dir = d;
  }
  return { dir, base };
}

function alreadyRegistered(dir: proc_dir_entry, base: string): null {
  printk(KERN(4) + `proc_dir_entry '${dir.name}/${base}' already registered\n`);
  return null;
}

/** proc_create_data(name, mode, parent, proc_ops, data): the entry, or null. */
export function proc_create_data(name: string, mode: number, parent: proc_dir_entry | null, ops: proc_ops, data: unknown): proc_dir_entry | null {
  const where = split(parentOf(parent), name);
  if (!where || where.dir.removed) return null;
  const { dir, base } = where;
  if (dir.children.has(base)) return alreadyRegistered(dir, base);
  if ((mode & S_IALLUGO) === 0) mode |= S_IRUGO;
  const path = join(dir, base);
  const fops: FileOperations = {};
  let inode: Inode;
  try {
    inode = procCreateFops(path, mode & S_IALLUGO, fops);
  } catch (e) {
    if (e instanceof Errno && e.errno === EEXIST) return alreadyRegistered(dir, base);
    return null;
  }
  const de = new proc_dir_entry(base, path, dir, inode, ops, data);
  Object.assign(fops, bridge(de, ops));
  dir.children.set(base, de);
  byInode.set(inode, de);
  return de;
}

/** proc_create(name, mode, parent, proc_ops). */
export const proc_create = (name: string, mode: number, parent: proc_dir_entry | null, ops: proc_ops) =>
  proc_create_data(name, mode, parent, ops, null);

/** proc_mkdir_data(name, mode, parent, data): a directory (mode 0 means 0555). */
export function proc_mkdir_data(name: string, mode: number, parent: proc_dir_entry | null, data: unknown): proc_dir_entry | null {
  const where = split(parentOf(parent), name);
  if (!where || where.dir.removed) return null;
  const { dir, base } = where;
  if (dir.children.has(base)) return alreadyRegistered(dir, base);
  const path = join(dir, base);
  let inode: Inode;
  try {
    inode = procMkdir(path, (mode & S_IALLUGO) || 0o555);
  } catch (e) {
    if (e instanceof Errno && e.errno === EEXIST) return alreadyRegistered(dir, base);
    return null;
  }
  const de = new proc_dir_entry(base, path, dir, inode, null, data);
  dir.children.set(base, de);
  byInode.set(inode, de);
  return de;
}
export const proc_mkdir = (name: string, parent: proc_dir_entry | null) => proc_mkdir_data(name, 0, parent, null);
export const proc_mkdir_mode = (name: string, mode: number, parent: proc_dir_entry | null) => proc_mkdir_data(name, mode, parent, null);

/** proc_create_single_data(name, mode, parent, show, data): a one-record seq_file. */
export function proc_create_single_data(name: string, mode: number, parent: proc_dir_entry | null,
  show: (m: seq_file, v: unknown) => Ret<number | void>, data: unknown): proc_dir_entry | null {
  return proc_create_data(name, mode, parent, {
    proc_open: (inode, file) => single_open(file, show, pde_data(inode)),
    proc_read: seq_read,
    proc_lseek: seq_lseek,
    proc_release: single_release,
  }, data);
}
export const proc_create_single = (name: string, mode: number, parent: proc_dir_entry | null, show: (m: seq_file, v: unknown) => Ret<number | void>) =>
  proc_create_single_data(name, mode, parent, show, null);

/** proc_remove(de): remove the entry and everything below it (null is ignored). */
export function proc_remove(de: proc_dir_entry | null): void | Promise<void> {
  if (!de || de === procRoot || de.removed) return;
  return unlinkSync(de);
}
/** remove_proc_subtree(name, parent): 0, or -ENOENT. */
export function remove_proc_subtree(name: string, parent: proc_dir_entry | null): number {
  const where = split(parentOf(parent), name);
  const de = where?.dir.children.get(where.base);
  if (!de) return -ENOENT;
  void unlinkSync(de);
  return 0;
}

/**
 * remove_proc_entry(name, parent): remove one entry. A missing name is a driver bug, warned
 * about; a directory that still has entries is removed with them, and that is warned about too.
 */
export function remove_proc_entry(name: string, parent: proc_dir_entry | null): void {
  const where = split(parentOf(parent), name);
  const de = where?.dir.children.get(where.base);
  if (!where || !de) {
    printk(KERN(4) + `remove_proc_entry: name '${name}'\n`);
    return;
  }
  if (de.children.size) {
    const first = de.children.keys().next().value as string;
    printk(KERN(4) + `remove_proc_entry: removing non-empty directory '${where.dir.name}/${de.name}', leaking at least '${first}'\n`);
  }
  void unlinkSync(de);
}

/**
 * Take an entry and what is below it out of /proc; the open files are closed on the driver's
 * side. Synchronous unless a proc_release sleeps.
 */
function unlinkSync(de: proc_dir_entry): void | Promise<void> {
  const sleepers: Promise<unknown>[] = [];
  const walk = (d: proc_dir_entry) => {
    for (const c of [...d.children.values()]) walk(c);
    d.removed = true;
    d.parent?.children.delete(d.name);
    try { procRemove(d.path); } catch { /* gone with its directory */ }
    for (const file of [...d.openers]) {
      d.openers.delete(file);
      const r = d.proc_ops?.proc_release?.(file.f_inode, file);
      if (r instanceof Promise) sleepers.push(r);
    }
  };
  walk(de);
  if (sleepers.length) return Promise.all(sleepers).then(() => {});
}

/** proc_set_size(de, size): the size stat reports. */
export function proc_set_size(de: proc_dir_entry, size: number): void { if (de.inode) de.inode.size = size; }
/** proc_set_user(de, uid, gid): the entry's owner. */
export function proc_set_user(de: proc_dir_entry, uid: number, gid: number): void {
  if (de.inode) { de.inode.uid = uid; de.inode.gid = gid; }
}
/** proc_get_parent_data(inode): the data of the entry's directory. */
export const proc_get_parent_data = (inode: Inode): any => byInode.get(inode)?.parent?.data ?? null;

export const api = {
  proc_create, proc_create_data, proc_create_single, proc_create_single_data, proc_mkdir, proc_mkdir_mode,
  proc_mkdir_data, proc_remove, remove_proc_entry, remove_proc_subtree, proc_set_size, proc_set_user, pde_data,
  PDE_DATA, proc_get_parent_data, PROC_ENTRY_PERMANENT,
};
exportHeader("linux/proc_fs", api);
