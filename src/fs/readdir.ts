// Reading directories: getdents64(2) and the older getdents(2). A listing is ".", "..", then
// the directory's entries (the filesystem's list, else the dentry cache), or whatever the
// file's iterate operation emits. file.pos is the index of the next entry, and d_off of each
// record is the position after it, so lseek(fd, d_off) resumes there.
import type { Task } from "../kernel/task.js";
import type { File, DirContext } from "./file.js";
import type { Inode } from "./inode.js";
import { Errno } from "../kernel/errors.js";
import { ENOTDIR, ENOENT, EINVAL, EFAULT } from "../include/uapi/errno.js";
import { PROT_WRITE } from "../include/uapi/mman.js";
import { fdget } from "./fdget.js";
import { StructBuf, copyToUser, encodeUtf8 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

/** The DT_* type of a directory entry: the file type bits of its mode, shifted down. */
export function dtType(mode: number): number {
  return (mode >> 12) & 15;
}

/** The entries of dir's listing: [name, ino, type]. */
function listing(file: File, t: Task): [string, number, number][] {
  const d = file.path.dentry;
  const dir = d.inode;
  const out: [string, number, number][] = [[".", dir.ino, 4], ["..", (d.parent ?? d).inode.ino, 4]];
  const add = (name: string, inode: Inode) => out.push([name, inode.ino, dtType(inode.mode)]);
  if (dir.iop.list) for (const [name, inode] of dir.iop.list(dir, t)) add(name, inode);
  else for (const [name, child] of d.children) add(name, child.inode);
  return out;
}

type Encoder = (name: Uint8Array, ino: number, off: number, type: number) => StructBuf;

/** struct linux_dirent64: d_ino, d_off, d_reclen, d_type, d_name; 8-byte aligned. */
const dirent64: Encoder = (name, ino, off, type) => {
  const b = new StructBuf((19 + name.length + 1 + 7) & ~7);
  b.i64(0, ino).i64(8, off).u16(16, b.bytes.length).u8(18, type);
  b.bytes.set(name, 19);
  return b;
};

/** struct linux_dirent: d_ino, d_off, d_reclen, d_name, NUL, padding, and d_type in the last byte. */
const direntOld: Encoder = (name, ino, off, type) => {
  const b = new StructBuf((18 + name.length + 2 + 7) & ~7);
  b.i64(0, ino).i64(8, off).u16(16, b.bytes.length);
  b.bytes.set(name, 18);
  b.u8(b.bytes.length - 1, type);
  return b;
};

async function readdir(t: Task, fd: number, dirp: number, count: number, encode: Encoder): Promise<number> {
  const file = fdget(t, fd);
  const inode = file.inode;
  if (!inode.isDir()) throw new Errno(ENOTDIR);
  count = count >>> 0;
  if (!t.mm!.accessOk(dirp, count, PROT_WRITE)) throw new Errno(EFAULT);
  if (inode.nlink === 0) throw new Errno(ENOENT);
  const out: Uint8Array[] = [];
  let used = 0;
  let tooSmall = false;
  const ctx: DirContext = {
    pos: file.pos,
    emit(name, ino, type) {
      const rec = encode(encodeUtf8(name), ino, ctx.pos + 1, type).bytes;
      if (used + rec.length > count) {
        if (out.length === 0) tooSmall = true;
        return false;
      }
      out.push(rec);
      used += rec.length;
      ctx.pos++;
      return true;
    },
  };
  if (file.fop.iterate) {
    await file.fop.iterate(file, ctx, t);
  } else {
    // The listing is taken when reading starts (position 0) and kept with the open file.
    if (file.pos === 0 || !file.dirCache) file.dirCache = listing(file, t);
    const entries = file.dirCache;
    while (ctx.pos < entries.length) {
      const [name, ino, type] = entries[ctx.pos];
      if (!ctx.emit(name, ino, type)) break;
    }
  }
  if (tooSmall) throw new Errno(EINVAL);
  file.pos = ctx.pos;
  let off = dirp;
  for (const rec of out) {
    copyToUser(t.mm!, off as UserPtr, rec);
    off += rec.length;
  }
  return used;
}

/** implements getdents64(2) */
export function sys_getdents64(t: Task, fd: number, dirp: number, count: number): Promise<number> {
  return readdir(t, fd, dirp, count, dirent64);
}

/** implements getdents(2) */
export function sys_getdents(t: Task, fd: number, dirp: number, count: number): Promise<number> {
  return readdir(t, fd, dirp, count, direntOld);
}

export const syscalls = { sys_getdents64, sys_getdents };
