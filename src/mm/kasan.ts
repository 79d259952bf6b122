// KASAN-like checks of the kernel heap (Linux's mm/kasan/report.c and generic.c, written anew).
// JavaScript never lets a typed array write outside itself, so the checks sit where an access is
// made: the KBuffer methods (set, fill, slice), copy_to_user and copy_from_user,
// simple_read_from_buffer/simple_write_to_buffer, kfree (double and invalid frees), and — as
// the compiler instruments every load and store of code built with KASAN — every element access
// of a module's code: kbuild (src/usr/toolchain/kasan_instrument.ts) turns `buf[i]`,
// `buf[i] = v`, `buf[i] += v` and `buf[i]++` into calls of __asan_load1, __asan_store1,
// __asan_rmw1, __asan_incdec1 and __asan_logical1 below, which check a KBuffer's index against
// its length and its object's life and then do what JavaScript would (an out-of-bounds read is
// undefined, an out-of-bounds write is dropped); other objects pass untouched. The kernel's own
// code is not instrumented (KASAN_SANITIZE := n), so its indexing is not checked. A report
// names the access, the task, its call trace, the allocation's and the free's task and stack,
// and where the address lies in its object; then the kernel is tainted B (which switches lock
// debugging off) and the access goes on. As Linux without kasan_multi_shot, only the first
// report of a boot is printed.
import { slabLiveObjects, slabDebug, KBuffer } from "../include/linux/slab.js";
import { exportHeader } from "../kernel/module/ksyms.js";
import { current } from "../kernel/sched.js";
import { printk, KERN } from "../kernel/printk.js";
import { bootParams } from "../kernel/params.js";
import { addTaintUnreliable } from "../kernel/lockdep.js";
import { saveStack, stackLines, stackTop, dumpSavedStack, type SavedStack } from "../kernel/stacktrace.js";

/** Who allocated or freed an object, and from where. */
export interface Track { pid: number; comm: string; jiffies: number; stack: SavedStack }

let multiShot = false;
let reported = false;
let enabled = true;
bootParams.register("kasan_multi_shot", () => { multiShot = true; });
// kasan=off: no reports, and no stacks saved for them (kmemleak may still want its own).
bootParams.register("kasan", (v) => { if (v === "off") { enabled = false; slabDebug.kasan = false; } });

const SEP = "==================================================================";
const hex = (a: bigint) => a.toString(16).padStart(16, "0");
const E = (s: string) => printk(KERN(3) + s + "\n");

/** Whether a report may be printed now (the first of the boot, or every one with kasan_multi_shot). */
function reportEnabled(): boolean {
  if (!enabled) return false;
  if (multiShot) return true;
  if (reported) return false;
  reported = true;
  return true;
}

/** What a report reads of an object: a KBuffer, or a C module's kmalloc object in the kernel memory. */
export interface KasanObject {
  readonly kaddr: bigint;
  readonly length: number;
  readonly cache: { readonly name: string; readonly size: number } | null;
  readonly freed: boolean;
  readonly allocTrack: Track | null;
  readonly freeTrack?: Track | null;
}

/** Heaps besides the TypeScript one whose objects a report's memory map shows (the C heap). */
export const kasanHeaps: (() => KasanObject[])[] = [];

function track(title: string, t: Track | null | undefined): void {
  if (!t) return;
  E(`${title} by task ${t.pid}:`);
  for (const l of stackLines(t.stack)) E(` ${l}`);
  E("");
}

/** Where addr lies in its object: the last lines of every report. */
function describe(obj: KasanObject, addr: bigint): void {
  const start = obj.kaddr, size = BigInt(obj.length);
  if (obj.cache) {
    E(`The buggy address belongs to the object at ${hex(start)}`);
    E(` which belongs to the cache ${obj.cache.name} of size ${obj.cache.size}`);
  } else {
    E(`The buggy address belongs to the virtual mapping at`);
    E(` [${hex(start)}, ${hex(start + BigInt(Math.ceil((obj.length || 1) / 4096) * 4096))}) created by:`);
    for (const l of stackLines(obj.allocTrack?.stack ?? {})) E(` ${l}`);
  }
  const where = addr < start ? `${start - addr} bytes to the left of`
    : addr >= start + size ? `${addr - start - size} bytes to the right of` : `${addr - start} bytes inside of`;
  E(`The buggy address is located ${where}`);
  E(` ${obj.freed ? "freed" : "allocated"} ${obj.length}-byte region [${hex(start)}, ${hex(start + size)})`);
  E("");
}

/**
 * "Memory state around the buggy address": the shadow bytes of five rows of 128 bytes, one per
 * 8-byte granule — 00 accessible, 01-07 that many bytes accessible, fc a slab redzone (or memory
 * no live object holds), fb a freed object — with a caret under the first bad granule.
 */
function shadow(obj: KasanObject, bad: bigint): void {
  const rowOf = (a: bigint) => a - (a % 128n);
  const first = rowOf(bad) - 256n, last = rowOf(bad) + 256n;
  const near: KasanObject[] = [slabLiveObjects(), ...kasanHeaps.map((h) => h())].flat()
    .filter((o) => o.kaddr + 8192n > first && o.kaddr < last + 128n);
  if (!near.includes(obj)) near.push(obj);
  const granule = (a: bigint): string => {
    for (const o of near) {
      const end = o.kaddr + BigInt(o.cache ? o.cache.size : Math.ceil((o.length || 1) / 4096) * 4096);
      if (a < o.kaddr || a >= end) continue;
      if (o.freed) return "fb";
      const left = o.kaddr + BigInt(o.length) - a;
      return left >= 8n ? "00" : left > 0n ? `0${left}` : "fc";
    }
    return "fc";
  };
  E("Memory state around the buggy address:");
  for (let row = first; row <= last; row += 128n) {
    const cells: string[] = [];
    for (let g = 0n; g < 16n; g++) cells.push(granule(row + g * 8n));
    E(`${row === rowOf(bad) ? ">" : " "}${hex(row)}: ${cells.join(" ")}`);
    if (row === rowOf(bad)) E(" ".repeat(19 + 3 * Number((bad - row) / 8n)) + "^");
  }
}

function finish(): void {
  E(SEP);
  addTaintUnreliable(32); // B: TAINT_BAD_PAGE
}

/**
 * A bad access of `size` bytes at offset `off` of the object `obj` (an object, not a view):
 * out of bounds, or after it was freed.
 */
export function kasanReportAccess(obj: KasanObject, off: number, size: number, write: boolean): void {
  if (!reportEnabled()) return;
  const stack = saveStack();
  const t = current;
  const addr = obj.kaddr + BigInt(off);
  const kind = obj.freed ? (obj.cache ? "slab-use-after-free" : "use-after-free") : obj.cache ? "slab-out-of-bounds" : "vmalloc-out-of-bounds";
  E(SEP);
  E(`BUG: KASAN: ${kind} in ${stackTop(stack, "kasan_check_range+0x10/0x1c0")}`);
  E(`${write ? "Write" : "Read"} of size ${size} at addr ${hex(addr)} by task ${t?.comm ?? "swapper/0"}/${t?.pid ?? 0}`);
  E("");
  dumpSavedStack(stack);
  E("");
  track("Allocated", obj.allocTrack);
  if (obj.freed) track("Freed", obj.freeTrack);
  describe(obj, addr);
  shadow(obj, obj.freed || addr < obj.kaddr ? addr : addr > obj.kaddr + BigInt(obj.length) ? addr : obj.kaddr + BigInt(obj.length));
  finish();
}

/** kfree of an object already freed, or of a pointer into an object rather than its start. */
export function kasanReportFree(obj: KasanObject, off: number): void {
  if (!reportEnabled()) return;
  const stack = saveStack();
  const t = current;
  const addr = obj.kaddr + BigInt(off);
  E(SEP);
  E(`BUG: KASAN: ${obj.freed && off === 0 ? "double-free" : "invalid-free"} in ${stackTop(stack, "kfree+0x10/0x120")}`);
  E(`Free of addr ${hex(addr)} by task ${t?.comm ?? "swapper/0"}/${t?.pid ?? 0}`);
  E("");
  dumpSavedStack(stack);
  E("");
  track("Allocated", obj.allocTrack);
  if (obj.freed) track("Freed", obj.freeTrack);
  describe(obj, addr);
  shadow(obj, addr);
  finish();
}

/** The allocation or free record of an object: the task, the time and the stack. */
export function kasanTrack(jiffies: number): Track {
  const t = current;
  return { pid: t?.pid ?? 0, comm: t?.comm ?? "swapper/0", jiffies, stack: saveStack() };
}

/*
 * The compiler's checks (Linux's __asan_load1/__asan_store1, called by instrumented code before
 * each 1-byte access). A module's `a[k]` passes the object and the key; when a is a KBuffer and
 * k an integer index, an access outside [0, length) or into a freed object is reported as a
 * 1-byte access at the view's offset in its object plus k. Keys that are not indices (names,
 * symbols, fractions) are property accesses, not memory accesses: never reported.
 */
function asanCheck(a: KBuffer, k: unknown, write: boolean): void {
  if (typeof k === "number" && k >= 0 && k < a.length && !a.object.freed) return; // the usual case
  const i = typeof k === "number" ? k : typeof k === "string" && k !== "" && String(Number(k)) === k ? Number(k) : NaN;
  if (!Number.isInteger(i)) return;
  if (i >= 0 && i < a.length && !a.object.freed) return;
  kasanReportAccess(a.object, a.offset + i, 1, write);
}

type Indexable = Record<PropertyKey, unknown>;

/** `a instanceof KBuffer`, four times faster in V8 for a class with a static Symbol.species. */
function isKBuffer(a: unknown): a is KBuffer {
  return KBuffer.prototype.isPrototypeOf(a as object);
}

/**
 * An access through null or undefined: JavaScript's own TypeError ("Cannot set properties of
 * null"), its stack starting at the instrumented code, so the oops's RIP is the module function.
 */
function asanNullFault(a: null | undefined, k: PropertyKey, write: boolean, checker: Function): never {
  try {
    if (write) (a as unknown as Indexable)[k] = 0;
    else void (a as unknown as Indexable)[k];
  } catch (e) {
    if (e instanceof Error) Error.captureStackTrace(e, checker);
    throw e;
  }
  throw new TypeError(`${String(a)} has properties`);
}

/** `a[k]`: a checked load. */
export function __asan_load1(a: unknown, k: PropertyKey): unknown {
  if (isKBuffer(a)) asanCheck(a, k, false);
  else if (a === null || a === undefined) asanNullFault(a, k, false, __asan_load1);
  return (a as Indexable)[k];
}

/** `a[k] = v`: a checked store; its value is v, as the assignment's. */
export function __asan_store1(a: unknown, k: PropertyKey, v: unknown): unknown {
  if (isKBuffer(a)) asanCheck(a, k, true);
  else if (a === null || a === undefined) asanNullFault(a, k, true, __asan_store1);
  return ((a as Indexable)[k] = v);
}

function binop(op: string, x: any, y: any): unknown {
  switch (op) {
    case "+": return x + y;
    case "-": return x - y;
    case "*": return x * y;
    case "/": return x / y;
    case "%": return x % y;
    case "**": return x ** y;
    case "<<": return x << y;
    case ">>": return x >> y;
    case ">>>": return x >>> y;
    case "&": return x & y;
    case "|": return x | y;
    case "^": return x ^ y;
  }
  throw new TypeError(`__asan_rmw1: operator ${op}`);
}

/**
 * `a[k] op= v` (a load, then a store of the same byte): one check, reported as the read it
 * begins with. v is evaluated before the load, which differs from JavaScript only when v's
 * evaluation changes a[k].
 */
export function __asan_rmw1(a: unknown, k: PropertyKey, op: string, v: unknown): unknown {
  if (isKBuffer(a)) asanCheck(a, k, false);
  else if (a === null || a === undefined) asanNullFault(a, k, false, __asan_rmw1);
  return ((a as Indexable)[k] = binop(op, (a as Indexable)[k], v));
}

/** `a[k]++`, `a[k]--`, `++a[k]`, `--a[k]`: delta is 1 or -1; the value is the old or the new number. */
export function __asan_incdec1(a: unknown, k: PropertyKey, delta: number, prefix: boolean): unknown {
  if (isKBuffer(a)) asanCheck(a, k, false);
  else if (a === null || a === undefined) asanNullFault(a, k, false, __asan_incdec1);
  let x = (a as Indexable)[k] as any;
  const old = delta > 0 ? x++ : x--;
  (a as Indexable)[k] = x;
  return prefix ? x : old;
}

/** `a[k] &&= v()`, `||=`, `??=`: v runs, and the store happens, only when JavaScript's would. */
export function __asan_logical1(a: unknown, k: PropertyKey, op: string, v: () => unknown): unknown {
  if (isKBuffer(a)) asanCheck(a, k, false);
  else if (a === null || a === undefined) asanNullFault(a, k, false, __asan_logical1);
  const x = (a as Indexable)[k];
  const store = op === "&&" ? !!x : op === "||" ? !x : x === null || x === undefined;
  return store ? ((a as Indexable)[k] = v()) : x;
}

// Exported as vmlinux exports them (Module.symvers, /proc/kallsyms), under an internal header
// (mm/kasan/kasan.h in Linux) that modules cannot include: only kbuild's instrumentation calls them.
exportHeader("mm/kasan", { __asan_load1, __asan_store1, __asan_rmw1, __asan_incdec1, __asan_logical1 });
