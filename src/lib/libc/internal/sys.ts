// The plumbing every libc wrapper shares: the Sys<T> convention (a value when the call
// completed at once, a promise when it slept), chaining over it without forcing a promise,
// and scoped scratch allocation so that JavaScript strings and arrays become addresses in the
// process's memory for the duration of one call.
import { syscall6, trapBackend } from "../arch/trap.js";
import { __syscall_ret } from "../errno.js";
import { scratchAlloc, scratchMark, scratchRelease, bytes, view, encode, type Ptr } from "./mem.js";

export type Sys<T = number> = T | Promise<T>;
export type { Ptr };

/** Chain f after v without turning a plain value into a promise. */
export function then<T, U>(v: Sys<T>, f: (x: T) => Sys<U>): Sys<U> {
  return v instanceof Promise ? v.then(f) : f(v);
}

/** A raw system call in the C convention: the value, or -1 with errno. */
export function sys(nr: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): Sys {
  return then(syscall6(nr, a0, a1, a2, a3, a4, a5), __syscall_ret);
}

/** The allocator handed to a scoped call: every address it returns lives until the call ends. */
export interface Scope {
  /** n bytes (zeroed). */
  buf(n: number): Ptr;
  /** A NUL-terminated copy of s, or s itself when it is already an address. */
  str(s: string | Ptr): Ptr;
  /** A copy of b. */
  data(b: Uint8Array): Ptr;
  /** A NULL-terminated array of C strings. */
  strv(list: readonly string[]): Ptr;
}

const scope: Scope = {
  buf(n) {
    const p = scratchAlloc(n) as number;
    if (p < 0) throw new RangeError("libc: scratch area exhausted");
    bytes().fill(0, p, p + n);
    return p;
  },
  str(s) {
    if (typeof s === "number") return s;
    const b = encode(s);
    const p = scope.buf(b.length + 1);
    bytes().set(b, p);
    return p;
  },
  data(b) {
    const p = scope.buf(b.length);
    bytes().set(b, p);
    return p;
  },
  strv(list) {
    const ptrs = list.map((s) => scope.str(s));
    const arr = scope.buf((ptrs.length + 1) * 8);
    const v = view();
    ptrs.forEach((p, i) => v.setBigUint64(arr + i * 8, BigInt(p), true));
    return arr;
  },
};

function scratchReady(): Sys<unknown> {
  const st = trapBackend().state();
  if (st.scratch) return 0;
  return scratchAlloc(0);
}

/** Run fn with a scratch scope, released when fn's result (value or promise) is settled. */
export function scoped<T>(fn: (s: Scope) => Sys<T>): Sys<T> {
  return then(scratchReady(), () => {
    const mark = scratchMark();
    let r: Sys<T>;
    try {
      r = fn(scope);
    } catch (e) {
      scratchRelease(mark);
      throw e;
    }
    if (r instanceof Promise) return r.finally(() => scratchRelease(mark));
    scratchRelease(mark);
    return r;
  });
}

/** A system call with string arguments (paths) copied into scratch. */
export function sysStr(nr: number, args: (number | string)[]): Sys {
  if (args.every((a) => typeof a === "number")) return sys(nr, ...(args as number[]));
  return scoped((s) => sys(nr, ...args.map((a) => s.str(a))));
}

export const u8 = () => bytes();
export const dv = () => view();
/** Read a 64-bit signed field as a number. */
export const get64 = (p: number) => Number(view().getBigInt64(p, true));
export const set64 = (p: number, v: number | bigint) => view().setBigInt64(p, BigInt(v), true);
export const libcState = () => trapBackend().state();
