// libc's access to the process's own memory: copying JavaScript strings and byte arrays into
// it (so that system calls receive addresses, as in C) and reading results back out. Each
// process has a scratch area for this, mapped on first use.
import { trapBackend, syscall6 } from "../arch/trap.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const NR_mmap = 9;
const SCRATCH_SIZE = 1 << 20;

export type Ptr = number;

interface Scratch { base: number; size: number; used: number }

/** The process's scratch area (allocated with mmap the first time). */
function scratch(): Scratch | Promise<Scratch> {
  const st = trapBackend().state();
  if (st.scratch) return st.scratch as Scratch;
  const r = syscall6(NR_mmap, 0, SCRATCH_SIZE, 3, 0x22, -1, 0);
  const make = (base: number) => {
    if (base < 0) throw new Error("libc: out of memory for scratch");
    return (st.scratch = { base, size: SCRATCH_SIZE, used: 0 });
  };
  return typeof r === "number" ? make(r) : r.then(make);
}

/** Reserve n bytes of scratch for the duration of one call; release with scratchRelease(). */
export function scratchAlloc(n: number): number | Promise<number> {
  const s = scratch();
  const take = (sc: Scratch) => {
    const need = (n + 15) & ~15;
    if (sc.used + need > sc.size) return -1;
    const p = sc.base + sc.used;
    sc.used += need;
    return p;
  };
  return s instanceof Promise ? s.then(take) : take(s);
}

export function scratchMark(): number {
  const st = trapBackend().state();
  return (st.scratch as Scratch | undefined)?.used ?? 0;
}
export function scratchRelease(mark: number): void {
  const st = trapBackend().state();
  if (st.scratch) (st.scratch as Scratch).used = mark;
}

export function bytes(): Uint8Array { return trapBackend().bytes(); }
export function view(): DataView { return trapBackend().view(); }

/** Copy a string (NUL-terminated) into scratch; returns its address. */
export async function cstr(s: string): Promise<number> {
  const b = enc.encode(s);
  const p = await scratchAlloc(b.length + 1);
  if (p < 0) return 0;
  const m = bytes();
  m.set(b, p);
  m[p + b.length] = 0;
  return p;
}

/** Copy bytes into scratch; returns the address. */
export async function cbytes(b: Uint8Array): Promise<number> {
  const p = await scratchAlloc(b.length);
  bytes().set(b, p);
  return p;
}

/** Read a NUL-terminated string at p. */
export function readCString(p: number, max = 1 << 20): string {
  const m = bytes();
  let e = p;
  while (e < p + max && m[e] !== 0) e++;
  return dec.decode(m.slice(p, e));
}

export function readBytes(p: number, n: number): Uint8Array {
  return bytes().slice(p, p + n);
}

/** Run fn with scratch space released afterwards. */
export async function withScratch<T>(fn: () => Promise<T>): Promise<T> {
  const mark = scratchMark();
  try {
    return await fn();
  } finally {
    scratchRelease(mark);
  }
}

export const encode = (s: string) => enc.encode(s);
export const decode = (b: Uint8Array) => dec.decode(b);
