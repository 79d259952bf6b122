// Copying between two open files inside the kernel: sendfile(2) and copy_file_range(2). The data
// goes through a kernel buffer with vfsRead and vfsWrite, so any pair of files works.
import type { Task } from "../kernel/task.js";
import type { File } from "./file.js";
import { FMODE_PREAD } from "./file.js";
import { vfsRead, vfsWrite } from "./read_write.js";
import { IovIter } from "./iov_iter.js";
import { fdget } from "./fdget.js";
import { Errno } from "../kernel/errors.js";
import { EBADF, EINVAL, ESPIPE, EISDIR } from "../include/uapi/errno.js";
import { O_APPEND } from "../include/uapi/fcntl.js";
import { getUser64, putUser64 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

const MAX_RW_COUNT = 0x7ffff000;
const CHUNK = 64 * 1024;

/**
 * Move up to count bytes from in (at inPos, or its offset) to out (at outPos, or its offset).
 * Stops early at end of input, at a short read (nothing more there now) or a short write.
 * An error after some bytes moved ends the copy with that count.
 */
async function copyBetween(t: Task, inf: File, inPos: { value: number } | undefined, out: File,
  outPos: { value: number } | undefined, count: number): Promise<number> {
  const buf = new Uint8Array(Math.min(CHUNK, count));
  let done = 0;
  while (done < count) {
    const want = Math.min(buf.length, count - done);
    let got: number;
    let put: number;
    try {
      got = await vfsRead(t, inf, IovIter.kernel(buf.subarray(0, want)), inPos);
      if (got === 0) break;
      put = await vfsWrite(t, out, IovIter.kernel(buf.subarray(0, got)), outPos);
    } catch (e) {
      if (done > 0 && e instanceof Errno) break;
      throw e;
    }
    if (put < got) {
      // Give back what the output did not take.
      if (inPos) inPos.value -= got - put;
      else if (inf.fop.llseek) inf.pos -= got - put;
    }
    done += put;
    if (put < got || got < want) break;
  }
  return done;
}

/** implements sendfile(2) */
export async function sys_sendfile64(t: Task, outFd: number, inFd: number, offset: number, count: number): Promise<number> {
  const inf = fdget(t, inFd | 0);
  if (!inf.readable) throw new Errno(EBADF);
  let pos: { value: number } | undefined;
  if (offset) {
    if (!(inf.mode & FMODE_PREAD) || !inf.fop.llseek) throw new Errno(ESPIPE);
    pos = { value: getUser64(t.mm!, offset as UserPtr) };
    if (pos.value < 0) throw new Errno(EINVAL);
  }
  if (count < 0) throw new Errno(EINVAL);
  count = Math.min(count, MAX_RW_COUNT);
  const out = fdget(t, outFd | 0);
  if (!out.writable) throw new Errno(EBADF);
  if (out.flags & O_APPEND) throw new Errno(EINVAL);
  if (count === 0) return 0;
  const n = await copyBetween(t, inf, pos, out, undefined, count);
  if (pos) putUser64(t.mm!, offset as UserPtr, pos.value);
  return n;
}

/** implements copy_file_range(2) */
export async function sys_copy_file_range(t: Task, fdIn: number, offIn: number, fdOut: number, offOut: number,
  len: number, flags: number): Promise<number> {
  if (flags !== 0) throw new Errno(EINVAL);
  const inf = fdget(t, fdIn | 0);
  const out = fdget(t, fdOut | 0);
  const posIn = offIn ? getUser64(t.mm!, offIn as UserPtr) : inf.pos;
  const posOut = offOut ? getUser64(t.mm!, offOut as UserPtr) : out.pos;
  if (inf.inode.isDir() || out.inode.isDir()) throw new Errno(EISDIR);
  if (!inf.inode.isReg() || !out.inode.isReg()) throw new Errno(EINVAL);
  if (!inf.readable || !out.writable || out.flags & O_APPEND) throw new Errno(EBADF);
  if (posIn < 0 || posOut < 0 || len < 0) throw new Errno(EINVAL);
  let count = Math.min(len, MAX_RW_COUNT);
  const size = inf.inode.size;
  count = posIn >= size ? 0 : Math.min(count, size - posIn);
  if (inf.inode === out.inode && posOut + count > posIn && posOut < posIn + count) throw new Errno(EINVAL);
  if (count === 0) return 0;
  const pin = { value: posIn };
  const pout = { value: posOut };
  const n = await copyBetween(t, inf, pin, out, pout, count);
  if (offIn) putUser64(t.mm!, offIn as UserPtr, pin.value);
  else inf.pos = pin.value;
  if (offOut) putUser64(t.mm!, offOut as UserPtr, pout.value);
  else out.pos = pout.value;
  return n;
}

export const syscalls = { sys_sendfile64, sys_copy_file_range };
