// The kernel memory C kernel code runs on: one WebAssembly memory shared by every C module (so
// pointers pass between them), the function table their function pointers index, the stack
// their calls run on, and kmalloc's heap inside it. Created on the first C module's load.
// Address 0 up to KMEM_BASE is never handed out, so NULL is never a valid object.
//
// The heap is first fit over a free list kept in address order, merging neighbours on free;
// allocations are KMEM_ALIGN-aligned. It grows the memory page by page up to KMEM_MAX, and past
// that an allocation fails (kmalloc returns NULL), as when a machine's memory is used up.

const PAGE = 65536;
const KMEM_INITIAL_PAGES = 64; // 4 MiB
const KMEM_MAX_PAGES = 4096; // 256 MiB
const KMEM_BASE = 0x10000;
const KMEM_ALIGN = 16;
/**
 * The stack every kernel-to-C call runs on: the kernel has one CPU, and a call that sleeps has its
 * frames copied out until it resumes (kernel/module/c_sleep.ts).
 */
const KSTACK_SIZE = 256 * 1024;

interface Span { start: number; size: number }

export class KernelMemory {
  readonly memory = new WebAssembly.Memory({ initial: KMEM_INITIAL_PAGES, maximum: KMEM_MAX_PAGES });
  readonly table = new WebAssembly.Table({ element: "anyfunc", initial: 1 });
  readonly stackPointer: WebAssembly.Global;
  /** The kernel stack's lowest address and the one past its top. */
  readonly stackBase: number;
  readonly stackTop: number;
  private free: Span[] = [{ start: KMEM_BASE, size: KMEM_INITIAL_PAGES * PAGE - KMEM_BASE }];
  private used = new Map<number, number>();

  constructor() {
    this.stackBase = this.alloc(KSTACK_SIZE);
    this.stackTop = this.stackBase + KSTACK_SIZE;
    this.stackPointer = new WebAssembly.Global({ value: "i32", mutable: true }, this.stackTop);
  }

  get bytes(): Uint8Array { return new Uint8Array(this.memory.buffer); }
  get view(): DataView { return new DataView(this.memory.buffer); }

  /** size bytes (at least 1), aligned; 0 when the memory is exhausted. */
  alloc(size: number, align = KMEM_ALIGN): number {
    const want = Math.max(KMEM_ALIGN, Math.ceil(size / KMEM_ALIGN) * KMEM_ALIGN);
    for (let tries = 0; tries < 2; tries++) {
      for (let i = 0; i < this.free.length; i++) {
        const s = this.free[i];
        const start = Math.ceil(s.start / align) * align;
        const lead = start - s.start;
        if (s.size < lead + want) continue;
        const rest = s.size - lead - want;
        const repl: Span[] = [];
        if (lead) repl.push({ start: s.start, size: lead });
        if (rest) repl.push({ start: start + want, size: rest });
        this.free.splice(i, 1, ...repl);
        this.used.set(start, want);
        return start;
      }
      if (!this.grow(want + align)) return 0;
    }
    return 0;
  }

  /** Every allocation: its start and size. */
  allocations(): IterableIterator<[number, number]> { return this.used.entries(); }

  /** The size of the allocation at addr, or undefined when addr is not the start of one. */
  sizeOf(addr: number): number | undefined { return this.used.get(addr); }

  /** Told of each allocation freed (start, size): what the kernel keeps about objects inside it goes. */
  readonly onRelease: ((start: number, size: number) => void)[] = [];

  /** Tell onRelease's listeners that the objects in [start, start + size) are gone (a kfree). */
  forget(start: number, size: number): void {
    for (const f of this.onRelease) f(start, size);
  }

  /**
   * Free an allocation; false when addr is not one (a double or wild free). `forgotten`: its
   * listeners were told already (kfree, before the quarantine gave the memory back).
   */
  release(addr: number, forgotten = false): boolean {
    const size = this.used.get(addr);
    if (size === undefined) return false;
    this.used.delete(addr);
    if (!forgotten) this.forget(addr, size);
    this.insertFree({ start: addr, size });
    return true;
  }

  /** Reserve n table slots for a module's functions; the first slot's index. */
  tableSlots(n: number): number {
    const base = this.table.length;
    if (n > 0) this.table.grow(n);
    return base;
  }

  private insertFree(span: Span): void {
    let i = this.free.findIndex((s) => s.start > span.start);
    if (i < 0) i = this.free.length;
    this.free.splice(i, 0, span);
    const merge = (k: number) => {
      const a = this.free[k], b = this.free[k + 1];
      if (a && b && a.start + a.size === b.start) { a.size += b.size; this.free.splice(k + 1, 1); }
    };
    merge(i);
    if (i > 0) merge(i - 1);
  }

  private grow(need: number): boolean {
    const pages = Math.ceil(need / PAGE);
    const before = this.memory.buffer.byteLength;
    if (before / PAGE + pages > KMEM_MAX_PAGES) return false;
    this.memory.grow(pages);
    this.insertFree({ start: before, size: pages * PAGE });
    return true;
  }

  /** A NUL-terminated string at addr (at most max bytes) as text. */
  cString(addr: number, max = 1 << 20): string {
    const b = this.bytes;
    if (addr <= 0 || addr >= b.length) return "(null)";
    let end = addr;
    const limit = Math.min(b.length, addr + max);
    while (end < limit && b[end] !== 0) end++;
    return new TextDecoder().decode(b.subarray(addr, end));
  }
}

let kmem: KernelMemory | null = null;

/** The kernel memory, made on first use. */
export function kernelMemory(): KernelMemory {
  return (kmem ??= new KernelMemory());
}
