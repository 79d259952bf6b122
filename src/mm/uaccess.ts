// The only code that reads or writes user memory. Every access is checked against the task's
// mapped areas first; an address outside them (NULL included) is EFAULT. Kernel code never
// indexes a process's memory itself: it calls these.
import { Errno } from "../kernel/errors.js";
import { EFAULT, ENAMETOOLONG } from "../include/uapi/errno.js";
import { PROT_READ, PROT_WRITE } from "../include/uapi/mman.js";
import type { MmStruct, UserPtr } from "./mm.js";

const utf8 = new TextDecoder();
const utf8enc = new TextEncoder();

function checkRange(mm: MmStruct, addr: number, len: number, prot: number): void {
  if (!mm.accessOk(addr, len, prot)) throw new Errno(EFAULT);
}

/** Copy len bytes from user memory into a new kernel buffer. */
export function copyFromUser(mm: MmStruct, src: UserPtr, len: number): Uint8Array {
  checkRange(mm, src, len, PROT_READ);
  return mm.bytes.slice(src, src + len);
}

/** A read-only view of user memory, valid until the task next runs (no copy). */
export function userView(mm: MmStruct, src: UserPtr, len: number): Uint8Array {
  checkRange(mm, src, len, PROT_READ);
  return mm.bytes.subarray(src, src + len);
}

/** Copy a kernel buffer into user memory. */
export function copyToUser(mm: MmStruct, dst: UserPtr, data: Uint8Array): void {
  if (data.length === 0) return; // nothing to copy: not a fault, wherever dst points (as Linux)
  checkRange(mm, dst, data.length, PROT_WRITE);
  mm.bytes.set(data, dst);
}

/** Fill len bytes of user memory with zeros (clear_user). */
export function clearUser(mm: MmStruct, dst: UserPtr, len: number): void {
  if (len === 0) return;
  checkRange(mm, dst, len, PROT_WRITE);
  mm.zero(dst, dst + len);
}

/** Read a NUL-terminated string of at most max bytes (PATH_MAX for paths): ENAMETOOLONG past it. */
export function strncpyFromUser(mm: MmStruct, src: UserPtr, max = 4096): string {
  if (!mm.accessOk(src, 1, PROT_READ)) throw new Errno(EFAULT);
  const bytes = mm.bytes;
  let end = src;
  const limit = src + max;
  while (end < limit) {
    if (bytes[end] === 0) return utf8.decode(bytes.slice(src, end));
    end++;
    if ((end & 0xfff) === 0 && !mm.accessOk(end, 1, PROT_READ)) throw new Errno(EFAULT);
  }
  throw new Errno(ENAMETOOLONG);
}

/** Read a NULL-terminated array of string pointers (argv, envp): 8-byte words, as every program passes them. */
export function copyStringArray(mm: MmStruct, arr: UserPtr, maxStrings = 32768): string[] {
  const out: string[] = [];
  if (arr === 0) return out;
  for (let i = 0; i < maxStrings; i++) {
    const p = getUser64(mm, (arr + i * 8) as UserPtr);
    if (p === 0) return out;
    out.push(strncpyFromUser(mm, p as UserPtr, 131072));
  }
  throw new Errno(EFAULT);
}

export function getUser8(mm: MmStruct, p: UserPtr): number { checkRange(mm, p, 1, PROT_READ); return mm.bytes[p]; }
export function getUser16(mm: MmStruct, p: UserPtr): number { checkRange(mm, p, 2, PROT_READ); return mm.view.getUint16(p, true); }
export function getUser32(mm: MmStruct, p: UserPtr): number { checkRange(mm, p, 4, PROT_READ); return mm.view.getInt32(p, true); }
export function getUserU32(mm: MmStruct, p: UserPtr): number { checkRange(mm, p, 4, PROT_READ); return mm.view.getUint32(p, true); }
/** A 64-bit value as a JS number (exact up to 2^53; pointers and sizes always are). */
export function getUser64(mm: MmStruct, p: UserPtr): number {
  checkRange(mm, p, 8, PROT_READ);
  return Number(mm.view.getBigInt64(p, true));
}
export function getUserBig64(mm: MmStruct, p: UserPtr): bigint { checkRange(mm, p, 8, PROT_READ); return mm.view.getBigUint64(p, true); }

export function putUser8(mm: MmStruct, p: UserPtr, v: number): void { checkRange(mm, p, 1, PROT_WRITE); mm.bytes[p] = v; }
export function putUser16(mm: MmStruct, p: UserPtr, v: number): void { checkRange(mm, p, 2, PROT_WRITE); mm.view.setUint16(p, v, true); }
export function putUser32(mm: MmStruct, p: UserPtr, v: number): void { checkRange(mm, p, 4, PROT_WRITE); mm.view.setInt32(p, v | 0, true); }
export function putUser64(mm: MmStruct, p: UserPtr, v: number | bigint): void {
  checkRange(mm, p, 8, PROT_WRITE);
  mm.view.setBigInt64(p, BigInt.asIntN(64, BigInt(v)), true);
}

/** Write a structure made by a StructWriter (see putStruct) in one checked copy. */
export function copyStructToUser(mm: MmStruct, dst: UserPtr, s: StructBuf): void {
  copyToUser(mm, dst, s.bytes);
}

/** A little-endian buffer for building C structures (struct stat, timespec, ...). */
export class StructBuf {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u8(off: number, v: number): this { this.bytes[off] = v; return this; }
  u16(off: number, v: number): this { this.view.setUint16(off, v, true); return this; }
  u32(off: number, v: number): this { this.view.setUint32(off, v >>> 0, true); return this; }
  i32(off: number, v: number): this { this.view.setInt32(off, v | 0, true); return this; }
  i64(off: number, v: number | bigint): this {
    this.view.setBigInt64(off, BigInt.asIntN(64, typeof v === "bigint" ? v : BigInt(Math.trunc(v))), true);
    return this;
  }
  str(off: number, s: string, max: number): this {
    const b = utf8enc.encode(s).subarray(0, max - 1);
    this.bytes.set(b, off);
    this.bytes[off + b.length] = 0;
    return this;
  }
}

export const encodeUtf8 = (s: string) => utf8enc.encode(s);
export const decodeUtf8 = (b: Uint8Array) => utf8.decode(b);
