// "linux/slab" and "linux/vmalloc": the kernel heap. kmalloc returns a KBuffer, a Uint8Array
// with a fake kernel address (what %p prints, and what KASAN or kmemleak reports name), its
// cache (kmalloc-64 ...), and who allocated and freed it (task and stack, for the reports).
//
// The heap owns the memory, the caller holds a pointer. Each allocation makes an ArrayBuffer
// (the object's memory) and a KBuffer over it (the pointer kernel code passes around), and the
// heap keeps a record (SlabRecord) of it: the memory itself, address, size, cache, owner and
// allocation track, and a WeakRef to the KBuffer. The heap never holds the KBuffer strongly, so
// once no code can reach it (nor a view of it, since views point to their object) the garbage
// collector may take it and the WeakRef dies — the object is unreferenced, which is what
// kmemleak (mm/kmemleak.ts) looks for. The record and the memory stay until kfree, as a leaked
// object's memory stays allocated in Linux: accounts (slabUsage, /proc/meminfo's Slab) and
// KASAN's shadow view (slabLiveObjects) count leaked objects as allocated, and kmemleak can
// still dump their bytes.
//
// The KASAN-like checks (mm/kasan.ts): a KBuffer's set, fill and slice check bounds and
// whether it was freed; subarray gives a view that remembers its object and offset, so
// copy_to_user and kfree can tell where a pointer lies. A double free or a free of a pointer
// into an object is reported and ignored. Freed memory is poisoned with 0x6b, as SLUB does.
// A module's buf[i] is checked too (kbuild instruments it). failslab (mm/failslab.ts) may make
// an allocation fail. The allocation's and the free's stacks (~7 µs each) are saved only while
// KASAN or kmemleak wants them (slabDebug: kmemleak=off clears .kmemleak, KASAN's switch is
// .kasan; with both off kmalloc+kfree take ~2 µs instead of ~15).
import { exportHeader } from "../../kernel/module/ksyms.js";
import { printk, KERN } from "../../kernel/printk.js";
import { jiffies } from "./jiffies.js";
import { kasanReportAccess, kasanReportFree, kasanTrack, type Track } from "../../mm/kasan.js";
import { shouldFailSlab } from "../../mm/failslab.js";
import { TOTALRAM_BYTES, usedRamBytes } from "../../kernel/sysstat.js";
import { current } from "../../kernel/sched.js";

export const __GFP_ZERO = 0x100;
export const GFP_ATOMIC = 0x820, GFP_KERNEL = 0xcc0, GFP_NOWAIT = 0x800, GFP_NOIO = 0xc00, GFP_NOFS = 0xc40,
  GFP_USER = 0x100cc0, GFP_DMA = 0x1, GFP_HIGHUSER = 0x100cc2;
/** The largest kmalloc (KMALLOC_MAX_SIZE with 4 KiB pages, order 10): larger asks get NULL. */
export const KMALLOC_MAX_SIZE = 4096 << 10;
export const ZERO_SIZE_PTR = null;

/** A kernel heap object, or (from subarray) a view into one. */
export class KBuffer extends Uint8Array {
  static get [Symbol.species]() { return Uint8Array; }
  kaddr = 0n;
  owner = "";
  freed = false;
  cache: KmemCache | null = null;
  /** The object this is (itself) or a view into, and the view's offset in it. */
  object: KBuffer = this;
  offset = 0;
  allocTrack: Track | null = null;
  freeTrack: Track | null = null;
  /** The heap's record of this object (null for views). */
  record: SlabRecord | null = null;

  /** A bad access of n bytes at off in this buffer: reported against its object. */
  private bad(off: number, n: number, write: boolean): void {
    kasanReportAccess(this.object, this.offset + off, n, write);
  }
  override set(src: ArrayLike<number>, offset = 0): void {
    const n = src.length;
    if (this.object.freed || offset + n > this.length) {
      this.bad(offset, n, true);
      if (offset + n > this.length && offset >= 0) {
        const fit = Math.max(0, this.length - offset);
        super.set(ArrayBuffer.isView(src) ? (src as Uint8Array).subarray(0, fit) : Array.prototype.slice.call(src, 0, fit), offset);
        return;
      }
    }
    super.set(src, offset);
  }
  override fill(value: number, start = 0, end = this.length): this {
    if (this.object.freed || end > this.length) this.bad(start < 0 ? this.length + start : start, (end < 0 ? this.length + end : end) - (start < 0 ? this.length + start : start), true);
    return super.fill(value, start, end);
  }
  override slice(start = 0, end = this.length): Uint8Array<ArrayBuffer> {
    if (this.object.freed || end > this.length) this.bad(start, end - start, false);
    return super.slice(start, end);
  }
  /** A view of [begin, end) that keeps its object, so frees and copies can be checked. */
  override subarray(begin = 0, end = this.length): KBuffer {
    const len = this.length;
    const b = Math.min(len, Math.max(0, begin < 0 ? len + begin : begin));
    const e = Math.min(len, Math.max(b, end < 0 ? len + end : end));
    const v = new KBuffer(this.buffer, this.byteOffset + b, e - b);
    v.object = this.object;
    v.offset = this.offset + b;
    v.kaddr = this.kaddr + BigInt(b);
    v.cache = this.cache;
    v.owner = this.owner;
    return v;
  }
}

/** The kmalloc cache an object of size bytes comes from (kmalloc-8 ... kmalloc-8k), as SLUB sizes them. */
const KMALLOC_SIZES = [8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192];
const kmallocCaches = new Map<number, KmemCache>();
export function kmallocCache(size: number): KmemCache | null {
  const s = KMALLOC_SIZES.find((k) => k >= size);
  if (s === undefined) return null;
  let c = kmallocCaches.get(s);
  if (!c) {
    c = new KmemCache(s >= 1024 ? `kmalloc-${s / 1024}k` : `kmalloc-${s}`, s, s, 0, null);
    kmallocCaches.set(s, c);
  }
  return c;
}

/** Who is allocating: the module loader points this at the module whose code runs. */
export const slabHooks = { owner: (): string => "kernel" };

/** What an object's accounts and checks read: a KBuffer, or the record of one. */
export interface SlabObject {
  readonly kaddr: bigint;
  readonly length: number;
  readonly cache: KmemCache | null;
  readonly owner: string;
  readonly freed: boolean;
  readonly allocTrack: Track | null;
}

/** The heap's record of an allocated object; it outlives the KBuffer until kfree. */
export class SlabRecord implements SlabObject {
  /** Set by kfree, as the record leaves the heap. */
  freed = false;
  readonly ref: WeakRef<KBuffer>;
  readonly kaddr: bigint;
  readonly length: number;
  readonly cache: KmemCache | null;
  readonly owner: string;
  readonly allocTrack: Track | null;
  constructor(b: KBuffer, readonly mem: ArrayBuffer) {
    this.ref = new WeakRef(b);
    this.kaddr = b.kaddr;
    this.length = b.length;
    this.cache = b.cache;
    this.owner = b.owner;
    this.allocTrack = b.allocTrack;
  }
  /** The KBuffer, while some code can still reach it; undefined once it was collected. */
  deref(): KBuffer | undefined { return this.ref.deref(); }
  /** The object's memory as the heap sees it (no checks: for reports). */
  bytes(): Uint8Array { return new Uint8Array(this.mem); }
}

/** Whether allocations and frees save their stacks: KASAN's reports and kmemleak's need them. */
export const slabDebug = { kasan: true, kmemleak: true };
const tracking = () => slabDebug.kasan || slabDebug.kmemleak;

/** Every allocated, not freed, object, reachable or not, in allocation order. */
const live = new Set<SlabRecord>();
let nextKmalloc = 0xffff888100000000n;
let nextVmalloc = 0xffffc90000000000n;

/** Bytes the heap's live objects take, at their cache's or their pages' size. */
let heapBytes = 0;
const pagesOf = (n: number) => Math.ceil((n || 1) / 4096) * 4096;

/**
 * Is there memory for charge more bytes? The heap and user memory share the machine's RAM
 * (user memory is only counted once the heap is past half of it, to keep kmalloc cheap).
 */
function memoryFor(charge: number): boolean {
  const after = heapBytes + charge;
  return after <= TOTALRAM_BYTES / 2 || after + usedRamBytes() <= TOTALRAM_BYTES;
}

/** Linux's warn_alloc line for a failed allocation (rate-limited: one per second). */
let lastAllocWarning = -Infinity;
function warnAlloc(size: number, flags: number): void {
  const now = performance.now();
  if (now - lastAllocWarning < 1000) return;
  lastAllocWarning = now;
  const order = Math.max(0, Math.ceil(Math.log2(pagesOf(size) / 4096)));
  const names = (flags & ~__GFP_ZERO) === GFP_ATOMIC ? "GFP_ATOMIC" : (flags & ~__GFP_ZERO) === GFP_NOWAIT ? "GFP_NOWAIT" : "GFP_KERNEL";
  const mode = `0x${flags.toString(16)}(${names}${flags & __GFP_ZERO ? "|__GFP_ZERO" : ""})`;
  printk(`${KERN(4)}${current?.comm ?? "swapper/0"}: page allocation failure: order:${order}, mode:${mode}, nodemask=(null),cpuset=/,mems_allowed=0\n`);
}

function alloc(size: number, flags: number, vm: boolean, cache: KmemCache | null = null): KBuffer | null {
  size = Math.trunc(size);
  if (!(size >= 0) || (!vm && size > KMALLOC_MAX_SIZE)) return null;
  const kc = vm ? null : cache ?? kmallocCache(size);
  if (shouldFailSlab(kc?.name ?? (vm ? "vmalloc" : "kmalloc"), size, flags)) return null;
  const charge = kc ? kc.size : pagesOf(size);
  if (!memoryFor(charge)) { warnAlloc(size, flags); return null; }
  heapBytes += charge;
  const mem = new ArrayBuffer(size);
  const b = new KBuffer(mem);
  if (vm) { b.kaddr = nextVmalloc; nextVmalloc += BigInt(Math.ceil((size || 1) / 4096) * 4096 + 4096); }
  else { b.kaddr = nextKmalloc; nextKmalloc += BigInt(kc ? kc.size : Math.ceil(size / 4096) * 4096); }
  // JavaScript memory is zeroed; a buffer without __GFP_ZERO is filled as SLUB's poisoning does.
  if (!(flags & __GFP_ZERO)) Uint8Array.prototype.fill.call(b, 0x6b);
  b.owner = slabHooks.owner();
  b.cache = kc;
  if (tracking()) b.allocTrack = kasanTrack(jiffies);
  b.record = new SlabRecord(b, mem);
  live.add(b.record);
  return b;
}

function release(p: KBuffer | null | undefined, who: string): void {
  if (p === null || p === undefined) return;
  if (!(p instanceof KBuffer)) throw new Error(`${who}: freeing an object the kernel heap did not allocate`);
  // A double free, or a pointer into an object: reported, and the object is left alone.
  if (p.object.freed || p.object !== p) { kasanReportFree(p.object, p.offset); return; }
  p.freed = true;
  if (tracking()) p.freeTrack = kasanTrack(jiffies);
  Uint8Array.prototype.fill.call(p, 0x6b);
  if (p.record) { p.record.freed = true; live.delete(p.record); heapBytes -= p.cache ? p.cache.size : pagesOf(p.length); }
  p.record = null;
}

export const kmalloc = (size: number, flags: number) => alloc(size, flags, false);
export const kzalloc = (size: number, flags: number) => alloc(size, flags | __GFP_ZERO, false);
export const kmalloc_array = (n: number, size: number, flags: number) => alloc(n * size, flags, false);
export const kcalloc = (n: number, size: number, flags: number) => alloc(n * size, flags | __GFP_ZERO, false);
export const kfree = (p: KBuffer | null | undefined) => release(p, "kfree");
export const kvfree = (p: KBuffer | null | undefined) => release(p, "kvfree");
export const kfree_sensitive = (p: KBuffer | null | undefined) => { if (p && !p.object.freed) p.fill(0); release(p, "kfree_sensitive"); };
export const ksize = (p: KBuffer | null) => (p ? p.length : 0);
export const vmalloc = (size: number) => alloc(size, 0, true);
export const vzalloc = (size: number) => alloc(size, __GFP_ZERO, true);
export const vfree = (p: KBuffer | null | undefined) => release(p, "vfree");
export const kvmalloc = (size: number, flags: number) => alloc(size, flags, size > 4096);
export const kvzalloc = (size: number, flags: number) => alloc(size, flags | __GFP_ZERO, size > 4096);

/** krealloc: a buffer of the new size holding the old contents; the old one is freed. */
export function krealloc(p: KBuffer | null, size: number, flags: number): KBuffer | null {
  if (p && size <= p.length && size > 0) {
    const b = alloc(size, flags, false);
    if (!b) return null;
    b.set(p.subarray(0, size));
    release(p, "krealloc");
    return b;
  }
  const b = alloc(size, flags, false);
  if (!b) return null;
  if (p) { b.set(p); if (flags & __GFP_ZERO) b.fill(0, p.length); release(p, "krealloc"); }
  return b;
}

/** kstrdup: a NUL-terminated copy of s. */
export function kstrdup(s: string | null, flags: number): KBuffer | null {
  if (s === null) return null;
  const bytes = new TextEncoder().encode(s);
  const b = alloc(bytes.length + 1, flags, false);
  if (b) { b.set(bytes); b[bytes.length] = 0; }
  return b;
}

/** struct kmem_cache: objects of one size. */
export class KmemCache {
  live = 0;
  constructor(readonly name: string, readonly size: number, readonly align: number, readonly flags: number,
    readonly ctor: ((obj: KBuffer) => void) | null) { allCaches.add(this); }
}
/** Every cache (kmalloc-N and kmem_cache_create's), for /proc/slabinfo. */
const allCaches = new Set<KmemCache>();
export const kmemCaches = (): Iterable<KmemCache> => allCaches.values();
for (const s of KMALLOC_SIZES) kmallocCache(s); // created at boot, as kmem_cache_init does
export const SLAB_HWCACHE_ALIGN = 0x2000, SLAB_PANIC = 0x40000, SLAB_ACCOUNT = 0x4000000, SLAB_RECLAIM_ACCOUNT = 0x20000;

export function kmem_cache_create(name: string, size: number, align: number, flags: number, ctor: ((obj: KBuffer) => void) | null): KmemCache | null {
  if (!name || size <= 0 || size > KMALLOC_MAX_SIZE) return null;
  return new KmemCache(name, size, align, flags, ctor);
}
export function kmem_cache_alloc(c: KmemCache, flags: number): KBuffer | null {
  const b = alloc(c.size, flags, false, c);
  if (!b) return null;
  c.live++;
  c.ctor?.(b);
  return b;
}
export const kmem_cache_zalloc = (c: KmemCache, flags: number) => kmem_cache_alloc(c, flags | __GFP_ZERO);
export function kmem_cache_free(c: KmemCache, p: KBuffer | null): void {
  if (!p) return;
  if (p.cache !== c) throw new Error(`kmem_cache_free: ${c.name}: object from another cache`);
  const wasLive = !p.object.freed && p.object === p;
  release(p, "kmem_cache_free");
  if (wasLive) c.live--;
}
/** kmem_cache_destroy: a cache that still has objects is reported, as SLUB does. */
export function kmem_cache_destroy(c: KmemCache | null): void {
  if (!c) return;
  allCaches.delete(c);
  if (c.live > 0) printk(KERN(3) + `kmem_cache_destroy ${c.name}: Slab cache still has objects when called from kmem_cache_destroy\n`);
}

/** The heap's accounts: allocated (not freed) objects and bytes, in total and per owner. */
export function slabUsage(owner?: string): { objects: number; bytes: number } {
  let objects = 0, bytes = 0;
  for (const r of live) if (owner === undefined || r.owner === owner) { objects++; bytes += r.length; }
  return { objects, bytes };
}
/**
 * Allocated objects of an owner, or all (KASAN's shadow view): each as its KBuffer while it is
 * reachable, else as its record. Note that reaching a KBuffer keeps it alive until the current
 * job ends (WeakRef semantics).
 */
export function slabLiveObjects(owner?: string): SlabObject[] {
  const out: SlabObject[] = [];
  for (const r of live) if (owner === undefined || r.owner === owner) out.push(r.deref() ?? r);
  return out;
}
/** The heap's records, for kmemleak: reading them does not keep any object alive. */
export function slabRecords(): Iterable<SlabRecord> {
  return live.values();
}

export const api = {
  kmalloc, kzalloc, kmalloc_array, kcalloc, kfree, kvfree, kfree_sensitive, ksize, krealloc, kstrdup, vmalloc, vzalloc,
  vfree, kvmalloc, kvzalloc, kmem_cache_create, kmem_cache_alloc, kmem_cache_zalloc, kmem_cache_free, kmem_cache_destroy,
  GFP_ATOMIC, GFP_KERNEL, GFP_NOWAIT, GFP_NOIO, GFP_NOFS, GFP_USER, GFP_DMA, GFP_HIGHUSER, __GFP_ZERO, KMALLOC_MAX_SIZE,
  ZERO_SIZE_PTR, SLAB_HWCACHE_ALIGN, SLAB_PANIC, SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT,
};
exportHeader("linux/slab", api);
exportHeader("linux/vmalloc", { vmalloc, vzalloc, vfree });
