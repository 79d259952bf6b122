// "linux/uaccess": user memory for drivers, on top of mm/uaccess.ts with the calling task's
// (`current`'s) address space. copy_to_user / copy_from_user return the number of bytes NOT
// copied (0 on success), copying what they can up to the first bad page as Linux does;
// get_user / put_user return 0 or -EFAULT. get_user stores into a { value } box (Linux's
// get_user(x, ptr) assigns x) and both take the size in bytes (1, 2, 4 or 8; default 4).
import { current } from "../../kernel/sched.js";
import { copyToUser, copyFromUser, clearUser, getUser8, getUser16, getUser32, getUser64, putUser8, putUser16,
  putUser32, putUser64 } from "../../mm/uaccess.js";
import type { MmStruct, UserPtr } from "../../mm/mm.js";
import { EFAULT, EINVAL } from "../uapi/errno.js";
import { exportHeader } from "../../kernel/module/ksyms.js";
import { KBuffer } from "./slab.js";
import { checkObjectSize } from "../../mm/usercopy.js";

const PAGE = 4096;
const enc = new TextEncoder();

function mm(): MmStruct | null { return current?.mm ?? null; }

/** Try op on [addr, addr+n); on a fault, do the longest good prefix (page by page). Returns bytes done. */
function partial(addr: number, n: number, op: (a: number, len: number, off: number) => void): number {
  try { op(addr, n, 0); return n; } catch { /* fall back to page steps */ }
  let done = 0;
  while (done < n) {
    const len = Math.min(n - done, PAGE - ((addr + done) % PAGE));
    try { op(addr + done, len, done); } catch { break; }
    done += len;
  }
  return done;
}

/**
 * copy_to_user(to, from, n): bytes not copied. A NULL, freed or too small heap buffer is
 * checked first (mm/usercopy.ts): hardened usercopy stops the copy with an oops, KASAN
 * reports and the copy goes on within the buffer. Strings and plain arrays copy at most
 * their length.
 */
export function copy_to_user(to: UserPtr | number, from: Uint8Array | string, n: number): number {
  const m = mm();
  if (from === null || from === undefined || from instanceof KBuffer) checkObjectSize(from, n, true);
  const src = typeof from === "string" ? enc.encode(from) : from;
  n = Math.min(n, src.length);
  if (!m || n <= 0) return Math.max(0, n);
  return n - partial(to, n, (a, len, off) => copyToUser(m, a as UserPtr, src.subarray(off, off + len)));
}

/** copy_from_user(to, from, n): bytes not copied; the uncopied tail of `to` is zeroed. */
export function copy_from_user(to: Uint8Array, from: UserPtr | number, n: number): number {
  const m = mm();
  if (to === null || to === undefined || to instanceof KBuffer) checkObjectSize(to, n, false);
  n = Math.min(n, to.length);
  if (n <= 0) return 0;
  if (!m) { to.fill(0, 0, n); return n; }
  const done = partial(from, n, (a, len, off) => to.set(copyFromUser(m, a as UserPtr, len), off));
  to.fill(0, done, n);
  return n - done;
}

/** get_user(x, ptr, size): 0 or -EFAULT (x.value is 0 on a fault). */
export function get_user(x: { value: number }, ptr: UserPtr | number, size = 4): number {
  const m = mm();
  try {
    if (!m) throw new Error();
    const p = ptr as UserPtr;
    x.value = size === 1 ? getUser8(m, p) : size === 2 ? getUser16(m, p) : size === 8 ? getUser64(m, p) : getUser32(m, p);
    return 0;
  } catch { x.value = 0; return -EFAULT; }
}

/** put_user(x, ptr, size): 0 or -EFAULT. */
export function put_user(x: number | bigint, ptr: UserPtr | number, size = 4): number {
  const m = mm();
  try {
    if (!m) throw new Error();
    const p = ptr as UserPtr;
    if (size === 8) putUser64(m, p, x);
    else if (size === 1) putUser8(m, p, Number(x));
    else if (size === 2) putUser16(m, p, Number(x));
    else putUser32(m, p, Number(x));
    return 0;
  } catch { return -EFAULT; }
}

/** clear_user(to, n): bytes not cleared. */
export function clear_user(to: UserPtr | number, n: number): number {
  const m = mm();
  if (!m) return n;
  return n - partial(to, n, (a, len) => clearUser(m, a as UserPtr, len));
}

/**
 * strncpy_from_user(dst, src, count): copy a NUL-terminated string of at most count bytes into
 * dst; the length (without the NUL; count if none was found within count), or -EFAULT.
 */
export function strncpy_from_user(dst: Uint8Array, src: UserPtr | number, count: number): number {
  const m = mm();
  if (!m) return -EFAULT;
  count = Math.min(count, dst.length);
  for (let i = 0; i < count; i++) {
    let c: number;
    try { c = getUser8(m, (src + i) as UserPtr); } catch { return -EFAULT; }
    dst[i] = c;
    if (c === 0) return i;
  }
  return count;
}

/** strnlen_user(src, n): the length including the NUL, 0 on a fault, n+1 if none within n. */
export function strnlen_user(src: UserPtr | number, n: number): number {
  const m = mm();
  if (!m) return 0;
  for (let i = 0; i < n; i++) {
    try { if (getUser8(m, (src + i) as UserPtr) === 0) return i + 1; } catch { return 0; }
  }
  return n + 1;
}

/** access_ok(addr, size): whether the range is plausibly user memory (below TASK_SIZE). */
export const access_ok = (addr: number, size: number) => addr >= 0 && size >= 0 && addr + size <= 0x40000000;

/**
 * simple_read_from_buffer(to, count, ppos, from, available): copy from a kernel buffer at
 * *ppos to user space; the bytes copied (ppos advances), 0 at the end, or -EFAULT.
 */
export function simple_read_from_buffer(to: UserPtr | number, count: number, ppos: { value: number }, from: Uint8Array | string, available?: number): number {
  const src = typeof from === "string" ? enc.encode(from) : from;
  const avail = Math.min(available ?? src.length, src.length);
  const pos = ppos.value;
  if (pos < 0) return -EINVAL;
  if (pos >= avail || count <= 0) return 0;
  const n = Math.min(count, avail - pos);
  if (src instanceof KBuffer) checkObjectSize(src.subarray(pos), n, true);
  const left = copy_to_user(to, src.subarray(pos, pos + n), n);
  if (left === n) return -EFAULT;
  ppos.value = pos + n - left;
  return n - left;
}

/** simple_write_to_buffer(to, available, ppos, from, count): the mirror image. */
export function simple_write_to_buffer(to: Uint8Array, available: number, ppos: { value: number }, from: UserPtr | number, count: number): number {
  const pos = ppos.value;
  if (pos < 0) return -EINVAL;
  available = Math.min(available, to.length);
  if (pos >= available || count <= 0) return 0;
  const n = Math.min(count, available - pos);
  const tmp = new Uint8Array(n);
  const left = copy_from_user(tmp, from, n);
  if (left === n) return -EFAULT;
  if (to instanceof KBuffer) checkObjectSize(to.subarray(pos), n - left, false);
  to.set(tmp.subarray(0, n - left), pos);
  ppos.value = pos + n - left;
  return n - left;
}

export const api = {
  copy_to_user, copy_from_user, get_user, put_user, __get_user: get_user, __put_user: put_user, clear_user,
  strncpy_from_user, strnlen_user, access_ok, simple_read_from_buffer, simple_write_to_buffer,
};
exportHeader("linux/uaccess", api);
