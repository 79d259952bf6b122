// "linux/slab" and "linux/vmalloc": the kernel heap. kmalloc returns a KBuffer, a Uint8Array
// with a fake kernel address (what %p prints, and what KASAN or kmemleak reports will name)
// and an owner. The heap keeps accounts — live objects and bytes per owner — so a test or a
// soak run can check that everything a module allocated was freed. Freeing twice, or freeing
// what kmalloc did not return, is a kernel bug: it throws, and the caller's context oopses.
import { exportHeader } from "../../kernel/module/ksyms.js";
import { printk, KERN } from "../../kernel/printk.js";

export const __GFP_ZERO = 0x100;
export const GFP_ATOMIC = 0x820, GFP_KERNEL = 0xcc0, GFP_NOWAIT = 0x800, GFP_NOIO = 0xc00, GFP_NOFS = 0xc40,
  GFP_USER = 0x100cc0, GFP_DMA = 0x1, GFP_HIGHUSER = 0x100cc2;
/** The largest kmalloc (KMALLOC_MAX_SIZE with 4 KiB pages, order 10): larger asks get NULL. */
export const KMALLOC_MAX_SIZE = 4096 << 10;
export const ZERO_SIZE_PTR = null;

/** A kernel heap object. */
export class KBuffer extends Uint8Array {
  static get [Symbol.species]() { return Uint8Array; }
  kaddr = 0n;
  owner = "";
  freed = false;
  cache: KmemCache | null = null;
}

/** Who is allocating: the module loader points this at the module whose code runs. */
export const slabHooks = { owner: (): string => "kernel" };

const live = new Set<KBuffer>();
let nextKmalloc = 0xffff888100000000n;
let nextVmalloc = 0xffffc90000000000n;

function alloc(size: number, flags: number, vm: boolean, cache: KmemCache | null = null): KBuffer | null {
  size = Math.trunc(size);
  if (!(size >= 0) || (!vm && size > KMALLOC_MAX_SIZE)) return null;
  const b = new KBuffer(size);
  if (vm) { b.kaddr = nextVmalloc; nextVmalloc += BigInt(Math.ceil((size || 1) / 4096) * 4096 + 4096); }
  else { b.kaddr = nextKmalloc; nextKmalloc += BigInt(Math.max(8, 2 ** Math.ceil(Math.log2(size || 1)))); }
  // JavaScript memory is zeroed; a buffer without __GFP_ZERO is filled as SLUB's poisoning does.
  if (!(flags & __GFP_ZERO)) b.fill(0x6b);
  b.owner = slabHooks.owner();
  b.cache = cache;
  live.add(b);
  return b;
}

function release(p: KBuffer | null | undefined, who: string): void {
  if (p === null || p === undefined) return;
  if (!(p instanceof KBuffer)) throw new Error(`${who}: freeing an object the kernel heap did not allocate`);
  if (p.freed) throw new Error(`${who}: double free of ${p.kaddr.toString(16)}`);
  p.freed = true;
  live.delete(p);
}

export const kmalloc = (size: number, flags: number) => alloc(size, flags, false);
export const kzalloc = (size: number, flags: number) => alloc(size, flags | __GFP_ZERO, false);
export const kmalloc_array = (n: number, size: number, flags: number) => alloc(n * size, flags, false);
export const kcalloc = (n: number, size: number, flags: number) => alloc(n * size, flags | __GFP_ZERO, false);
export const kfree = (p: KBuffer | null | undefined) => release(p, "kfree");
export const kvfree = (p: KBuffer | null | undefined) => release(p, "kvfree");
export const kfree_sensitive = (p: KBuffer | null | undefined) => { p?.fill(0); release(p, "kfree_sensitive"); };
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
    readonly ctor: ((obj: KBuffer) => void) | null) {}
}
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
  release(p, "kmem_cache_free");
  c.live--;
}
/** kmem_cache_destroy: a cache that still has objects is reported, as SLUB does. */
export function kmem_cache_destroy(c: KmemCache | null): void {
  if (!c) return;
  if (c.live > 0) printk(KERN(3) + `kmem_cache_destroy ${c.name}: Slab cache still has objects when called from kmem_cache_destroy\n`);
}

/** The heap's accounts: live objects and bytes, in total and per owner. */
export function slabUsage(owner?: string): { objects: number; bytes: number } {
  let objects = 0, bytes = 0;
  for (const b of live) if (owner === undefined || b.owner === owner) { objects++; bytes += b.length; }
  return { objects, bytes };
}
/** Live objects of an owner (kmemleak's view, for unload checks). */
export function slabLiveObjects(owner: string): KBuffer[] {
  return [...live].filter((b) => b.owner === owner);
}

export const api = {
  kmalloc, kzalloc, kmalloc_array, kcalloc, kfree, kvfree, kfree_sensitive, ksize, krealloc, kstrdup, vmalloc, vzalloc,
  vfree, kvmalloc, kvzalloc, kmem_cache_create, kmem_cache_alloc, kmem_cache_zalloc, kmem_cache_free, kmem_cache_destroy,
  GFP_ATOMIC, GFP_KERNEL, GFP_NOWAIT, GFP_NOIO, GFP_NOFS, GFP_USER, GFP_DMA, GFP_HIGHUSER, __GFP_ZERO, KMALLOC_MAX_SIZE,
  ZERO_SIZE_PTR, SLAB_HWCACHE_ALIGN, SLAB_PANIC, SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT,
};
exportHeader("linux/slab", api);
exportHeader("linux/vmalloc", { vmalloc, vzalloc, vfree });
