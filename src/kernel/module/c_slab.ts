// kmalloc and kfree for C kernel code, and the checks of its copies to and from user space.
// An object lives in the kernel memory at the size of the kmalloc cache SLUB would take it
// from (kmalloc-64 for kmalloc(50)); its record keeps the size asked for and who allocated and
// freed it, as the TypeScript heap's does (include/linux/slab.ts). copy_to_user and
// copy_from_user are checked as hardened usercopy does (mm/usercopy.ts): a NULL or wrapped
// buffer, or a copy running past its object's cache size, is the report and then BUG; a copy
// past the size asked for, or into a freed object, is KASAN's report, and the copy goes on.
// A freed object waits in a quarantine (filled with 0x6b) before its memory is reused, so a
// use after free or a double free is still seen. kmemleak scans as Linux's does: from every
// allocation of the kernel memory that is not a kmalloc object (modules' data, stacks, the
// kernel's views of files and devices), word by word, to the objects those words point into,
// and from them on; an object no chain of pointers reaches is unreferenced.
import type { KernelMemory } from "../../mm/kernel_memory.js";
import { kmallocCache, slabDebug, KMALLOC_MAX_SIZE, __GFP_ZERO, type KmemCache } from "../../include/linux/slab.js";
import { kasanReportAccess, kasanReportFree, kasanTrack, kasanHeaps, type KasanObject } from "../../mm/kasan.js";
import { usercopyAbort } from "../../mm/usercopy.js";
import { shouldFailSlab } from "../../mm/failslab.js";
import { KernelPageFault } from "../panic.js";
import { kmemleakHeaps, type LeakRecord } from "../../mm/kmemleak.js";
import { jiffies } from "../../include/linux/jiffies.js";
import type { Track } from "../../mm/kasan.js";

/** kmalloc(0)'s pointer: not NULL, and never to be touched (ZERO_SIZE_PTR). */
export const ZERO_SIZE_PTR = 16;
/** Freed bytes kept from reuse, as KASAN's quarantine. */
const QUARANTINE_BYTES = 1 << 20;
/** Below this no kernel memory is ever mapped (kernel_memory.ts's KMEM_BASE). */
const FIRST_MAPPED = 0x10000;

class CSlabObject implements KasanObject, LeakRecord {
  readonly kaddr: bigint;
  freed = false;
  freeTrack: Track | null = null;
  private owner: string | null | undefined;
  constructor(private readonly km: KernelMemory, readonly start: number, readonly length: number,
    readonly cache: KmemCache | null, readonly allocTrack: Track | null) {
    this.kaddr = BigInt(start);
  }
  /** The C module whose code allocated it (its allocation stack's innermost module frame). */
  get module(): string | null {
    if (this.owner === undefined) this.owner = this.allocTrack ? moduleOf(this.allocTrack) : null;
    return this.owner;
  }
  bytes(): Uint8Array { return this.km.bytes.slice(this.start, this.start + this.length); }
  /** The bytes the object takes: its cache's size, or whole pages for a large one. */
  get span(): number { return this.cache ? this.cache.size : Math.ceil((this.length || 1) / 4096) * 4096; }
}

export class CSlab {
  /** Live and quarantined objects by start, and their starts in order. */
  private readonly objects = new Map<number, CSlabObject>();
  private readonly starts: number[] = [];
  private readonly quarantine: CSlabObject[] = [];
  private quarantined = 0;

  constructor(private readonly km: KernelMemory) {
    kasanHeaps.push(() => [...this.objects.values()]);
    kmemleakHeaps.push({ records: () => this.live(), unreferenced: () => this.unreferenced() });
  }

  private live(): CSlabObject[] {
    return [...this.objects.values()].filter((o) => !o.freed);
  }

  /** kmemleak's scan: the live objects no pointer from the roots, directly or not, reaches. */
  private unreferenced(): CSlabObject[] {
    const words = new Uint32Array(this.km.memory.buffer);
    const reached = new Set<CSlabObject>();
    const pending: CSlabObject[] = [];
    const scan = (start: number, size: number) => {
      for (let i = Math.ceil(start / 4), end = Math.floor((start + size) / 4); i < end; i++) {
        const v = words[i];
        if (v < FIRST_MAPPED) continue;
        const o = this.containing(v);
        if (o && !o.freed && v < o.start + o.length && !reached.has(o)) { reached.add(o); pending.push(o); }
      }
    };
    for (const [start, size] of this.km.allocations()) if (!this.objects.has(start)) scan(start, size);
    while (pending.length) { const o = pending.pop()!; scan(o.start, o.length); }
    return this.live().filter((o) => !reached.has(o));
  }

  kmalloc(size: number, flags: number): number {
    size >>>= 0;
    if (size === 0) return ZERO_SIZE_PTR;
    if (size > KMALLOC_MAX_SIZE) return 0;
    const cache = kmallocCache(size);
    if (shouldFailSlab(cache?.name ?? "kmalloc", size, flags)) return 0;
    const p = this.km.alloc(cache ? cache.size : Math.ceil(size / 4096) * 4096);
    if (!p) return 0;
    const o = new CSlabObject(this.km, p, size, cache, slabDebug.kasan || slabDebug.kmemleak ? kasanTrack(jiffies) : null);
    this.km.bytes.fill(flags & __GFP_ZERO ? 0 : 0x6b, p, p + o.span);
    this.objects.set(p, o);
    this.starts.splice(this.insertionPoint(p), 0, p);
    return p;
  }

  kfree(p: number): void {
    p >>>= 0;
    if (p <= ZERO_SIZE_PTR) return;
    const o = this.objects.get(p);
    if (o === undefined || o.freed) {
      const c = o ?? this.containing(p);
      if (c) kasanReportFree(c, p - c.start);
      return;
    }
    o.freed = true;
    if (slabDebug.kasan || slabDebug.kmemleak) o.freeTrack = kasanTrack(jiffies);
    this.km.forget(p, o.span);
    this.km.bytes.fill(0x6b, p, p + o.span);
    this.quarantine.push(o);
    this.quarantined += o.span;
    while (this.quarantined > QUARANTINE_BYTES) this.evict(this.quarantine.shift()!);
  }

  /** The live or quarantined object whose memory holds addr. */
  containing(addr: number): CSlabObject | undefined {
    const i = this.insertionPoint(addr + 1) - 1;
    if (i < 0) return undefined;
    const o = this.objects.get(this.starts[i])!;
    return addr < o.start + o.span ? o : undefined;
  }

  /**
   * check_copy_size and check_object_size for a copy of n bytes between user space and kernel
   * memory at ptr; false when the copy must not happen at all (n past INT_MAX).
   */
  __check_object_size(ptr: number, n: number, toUser: boolean): boolean {
    if (n > 0x7fffffff) return false;
    if (n === 0) return true;
    if (ptr + (n - 1) > 0xffffffff) usercopyAbort("wrapped address", null, toUser, 0, ptr + (n - 1));
    if (ptr <= ZERO_SIZE_PTR) usercopyAbort("null address", null, toUser, ptr, n);
    if (ptr < FIRST_MAPPED) throw new KernelPageFault(ptr, !toUser);
    if (ptr + n > this.km.bytes.length) throw new KernelPageFault(Math.max(ptr, this.km.bytes.length), !toUser);
    const { stackBase, stackTop } = this.km;
    if (ptr >= stackBase && ptr < stackTop) {
      if (ptr + n > stackTop) usercopyAbort("process stack", null, toUser, ptr - stackBase, n);
      return true;
    }
    const o = this.containing(ptr);
    if (o === undefined) return true;
    const off = ptr - o.start;
    if (off + n > o.span) usercopyAbort(o.cache ? "SLUB object" : "page alloc", o.cache?.name ?? null, toUser, off, n);
    if (o.freed || off + n > o.length) kasanReportAccess(o, off, n, !toUser);
    return true;
  }

  private evict(o: CSlabObject): void {
    this.quarantined -= o.span;
    this.objects.delete(o.start);
    this.starts.splice(this.insertionPoint(o.start), 1);
    this.km.release(o.start, true);
  }

  /** The index of the first start greater than or equal to addr. */
  private insertionPoint(addr: number): number {
    let lo = 0, hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < addr) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The C module whose code allocated: the innermost frame of a module's WebAssembly. */
function moduleOf(t: Track): string | null {
  return /wasm:\/\/wasm\/([\w-]+)\.ko\.wasm/.exec(t.stack.stack ?? "")?.[1] ?? null;
}

const slabs = new WeakMap<KernelMemory, CSlab>();

/** The C heap of a kernel memory. */
export function cSlab(km: KernelMemory): CSlab {
  let s = slabs.get(km);
  if (s === undefined) slabs.set(km, (s = new CSlab(km)));
  return s;
}
