// C code built into the kernel: an obj-y object whose source is a .c file in the kernel's tree
// (/usr/src/linux). The kernel build compiles it as a C module's object is compiled, and the
// object it writes is a small JavaScript module that hands the WebAssembly to builtinCObject.
// Its SYSCALL_DEFINEs become entry points of the system-call table as the kernel is evaluated
// (before the dispatch table is built). The code is placed in the one kernel memory at boot, by
// an initcall after the kernel's own devices are up, as a module's code is; that initcall also
// runs its module_init, as Linux runs a built-in module's init. It is not a module: lsmod does not list it, nothing unloads it.
import { initcall } from "../initcall.js";
import { Module } from "./internal.js";
import { loadWasmCode } from "./wasm_code.js";
import { callC } from "./c_sleep.js";
import { kernelMemory } from "../../mm/kernel_memory.js";
import { defineCSyscall } from "../../include/linux/syscalls.js";
import { printk, KERN } from "../printk.js";
import { Errno } from "../errors.js";
import { ENOSYS } from "../../include/uapi/errno.js";

type CFunction = (...a: unknown[]) => unknown;

/** The bytes of a base64 text (the object's WebAssembly, as the build embedded it). */
function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Built-in C object `name` (its KBUILD_MODNAME) with WebAssembly `code`; `syscalls` are its
 * typix_syscalls records, "name;type;arg;type;arg...".
 */
export function builtinCObject(name: string, code: string, syscalls: string[]): void {
  const wasm = fromBase64(code);
  const entries = syscalls.map((r) => r.split(";"));
  const image = {
    modinfo: [], imports: [], text: { format: "wasm" as const, code: wasm },
    exports: entries.map(([sc]) => ({ name: `__x64_sys_${sc}`, gpl: false })),
  };
  const obj = new Module(name, image, wasm.length, 0);
  for (const [sc, ...decl] of entries) {
    defineCSyscall(sc, decl, (...args) => {
      const f = obj.exportValues.get(`__x64_sys_${sc}`) as CFunction | undefined;
      if (f === undefined) throw new Errno(ENOSYS);
      return callC(kernelMemory(), f, args) as number | Promise<number>;
    });
  }
  initcall("late", `${name}_init`, () => {
    try {
      loadWasmCode(obj, wasm);
    } catch (e) {
      printk(KERN(3) + `${name}: built-in code not loaded (${e instanceof Errno ? `err -${e.errno}` : String(e)})\n`);
      return;
    }
    const r = obj.init?.();
    const report = (v: unknown) => {
      if (typeof v === "number" && v < 0) printk(KERN(4) + `initcall ${name}_init returned ${v}\n`);
    };
    if (r instanceof Promise) void r.then(report, () => {});
    else report(r);
  });
}
