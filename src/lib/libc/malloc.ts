// The allocator behind malloc, free, calloc and realloc (<stdlib.h>), in the process's own
// memory. Small blocks come from the heap, grown with brk(2); blocks of 128 KiB or more get
// their own mmap(2), as glibc's do. Each block has a 16-byte header just before the address
// handed out (its size, and bit 0 set for an mmap'd block); the free list and the set of live
// blocks are per-process libc state. free() of an address that is not a live block prints
// glibc's "free(): invalid pointer" (or "free(): double free detected in tcache 2") and aborts.
import { syscall6 } from "./arch/trap.js";
import { then, dv, u8, libcState, type Sys } from "./internal/sys.js";
import { __set_errno } from "./errno.js";
import { ENOMEM } from "../../include/uapi/errno.js";
import { abort } from "./internal/abort.js";
import { write } from "./unistd_io.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

const HDR = 16;
const MMAP_THRESHOLD = 128 * 1024;
const HEAP_STEP = 128 * 1024;
const PAGE = 4096;
const MIN_SPLIT = 32;

interface FreeBlock { addr: number; size: number }
interface Arena {
  start: number;
  /** End of the space obtained from brk, and end of the part carved into blocks. */
  brk: number;
  top: number;
  free: FreeBlock[];
  live: Set<number>;
  freed: Set<number>;
}

function arena(): Sys<Arena> {
  const st = libcState();
  if (st.malloc) return st.malloc as Arena;
  return then(syscall6(NR.__NR_brk, 0), (b) => {
    if (st.malloc) return st.malloc as Arena;
    const start = (b + 15) & ~15;
    const a: Arena = { start, brk: b, top: start, free: [], live: new Set(), freed: new Set() };
    return (st.malloc = a);
  });
}

const blockSize = (n: number) => Math.max(32, (n + HDR + 15) & ~15);
const header = (p: number) => Number(dv().getBigUint64(p - HDR, true));
const setHeader = (p: number, size: number, mmapped: boolean) => dv().setBigUint64(p - HDR, BigInt(size | (mmapped ? 1 : 0)), true);

/** The usable size of a live block. */
export function malloc_usable_size(p: number): number {
  return p ? (header(p) & ~15) - HDR : 0;
}

function fail(): number {
  __set_errno(ENOMEM);
  return 0;
}

/** malloc(n): an address of n bytes (16-aligned), or 0 with ENOMEM. */
export function malloc(n: number): Sys<number> {
  if (!(n >= 0) || n > 0x3fffffff) return fail();
  return then(arena(), (a) => {
    const size = blockSize(n);
    if (size >= MMAP_THRESHOLD) return mmapBlock(a, size);
    // First fit in the free list (address-ordered), split when the rest is worth keeping.
    for (let i = 0; i < a.free.length; i++) {
      const f = a.free[i];
      if (f.size < size) continue;
      if (f.size - size >= MIN_SPLIT) {
        f.addr += size; f.size -= size;
        return use(a, f.addr - size, size);
      }
      a.free.splice(i, 1);
      return use(a, f.addr, f.size);
    }
    if (a.top + size <= a.brk) {
      a.top += size;
      return use(a, a.top - size, size);
    }
    const want = a.brk + Math.max(HEAP_STEP, ((a.top + size - a.brk + PAGE - 1) & ~(PAGE - 1)));
    return then(syscall6(NR.__NR_brk, want), (nb) => {
      if (nb < a.top + size) return fail();
      a.brk = nb;
      a.top += size;
      return use(a, a.top - size, size);
    });
  });
}

function use(a: Arena, block: number, size: number): number {
  const p = block + HDR;
  setHeader(p, size, false);
  a.live.add(p);
  a.freed.delete(p);
  return p;
}

function mmapBlock(a: Arena, size: number): Sys<number> {
  const len = (size + PAGE - 1) & ~(PAGE - 1);
  return then(syscall6(NR.__NR_mmap, 0, len, 3, 0x22, -1, 0), (m) => {
    if (m < 0 && m > -4096) return fail();
    const p = m + HDR;
    setHeader(p, len, true);
    a.live.add(p);
    a.freed.delete(p);
    return p;
  });
}

/** free(p): p is 0 or an address malloc returned; anything else aborts as glibc does. */
export function free(p: number): Sys<void> {
  if (!p) return;
  return then(arena(), (a): Sys<void> => {
    if (!a.live.has(p)) return corrupt(a.freed.has(p) ? "free(): double free detected in tcache 2" : "free(): invalid pointer");
    a.live.delete(p);
    a.freed.add(p);
    const h = header(p);
    if (h & 1) return then(syscall6(NR.__NR_munmap, p - HDR, h & ~15), () => undefined);
    release(a, p - HDR, h & ~15);
  });
}

/** Put a block back on the address-ordered free list, merging with its neighbours. */
function release(a: Arena, addr: number, size: number): void {
  const list = a.free;
  let i = 0;
  while (i < list.length && list[i].addr < addr) i++;
  list.splice(i, 0, { addr, size });
  if (i + 1 < list.length && addr + size === list[i + 1].addr) {
    list[i].size += list[i + 1].size;
    list.splice(i + 1, 1);
  }
  if (i > 0 && list[i - 1].addr + list[i - 1].size === addr) {
    list[i - 1].size += list[i].size;
    list.splice(i, 1);
    i--;
  }
  // The last block touches the top: give it back to the unused part.
  const last = list[list.length - 1];
  if (last && last.addr + last.size === a.top) {
    a.top = last.addr;
    list.pop();
  }
}

async function corrupt(msg: string): Promise<void> {
  await write(2, msg + "\n");
  await abort();
}

/** calloc(n, size): zeroed memory, or 0 with ENOMEM (also when n * size overflows). */
export function calloc(n: number, size: number): Sys<number> {
  const total = n * size;
  if (!Number.isSafeInteger(total) || total > 0x3fffffff) return fail();
  return then(malloc(total), (p) => {
    if (p) u8().fill(0, p, p + total);
    return p;
  });
}

/** realloc(p, n): resize, keeping the contents; 0 with ENOMEM leaves p alone. */
export function realloc(p: number, n: number): Sys<number> {
  if (!p) return malloc(n);
  if (n === 0) return then(free(p), () => 0);
  return then(arena(), (a) => {
    if (!a.live.has(p)) return then(corrupt("realloc(): invalid pointer"), () => 0);
    const old = malloc_usable_size(p);
    if (n <= old) return p;
    return then(malloc(n), (q) => {
      if (!q) return 0;
      u8().copyWithin(q, p, p + Math.min(old, n));
      return then(free(p), () => q);
    });
  });
}
