// A process's address space: one shared WebAssembly.Memory (so a Worker and the kernel see the
// same bytes) and the list of mapped areas (text, data, heap, mmap areas, stack) that
// /proc/PID/maps shows. An address is valid only inside an area; page 0 is never mapped.
//
// Layout (addresses below TASK_SIZE, 1 GiB):
//   0x00000000-0x0000ffff  never mapped (vm.mmap_min_addr)
//   0x00400000-            text, then data, then the heap ([heap], grown by brk)
//   ...down from MMAP_BASE anonymous and file mappings, top-down as on x86-64
//   STACK_TOP-132KiB-STACK_TOP  [stack], argv and envp strings at its top
import { Errno } from "../kernel/errors.js";
import { EINVAL, ENOMEM } from "../include/uapi/errno.js";
import { PROT_READ, PROT_WRITE, PROT_EXEC, MAP_FIXED, MAP_FIXED_NOREPLACE, MAP_SHARED, PAGE_SIZE } from "../include/uapi/mman.js";
import { EEXIST } from "../include/uapi/errno.js";
import { makeFiller, type Filler } from "./memfill.js";
import { WASM_ADDRESS_SPACE, WASM_TEXT_START, WASM_UNMAPPED_BELOW } from "../include/uapi/wasm_abi.js";

/** An address in a process's address space, as a syscall receives it. */
export type UserPtr = number & { readonly __user: unique symbol };
export const userPtr = (n: number) => n as UserPtr;

export const TASK_SIZE = WASM_ADDRESS_SPACE;
export const MMAP_MIN_ADDR = WASM_UNMAPPED_BELOW;
export const TEXT_START = WASM_TEXT_START;
export const STACK_TOP = TASK_SIZE;
export const STACK_SIZE = 132 * 1024;
export const STACK_MAX = 8 * 1024 * 1024;
export const MMAP_BASE = STACK_TOP - STACK_MAX - PAGE_SIZE * 16;
const PAGES = TASK_SIZE / 65536;

export const pageAlignUp = (n: number) => Math.ceil(n / PAGE_SIZE) * PAGE_SIZE;
export const pageAlignDown = (n: number) => Math.floor(n / PAGE_SIZE) * PAGE_SIZE;
export const pageAligned = (n: number) => n % PAGE_SIZE === 0;

export interface VmArea {
  start: number;
  end: number;
  prot: number;
  shared: boolean;
  /** What /proc/PID/maps names it: a path, "[heap]", "[stack]", or "" for anonymous memory. */
  name: string;
  /** For file mappings: the device, inode and offset /proc/PID/maps prints. */
  dev?: number;
  ino?: number;
  pgoff?: number;
}

export class MmStruct {
  readonly memory: WebAssembly.Memory;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  areas: VmArea[] = [];
  startCode = 0; endCode = 0; startData = 0; endData = 0;
  startBrk = 0; brk = 0;
  startStack = 0; argStart = 0; argEnd = 0; envStart = 0; envEnd = 0;
  users = 1;
  /** The program file mapped as text: it cannot be written while mapped (ETXTBSY). */
  exe: { execCount: number } | null = null;
  private filler: Filler | null = null;
  /** Nothing has run in this address space yet: its memory is all zeros, so mapping needs no clearing. */
  pristine = true;

  constructor(memory?: WebAssembly.Memory) {
    this.memory = memory ?? new WebAssembly.Memory({ initial: PAGES, maximum: PAGES, shared: true });
    this.bytes = new Uint8Array(this.memory.buffer);
    this.view = new DataView(this.memory.buffer);
  }

  /** Zero [start, end) of this address space's memory (a memset: see memfill.ts). */
  zero(start: number, end: number): void {
    if (end <= start) return;
    (this.filler ??= makeFiller(this.memory))(start, 0, end - start);
  }

  /** Is [addr, addr+len) inside mapped areas with the given protection? */
  accessOk(addr: number, len: number, prot = PROT_READ): boolean {
    if (len === 0) return true;
    if (!(addr >= MMAP_MIN_ADDR) || addr + len > TASK_SIZE || !Number.isInteger(addr)) return false;
    let a = addr;
    const end = addr + len;
    for (const vma of this.areas) {
      if (vma.end <= a) continue;
      if (vma.start > a) return false;
      if ((vma.prot & prot) !== prot) return false;
      a = vma.end;
      if (a >= end) return true;
    }
    return false;
  }

  findArea(addr: number): VmArea | undefined {
    return this.areas.find((v) => addr >= v.start && addr < v.end);
  }

  /** Insert an area, keeping the list sorted; the range must be free. */
  private insert(vma: VmArea): void {
    const i = this.areas.findIndex((v) => v.start > vma.start);
    if (i < 0) this.areas.push(vma);
    else this.areas.splice(i, 0, vma);
  }

  /** Map [start, start+len) at a fixed address (used by exec for text, data and stack). */
  mapFixed(start: number, len: number, prot: number, name: string, extra: Partial<VmArea> = {}): VmArea {
    this.unmap(start, len, !this.pristine);
    const vma: VmArea = { start, end: start + len, prot, shared: false, name, ...extra };
    this.insert(vma);
    return vma;
  }

  /**
   * Remove [start, start+len) from every area it touches, splitting areas as needed, and clear
   * the bytes (a Worker program can write to unmapped memory, so a later mapping must not see it).
   */
  unmap(start: number, len: number, clear = true): void {
    const end = start + len;
    const out: VmArea[] = [];
    for (const v of this.areas) {
      if (v.end <= start || v.start >= end) { out.push(v); continue; }
      if (v.start < start) out.push({ ...v, end: start });
      if (v.end > end) out.push({ ...v, start: end, pgoff: v.pgoff === undefined ? undefined : v.pgoff + (end - v.start) });
    }
    this.areas = out;
    if (clear) this.zero(Math.max(start, 0), Math.min(end, TASK_SIZE));
  }

  /** Change the protection of [start, start+len); every page must be mapped (else ENOMEM). */
  protect(start: number, len: number, prot: number): void {
    if (!pageAligned(start)) throw new Errno(EINVAL);
    len = pageAlignUp(len);
    const end = start + len;
    if (!this.accessOk(start, len, 0)) throw new Errno(ENOMEM);
    const out: VmArea[] = [];
    for (const v of this.areas) {
      if (v.end <= start || v.start >= end) { out.push(v); continue; }
      if (v.start < start) out.push({ ...v, end: start });
      out.push({ ...v, start: Math.max(v.start, start), end: Math.min(v.end, end), prot });
      if (v.end > end) out.push({ ...v, start: end });
    }
    this.areas = out;
  }

  /** Find a free range of len bytes, top-down below MMAP_BASE. */
  private getUnmappedArea(len: number): number {
    let top = MMAP_BASE;
    const sorted = [...this.areas].sort((a, b) => b.start - a.start);
    for (const v of sorted) {
      if (v.start >= top) { top = Math.min(top, v.start); continue; }
      if (v.end <= top - len) return top - len;
      top = Math.min(top, v.start);
    }
    const candidate = top - len;
    if (candidate < this.brk + PAGE_SIZE * 256) throw new Errno(ENOMEM);
    return candidate;
  }

  /** mmap(2) for anonymous memory. Returns the address. */
  mmap(addr: number, len: number, prot: number, flags: number, name = ""): number {
    if (len <= 0 || !pageAligned(addr)) throw new Errno(EINVAL);
    len = pageAlignUp(len);
    if (len > TASK_SIZE) throw new Errno(ENOMEM);
    let start: number;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
      if (addr < MMAP_MIN_ADDR || addr + len > TASK_SIZE) throw new Errno(addr + len > TASK_SIZE ? ENOMEM : EINVAL);
      if ((flags & MAP_FIXED_NOREPLACE) && this.areas.some((v) => v.start < addr + len && v.end > addr)) throw new Errno(EEXIST);
      start = addr;
    } else if (addr >= MMAP_MIN_ADDR && addr + len <= MMAP_BASE && !this.areas.some((v) => v.start < addr + len && v.end > addr)) {
      start = addr;
    } else {
      start = this.getUnmappedArea(len);
    }
    this.mapFixed(start, len, prot & (PROT_READ | PROT_WRITE | PROT_EXEC), name, { shared: (flags & MAP_SHARED) !== 0 });
    return start;
  }

  /** brk(2): move the end of the heap; returns the new (or, on failure, the old) break. */
  setBrk(newBrk: number): number {
    if (newBrk < this.startBrk) return this.brk;
    const oldEnd = pageAlignUp(this.brk), newEnd = pageAlignUp(newBrk);
    if (newEnd > oldEnd) {
      if (this.areas.some((v) => v.start < newEnd && v.end > oldEnd && v.name !== "[heap]")) return this.brk;
      if (newEnd > MMAP_BASE) return this.brk;
    }
    const heap = this.areas.find((v) => v.name === "[heap]");
    if (newEnd === pageAlignUp(this.startBrk)) {
      if (heap) this.areas = this.areas.filter((v) => v !== heap);
    } else if (heap) {
      if (newEnd < heap.end) this.zero(newEnd, heap.end);
      heap.end = newEnd;
    } else {
      this.mapFixed(pageAlignUp(this.startBrk), newEnd - pageAlignUp(this.startBrk), PROT_READ | PROT_WRITE, "[heap]");
    }
    this.brk = newBrk;
    return this.brk;
  }

  /**
   * A copy of this address space, for fork: same areas, same bytes. liveStack, when the caller
   * knows it (a C program's stack pointer at the fork), is where the used stack begins: the
   * stack below it holds only dead frames and is left zero, so a fork copies the few pages in
   * use rather than all 8 MiB (a page first written costs ~15 µs on the host).
   */
  duplicate(liveStack = 0): MmStruct {
    const mm = new MmStruct();
    mm.pristine = false;
    mm.exe = this.exe;
    if (mm.exe) mm.exe.execCount++;
    mm.areas = this.areas.map((v) => ({ ...v }));
    for (const v of this.areas) {
      const from = v.name === "[stack]" && liveStack > v.start && liveStack < v.end ? pageAlignDown(liveStack) : v.start;
      mm.bytes.set(this.bytes.subarray(from, v.end), from);
    }
    for (const k of ["startCode", "endCode", "startData", "endData", "startBrk", "brk", "startStack",
      "argStart", "argEnd", "envStart", "envEnd"] as const) mm[k] = this[k];
    return mm;
  }
}

/** Drop a task's reference on an address space; the last one unpins the program file. */
export function mmput(mm: MmStruct | null): void {
  if (!mm || --mm.users > 0) return;
  if (mm.exe) mm.exe.execCount--;
  mm.exe = null;
}
