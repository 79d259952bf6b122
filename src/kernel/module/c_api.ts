// The kernel's API as C kernel code calls it: each exported function by its Linux name, taking
// and returning what the C prototype in the build directory's headers says (pointers are kernel
// memory addresses, va_list a pointer to clang's vararg buffer). A C module's imports resolve
// here before the kernel's TypeScript symbol table; Module.symvers lists these names too, so
// modpost knows them.
import { printk } from "../printk.js";
import { KernelBug, KernelPageFault, warnReport, dumpStack } from "../panic.js";
import { TAINT_WARN } from "../taint.js";
import { cVsprintf, putString } from "./c_format.js";
import { cSlab } from "./c_slab.js";
import { __GFP_ZERO } from "../../include/linux/slab.js";
import { CDevices } from "./c_chrdev.js";
import { cProcApi } from "./c_procfs.js";
import { cSyncApi } from "./c_sync.js";
import { cSeqApi } from "./c_seq.js";
import { cDeferredApi } from "./c_deferred.js";
import { CObjects, TaskViews } from "./c_objects.js";
import { cSysfsApi } from "./c_sysfs.js";
import { cParseApi } from "./c_kstrtox.js";
import { cParamApi } from "./c_params.js";
import type { KernelMemory } from "../../mm/kernel_memory.js";

/** A C function of the kernel: a Promise from the calls that sleep (c_sleep.ts). */
type CFunction = (...args: number[]) => number | Promise<number>;

function strlen(km: KernelMemory, s: number): number {
  const b = km.bytes;
  let e = s;
  while (b[e] !== 0) e++;
  return e - s;
}

/** The C functions of the kernel, bound to the kernel memory (devices: the chrdev bridge). */
export function cKernelApi(km: KernelMemory, devices = new CDevices(km)): Record<string, CFunction> {
  const u8 = () => km.bytes;
  const views = new TaskViews(km), objs = new CObjects(km);
  const printkC = (fmt: number, ap: number) => {
    const s = cVsprintf(km, fmt, ap);
    printk(s);
    return s.replace(/^\x01./, "").length;
  };
  const snprintfC = (buf: number, size: number, fmt: number, ap: number) => putString(km, buf, size, cVsprintf(km, fmt, ap));
  const scnprintfC = (buf: number, size: number, fmt: number, ap: number) => (size > 0 ? Math.min(snprintfC(buf, size, fmt, ap), size - 1) : 0);
  const sprintfC = (buf: number, fmt: number, ap: number) => putString(km, buf, 0x7fffffff, cVsprintf(km, fmt, ap));
  const kmalloc = (size: number, flags: number) => cSlab(km).kmalloc(size, flags);
  const kzalloc = (size: number, flags: number) => cSlab(km).kmalloc(size, flags | __GFP_ZERO);
  const callerStack = (fn: Function) => { const o: { stack?: string } = {}; Error.captureStackTrace(o, fn); return o.stack; };
  function __typix_bug(file: number, line: number): never {
    const e = new KernelBug(`${km.cString(file)}:${line}`);
    Error.captureStackTrace(e, __typix_bug);
    throw e;
  }
  function __typix_warn(file: number, line: number, fmt: number, ap: number): number {
    warnReport(callerStack(__typix_warn), `${km.cString(file)}:${line}`, fmt ? cVsprintf(km, fmt, ap) : null, TAINT_WARN);
    return 0;
  }
  function dumpStackC(): number { dumpStack(callerStack(dumpStackC)); return 0; }
  // A load or store below 64 KiB (kbuild's NULL checks, usr/toolchain/wasm_asyncify.ts).
  function pageFault(addr: number, write: number): number { throw new KernelPageFault(addr >>> 0, write !== 0); }
  return {
    ...devices.api(),
    ...cProcApi(km, devices),
    ...cSyncApi(km, views, objs),
    ...cDeferredApi(km, views, objs),
    ...cSysfsApi(km, devices),
    ...cParseApi(km),
    ...cParamApi(km),
    ...(cSeqApi(km, devices) as unknown as Record<string, CFunction>),
    // linux/bug.h: BUG() is an oops at the C source line; WARN() reports it and goes on. Their
    // stacks start at the C caller (these functions' own frames left out).
    __typix_bug, __typix_warn, dump_stack: dumpStackC, __typix_page_fault: pageFault,
    _printk: printkC,
    vprintk: printkC,
    __kmalloc: kmalloc,
    kmalloc,
    kzalloc,
    kfree: (p: number) => { cSlab(km).kfree(p); return 0; },
    // A variadic C function receives its varargs as one pointer after the fixed arguments: the
    // same as the v-form's va_list.
    vsnprintf: snprintfC, snprintf: snprintfC,
    vscnprintf: scnprintfC, scnprintf: scnprintfC,
    vsprintf: sprintfC, sprintf: sprintfC,
    memcpy: (d: number, s: number, n: number) => { u8().copyWithin(d, s, s + n); return d; },
    memmove: (d: number, s: number, n: number) => { u8().copyWithin(d, s, s + n); return d; },
    memset: (d: number, c: number, n: number) => { u8().fill(c & 0xff, d, d + n); return d; },
    memcmp: (a: number, b: number, n: number) => {
      const m = u8();
      for (let i = 0; i < n; i++) if (m[a + i] !== m[b + i]) return m[a + i] - m[b + i];
      return 0;
    },
    strlen: (s: number) => strlen(km, s),
    strcmp: (a: number, b: number) => {
      const m = u8();
      for (let i = 0; ; i++) if (m[a + i] !== m[b + i] || m[a + i] === 0) return m[a + i] - m[b + i];
    },
    strncmp: (a: number, b: number, n: number) => {
      const m = u8();
      for (let i = 0; i < n; i++) if (m[a + i] !== m[b + i] || m[a + i] === 0) return m[a + i] - m[b + i];
      return 0;
    },
    strcpy: (d: number, s: number) => { const n = strlen(km, s); u8().copyWithin(d, s, s + n + 1); return d; },
    strscpy: (d: number, s: number, size: number) => {
      if (size <= 0) return -7; // -E2BIG
      const n = strlen(km, s);
      const k = Math.min(n, size - 1);
      u8().copyWithin(d, s, s + k);
      u8()[d + k] = 0;
      return n >= size ? -7 : n;
    },
  };
}

/** The names C kernel code may call, for Module.symvers (binding captures km, it reads nothing). */
export const C_KERNEL_SYMBOLS: readonly string[] = Object.keys(cKernelApi(null as unknown as KernelMemory));
