// <unistd.h>: the POSIX system-call wrappers. Each returns the result, or -1 with errno set,
// as glibc's do; those that may sleep return a promise, so callers always `await`.
// Buffers may be addresses in the process's memory (from malloc) or JavaScript values, which
// are copied through the process's scratch area.
import { syscall6 } from "./arch/trap.js";
import { __syscall_ret } from "./errno.js";
import { cstr, cbytes, scratchAlloc, scratchMark, scratchRelease, bytes, type Ptr } from "./internal/mem.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

export type Sys<T = number> = T | Promise<T>;
export const STDIN_FILENO = 0, STDOUT_FILENO = 1, STDERR_FILENO = 2;

const enc = new TextEncoder();

function done(r: number | Promise<number>): Sys {
  return typeof r === "number" ? __syscall_ret(r) : r.then(__syscall_ret);
}

/** write(fd, buf, count): buf is an address, a Uint8Array or a string. */
export function write(fd: number, buf: Ptr | Uint8Array | string, count?: number): Sys {
  if (typeof buf === "number") return done(syscall6(NR.__NR_write, fd, buf, count ?? 0));
  const data = typeof buf === "string" ? enc.encode(buf) : buf;
  const n = count === undefined ? data.length : Math.min(count, data.length);
  return (async () => {
    const mark = scratchMark();
    try {
      const p = await cbytes(data.subarray(0, n));
      return __syscall_ret(await syscall6(NR.__NR_write, fd, p, n));
    } finally {
      scratchRelease(mark);
    }
  })();
}

/** read(fd, buf, count): buf is an address or a Uint8Array to fill. */
export function read(fd: number, buf: Ptr | Uint8Array, count?: number): Sys {
  if (typeof buf === "number") return done(syscall6(NR.__NR_read, fd, buf, count ?? 0));
  const n = count === undefined ? buf.length : Math.min(count, buf.length);
  return (async () => {
    const mark = scratchMark();
    try {
      const p = await scratchAlloc(n);
      const r = __syscall_ret(await syscall6(NR.__NR_read, fd, p, n));
      if (r > 0) buf.set(bytes().subarray(p, p + r));
      return r;
    } finally {
      scratchRelease(mark);
    }
  })();
}

export function close(fd: number): Sys { return done(syscall6(NR.__NR_close, fd)); }
export function getpid(): Sys { return done(syscall6(NR.__NR_getpid)); }

/** _exit(status): end the process now, without flushing stdio. Never returns. */
export async function _exit(status: number): Promise<never> {
  await syscall6(NR.__NR_exit_group, status & 0xff);
  throw new Error("_exit returned");
}

/** Call fn with each string copied into memory and a NULL-terminated pointer array. */
export async function withStringArray<T>(list: string[], fn: (p: Ptr) => Promise<T>): Promise<T> {
  const ptrs: number[] = [];
  for (const s of list) ptrs.push(await cstr(s));
  const arr = await scratchAlloc((ptrs.length + 1) * 8);
  const v = new DataView(bytes().buffer);
  ptrs.forEach((p, i) => v.setBigUint64(arr + i * 8, BigInt(p), true));
  v.setBigUint64(arr + ptrs.length * 8, 0n, true);
  return fn(arr);
}

/** execve(path, argv, envp): replaces the program; returns only on failure (-1, errno). */
export async function execve(path: string, argv: string[], envp: string[]): Promise<number> {
  const mark = scratchMark();
  try {
    const p = await cstr(path);
    return await withStringArray(argv, (a) => withStringArray(envp, async (e) => __syscall_ret(await syscall6(NR.__NR_execve, p, a, e))));
  } finally {
    scratchRelease(mark);
  }
}
