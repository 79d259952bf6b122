// "linux/fs" and "linux/cdev": struct file_operations with Linux's member names, bridged to the
// VFS's FileOperations (fs/file.ts), and the character-device registries of fs/char_dev.ts.
// struct file gains private_data, f_pos, f_flags and f_inode; struct inode gains i_rdev and
// i_private, aliases of the VFS's own fields. read/write get a user pointer and a { value }
// position box; returning a negative errno fails the call.
import { File, type FileOperations, type PollTable } from "../../fs/file.js";
import { Inode } from "../../fs/inode.js";
import * as chr from "../../fs/char_dev.js";
import { MAJOR, MINOR, MKDEV, MINORMASK } from "../uapi/stat.js";
import { EINVAL, ESPIPE } from "../uapi/errno.js";
import type { UserPtr } from "../../mm/mm.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

declare module "../../fs/file.js" {
  interface File { private_data: any; f_pos: number; f_flags: number; readonly f_inode: Inode }
}
declare module "../../fs/inode.js" {
  interface Inode { i_rdev: number; i_private: any; i_size: number }
}
const alias = (proto: object, name: string, field: string, writable = true) =>
  Object.defineProperty(proto, name, {
    configurable: true,
    get(this: Record<string, unknown>) { return this[field]; },
    set: writable ? function (this: Record<string, unknown>, v: unknown) { this[field] = v; } : undefined,
  });
alias(File.prototype, "private_data", "privateData");
alias(File.prototype, "f_pos", "pos");
alias(File.prototype, "f_flags", "flags");
alias(File.prototype, "f_inode", "inode", false);
alias(Inode.prototype, "i_rdev", "rdev");
alias(Inode.prototype, "i_private", "priv");
alias(Inode.prototype, "i_size", "size");

type Ret<T> = T | Promise<T>;
/** struct file_operations, as drivers write it. */
export interface file_operations {
  owner?: { name: string } | null;
  open?(inode: Inode, file: File): Ret<number | void>;
  release?(inode: Inode, file: File): Ret<number | void>;
  read?(file: File, buf: UserPtr, count: number, ppos: { value: number }): Ret<number>;
  write?(file: File, buf: UserPtr, count: number, ppos: { value: number }): Ret<number>;
  llseek?(file: File, offset: number, whence: number): number;
  unlocked_ioctl?(file: File, cmd: number, arg: number): Ret<number>;
  compat_ioctl?(file: File, cmd: number, arg: number): Ret<number>;
  poll?(file: File, wait: PollTable | null): number;
  mmap?(file: File, vma: unknown): Ret<number | void>;
  flush?(file: File): Ret<number | void>;
  fsync?(file: File): Ret<number | void>;
}

const bridged = new WeakMap<file_operations, FileOperations>();
/** The VFS's view of a driver's file_operations (one per table, so identity is kept). */
export function fopsToVfs(f: file_operations): FileOperations {
  let v = bridged.get(f);
  if (v) return v;
  v = { owner: f.owner ?? null };
  if (f.open) v.open = (inode, file) => f.open!(inode, file);
  if (f.release) v.release = (inode, file) => f.release!(inode, file);
  if (f.read) v.read = (file, buf, count, pos) => f.read!(file, buf, count, pos);
  if (f.write) v.write = (file, buf, count, pos) => f.write!(file, buf, count, pos);
  if (f.llseek) v.llseek = (file, off, whence) => f.llseek!(file, off, whence);
  if (f.unlocked_ioctl) v.unlockedIoctl = (file, cmd, arg) => f.unlocked_ioctl!(file, cmd, arg);
  if (f.poll) v.poll = (file, pt) => f.poll!(file, pt);
  if (f.mmap) v.mmap = (file, vma) => f.mmap!(file, vma);
  if (f.flush) v.flush = (file) => f.flush!(file);
  if (f.fsync) v.fsync = (file) => f.fsync!(file);
  bridged.set(f, v);
  return v;
}

export const iminor = (inode: Inode) => MINOR(inode.rdev);
export const imajor = (inode: Inode) => MAJOR(inode.rdev);
export { MAJOR, MINOR, MKDEV, MINORMASK };
export const MINORBITS = 20;

export const SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;
/** default_llseek / generic_file_llseek: SEEK_SET, SEEK_CUR, SEEK_END against i_size. */
export function default_llseek(file: File, offset: number, whence: number): number {
  const pos = whence === SEEK_SET ? offset : whence === SEEK_CUR ? file.pos + offset : whence === SEEK_END ? file.inode.size + offset : -1;
  if (pos < 0 || whence > SEEK_END) return -EINVAL;
  file.pos = pos;
  return pos;
}
export const generic_file_llseek = default_llseek;
export const noop_llseek = (file: File) => file.pos;
export const no_llseek = () => -ESPIPE;
export function nonseekable_open(_inode: Inode, file: File): number { file.mode &= ~(4 | 8 | 16); return 0; }
export const stream_open = nonseekable_open;

export const register_chrdev = (major: number, name: string, fops: file_operations) => chr.register_chrdev(major, name, fopsToVfs(fops));
export const __register_chrdev = (major: number, base: number, count: number, name: string, fops: file_operations) =>
  chr.__register_chrdev(major, base, count, name, fopsToVfs(fops));
export const unregister_chrdev = chr.unregister_chrdev;
export const __unregister_chrdev = chr.__unregister_chrdev;
export const register_chrdev_region = chr.register_chrdev_region;
export const unregister_chrdev_region = chr.unregister_chrdev_region;
/** alloc_chrdev_region(dev, baseminor, count, name): stores the first number in dev.value; 0 or -errno. */
export function alloc_chrdev_region(dev: { value: number }, baseminor: number, count: number, name: string): number {
  const r = chr.alloc_chrdev_region(baseminor, count, name);
  if (r < 0) return r;
  dev.value = r;
  return 0;
}

/** struct cdev. */
export type cdev = chr.Cdev;
export const Cdev = chr.Cdev;
export function cdev_init(c: chr.Cdev, fops: file_operations): void { chr.cdev_init(c, fopsToVfs(fops)); }
export const cdev_alloc = chr.cdev_alloc;
export const cdev_add = chr.cdev_add;
export const cdev_del = chr.cdev_del;

export const api = {
  iminor, imajor, MAJOR, MINOR, MKDEV, MINORBITS, MINORMASK, default_llseek, generic_file_llseek, noop_llseek, no_llseek,
  nonseekable_open, stream_open, register_chrdev, __register_chrdev, unregister_chrdev, __unregister_chrdev,
  register_chrdev_region, unregister_chrdev_region, alloc_chrdev_region, SEEK_SET, SEEK_CUR, SEEK_END,
};
exportHeader("linux/fs", api);
exportHeader("linux/cdev", { cdev_init, cdev_alloc, cdev_add, cdev_del });
