// Memory system calls: brk, mmap (anonymous), munmap, mprotect, madvise, msync, mremap.
import type { Task } from "../kernel/task.js";
import { Errno } from "../kernel/errors.js";
import { EINVAL, ENODEV, EBADF, EACCES, ENOMEM } from "../include/uapi/errno.js";
import { MAP_ANONYMOUS, MAP_SHARED, MAP_PRIVATE, PROT_READ, PROT_WRITE, PROT_EXEC, PAGE_SIZE } from "../include/uapi/mman.js";
import { pageAligned, pageAlignUp, TASK_SIZE } from "./mm.js";
import { IovIter } from "../fs/iov_iter.js";

/** implements brk(2): returns the new break, or the old one when it cannot move. */
export function sys_brk(t: Task, brk: number): number {
  const mm = t.mm!;
  if (brk === 0) return mm.brk;
  return mm.setBrk(brk);
}

/** implements mmap(2): anonymous memory, and private read-only copies of regular files. */
export async function sys_mmap(t: Task, addr: number, len: number, prot: number, flags: number, fd: number, off: number): Promise<number> {
  const mm = t.mm!;
  if (!(flags & (MAP_SHARED | MAP_PRIVATE)) || (flags & MAP_SHARED && flags & MAP_PRIVATE)) throw new Errno(EINVAL);
  if (len === 0 || !pageAligned(off) || off < 0) throw new Errno(EINVAL);
  if (len > TASK_SIZE) throw new Errno(ENOMEM);
  prot &= PROT_READ | PROT_WRITE | PROT_EXEC; // mmap ignores bits it does not know (mprotect refuses them)
  if (flags & MAP_ANONYMOUS) return mm.mmap(addr, len, prot, flags);
  const file = t.files.get(fd | 0);
  if (!file.readable) throw new Errno(EACCES);
  if (flags & MAP_SHARED && prot & PROT_WRITE && !file.writable) throw new Errno(EACCES);
  const inode = file.inode;
  if (file.fop.mmap) {
    const start = mm.mmap(addr, len, prot, flags, file.path.dentry.name);
    const r = await file.fop.mmap(file, { start, end: start + pageAlignUp(len), pgoff: off, prot, flags, mm });
    if (typeof r === "number" && r < 0) { mm.unmap(start, pageAlignUp(len)); throw new Errno(-r); }
    return start;
  }
  if (!inode.isReg() || !file.fop.readIter) throw new Errno(ENODEV);
  // A private copy of the file's bytes (MAP_SHARED writes are not written back).
  const start = mm.mmap(addr, len, prot | PROT_READ, flags);
  const vma = mm.findArea(start)!;
  vma.name = pathOf(file);
  vma.dev = inode.sb.dev; vma.ino = inode.ino; vma.pgoff = off;
  const buf = new Uint8Array(Math.min(len, Math.max(0, inode.size - off)));
  if (buf.length) await file.fop.readIter(file, IovIter.kernel(buf), { value: off }, t);
  mm.bytes.set(buf, start);
  vma.prot = prot;
  return start;
}

function pathOf(file: { path: { dentry: { path(): string } } }): string {
  return file.path.dentry.path();
}

/** implements munmap(2) */
export function sys_munmap(t: Task, addr: number, len: number): number {
  if (!pageAligned(addr) || len === 0 || addr + len > TASK_SIZE) throw new Errno(EINVAL);
  t.mm!.unmap(addr, pageAlignUp(len));
  return 0;
}

/** implements mprotect(2) */
export function sys_mprotect(t: Task, addr: number, len: number, prot: number): number {
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | 0x01000000 | 0x02000000)) throw new Errno(EINVAL);
  if (len === 0) { if (!pageAligned(addr)) throw new Errno(EINVAL); return 0; }
  t.mm!.protect(addr, len, prot & 7);
  return 0;
}

/** implements madvise(2): advice is accepted and has no effect, except checking the range. */
export function sys_madvise(t: Task, addr: number, len: number): number {
  if (!pageAligned(addr)) throw new Errno(EINVAL);
  if (len && !t.mm!.accessOk(addr, pageAlignUp(len), 0)) throw new Errno(ENOMEM);
  return 0;
}

/** implements msync(2) */
export function sys_msync(t: Task, addr: number, len: number, flags: number): number {
  if (!pageAligned(addr) || flags & ~7) throw new Errno(EINVAL);
  if (len && !t.mm!.accessOk(addr, pageAlignUp(len), 0)) throw new Errno(ENOMEM);
  return 0;
}

export const syscalls = { sys_brk, sys_mmap, sys_munmap, sys_mprotect, sys_madvise, sys_msync };
export { EBADF, PAGE_SIZE };
