// A C module's code: a WebAssembly side module (clang -fPIC, wasm-ld -shared) placed in the one
// kernel memory (mm/kernel_memory.ts). As a dynamic loader does, this reads the module's
// dylink.0 section for the memory and table it needs, allocates both, gives it __memory_base,
// __table_base and the shared stack, resolves its function imports (the kernel's C API, then
// other C modules' exports), fills its GOT entries, applies its data relocations and runs its
// constructors. Its parameters are read from its __typix_param_* exports (c_params.ts).
// init_module and cleanup_module (what module_init/module_exit alias) become the
// module's init and exit; EXPORT_SYMBOL'd functions are exported for modules loaded later.
// Anything malformed is ENOEXEC; an unknown symbol is reported as Linux's loader does.
import { Errno } from "../errors.js";
import { ENOEXEC, ENOENT } from "../../include/uapi/errno.js";
import { printk, KERN } from "../printk.js";
import { kernelMemory, type KernelMemory } from "../../mm/kernel_memory.js";
import { cKernelApi } from "./c_api.js";
import { CDevices } from "./c_chrdev.js";
import { findSymbol } from "./ksyms.js";
import { dylinkMemInfo } from "../../include/uapi/linux/wasm_read.js";
import { cModuleParams } from "./c_params.js";
import { callC, sleepingImport, asyncifyOf } from "./c_sleep.js";
import { wasmFunctionFor } from "./c_funcref.js";
import { C_SLEEPING_CALLS } from "../../include/uapi/linux/wasm_sleep.js";
import type { Module } from "./internal.js";

/** What the loader gives every side module itself, not symbols. */
const LINKAGE = new Set(["memory", "__indirect_function_table", "__stack_pointer", "__memory_base", "__table_base"]);

type CFunction = (...a: number[]) => number | Promise<number>;
let api: Record<string, CFunction> | null = null;
let devices: CDevices | null = null;

/** dylink.0's memory and table needs; ENOEXEC for a module without a well-formed one. */
function dylinkInfo(mod: WebAssembly.Module): ReturnType<typeof dylinkMemInfo> {
  const secs = WebAssembly.Module.customSections(mod, "dylink.0");
  if (secs.length !== 1) throw new Errno(ENOEXEC);
  try {
    return dylinkMemInfo(new Uint8Array(secs[0]));
  } catch {
    throw new Errno(ENOEXEC);
  }
}

/** The C functions a module's imports may name: the kernel's, then live C modules' exports. */
function resolveFunction(name: string): CFunction | undefined {
  const own = api![name];
  if (own) return own;
  const s = findSymbol(name);
  if (s && typeof s.value === "function" && (s.value as { cAbi?: boolean }).cAbi) return s.value as (...a: number[]) => number;
  return undefined;
}

/** Instantiate a C module's code in the kernel memory; sets m.init, m.exit and its exports. */
export function loadWasmCode(m: Module, code: Uint8Array): void {
  const km = kernelMemory();
  devices ??= new CDevices(km);
  api ??= cKernelApi(km, devices);
  let mod: WebAssembly.Module;
  try {
    mod = new WebAssembly.Module(code);
  } catch {
    throw new Errno(ENOEXEC);
  }
  const dl = dylinkInfo(mod);
  const memoryBase = dl.memSize ? km.alloc(dl.memSize, Math.max(16, 2 ** dl.memAlign)) : 0;
  if (dl.memSize && !memoryBase) throw new Errno(ENOEXEC);
  const tableBase = km.tableSlots(dl.tableSize);
  const thisModule = km.alloc(16);
  devices.modules.set(thisModule, m.name);
  m.onFree.push(() => { devices!.modules.delete(thisModule); km.release(thisModule); if (memoryBase) km.release(memoryBase); });
  const env: Record<string, unknown> = {
    memory: km.memory, __indirect_function_table: km.table, __stack_pointer: km.stackPointer,
    __memory_base: new WebAssembly.Global({ value: "i32", mutable: false }, memoryBase),
    __table_base: new WebAssembly.Global({ value: "i32", mutable: false }, tableBase),
  };
  const gotMem: Record<string, WebAssembly.Global> = {}, gotFunc: Record<string, WebAssembly.Global> = {};
  let missing = false;
  // A sleeping call suspends this instance's C stack (c_sleep.ts).
  let sleeper: ReturnType<typeof asyncifyOf> = null;
  for (const imp of WebAssembly.Module.imports(mod)) {
    if (imp.module === "env" && LINKAGE.has(imp.name)) continue;
    if (imp.module === "env" && imp.kind === "function") {
      const f = resolveFunction(imp.name);
      if (f) { env[imp.name] = C_SLEEPING_CALLS.has(imp.name) ? sleepingImport(km, () => sleeper, f) : f; continue; }
      printk(KERN(4) + `${m.name}: Unknown symbol ${imp.name} (err -2)\n`);
      missing = true;
      continue;
    }
    if (imp.module === "GOT.mem" && imp.kind === "global") { gotMem[imp.name] = new WebAssembly.Global({ value: "i32", mutable: true }, 0); continue; }
    if (imp.module === "GOT.func" && imp.kind === "global") { gotFunc[imp.name] = new WebAssembly.Global({ value: "i32", mutable: true }, 0); continue; }
    throw new Errno(ENOEXEC);
  }
  if (missing) throw new Errno(ENOENT);
  let inst: WebAssembly.Instance;
  try {
    inst = new WebAssembly.Instance(mod, { env, "GOT.mem": gotMem, "GOT.func": gotFunc });
  } catch {
    throw new Errno(ENOEXEC);
  }
  const ex = inst.exports;
  sleeper = asyncifyOf(ex);
  for (const [name, g] of Object.entries(gotMem)) {
    if (name === "__this_module") { g.value = thisModule; continue; }
    const e = ex[name];
    if (!(e instanceof WebAssembly.Global)) { printk(KERN(4) + `${m.name}: Unknown symbol ${name} (err -2)\n`); throw new Errno(ENOENT); }
    g.value = memoryBase + e.value;
  }
  for (const [name, g] of Object.entries(gotFunc)) {
    const own = ex[name], kernel = api![name];
    const f = own ?? (typeof kernel === "function" ? wasmFunctionFor(name, kernel) : undefined);
    if (typeof f !== "function") { printk(KERN(4) + `${m.name}: Unknown symbol ${name} (err -2)\n`); throw new Errno(ENOENT); }
    const slot = km.tableSlots(1);
    km.table.set(slot, f as (...a: number[]) => number);
    g.value = slot;
  }
  doOneInitcall(km, ex.__wasm_apply_data_relocs);
  doOneInitcall(km, ex.__wasm_call_ctors);
  m.params.push(...cModuleParams(km, m.name, ex, memoryBase));
  const init = ex.init_module, exit = ex.cleanup_module;
  // Bound, so a call trace shows the helper's own name (do_one_initcall) below the module's frames.
  if (typeof init === "function") m.init = doOneInitcall.bind(null, km, init) as () => number;
  if (typeof exit === "function") m.exit = callExit.bind(null, km, exit);
  for (const e of m.image.exports) {
    const f = ex[e.name];
    if (typeof f !== "function") throw new Errno(ENOEXEC);
    const c = f as ((...a: number[]) => number) & { cAbi?: boolean };
    c.cAbi = true;
    m.exportValues.set(e.name, c);
  }
}

/** Call a C module's function of no arguments (its value, or a Promise of it if it slept). */
function doOneInitcall(km: KernelMemory, f: unknown): number | undefined | Promise<number> {
  if (typeof f !== "function") return undefined;
  return callC(km, f as () => number, []) as number | Promise<number>;
}

/** The module's cleanup_module, from delete_module. */
function callExit(km: KernelMemory, f: unknown): void | Promise<void> {
  const r = doOneInitcall(km, f);
  if (r instanceof Promise) return r.then(() => {});
}
