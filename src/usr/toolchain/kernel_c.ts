// C objects built into the kernel (a .c source beside the tree's TypeScript, named by obj-y):
// what the kernel build makes of the WebAssembly the compiler gives for one. The object file
// (x.o) is a JavaScript module, as a TypeScript object's is: it hands the code, base64, and the
// system calls its SYSCALL_DEFINEs recorded (the typix_syscalls section) to the kernel's
// kernel/module/builtin_c.ts. The link checks that each function it imports is one the kernel
// gives C code.
import { customSections, wasmImports } from "../../include/uapi/linux/wasm_read.js";
import { relativeSpecifier } from "./kernel_tree.js";

/** Compile one C source of the tree into finished WebAssembly (null: failed, lines in messages). */
export type CompileKernelC = (source: string, include: string, modname: string, messages: string[]) => Promise<Uint8Array | null>;

/** The kernel module C objects are handed to. */
export const BUILTIN_C = "kernel/module/builtin_c.js";
/** What the loader gives every side module itself, not a symbol. */
const LINKAGE = new Set(["memory", "__indirect_function_table", "__stack_pointer", "__memory_base", "__table_base"]);
const dec = new TextDecoder();

function base64(b: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < b.length; i += 0x8000) bin += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The system calls an object defines: "name;type;arg;..." records, in source order. */
export function cSyscallRecords(code: Uint8Array): string[] {
  return customSections(code, "typix_syscalls").flatMap((sec) => dec.decode(sec).split("\0").filter(Boolean));
}

/** The functions an object imports from the kernel. */
export function cImports(code: Uint8Array): string[] {
  return wasmImports(code).filter((i) => i.module === "env" && i.kind === "function" && !LINKAGE.has(i.name)).map((i) => i.name);
}

/** The object file of C source `source` (tree-relative): its JavaScript module. */
export function cObjectModule(source: string, modname: string, code: Uint8Array): string {
  const module = source.replace(/\.c$/, ".js");
  return `// ${source.replace(/\.c$/, ".o")}: built-in C code compiled from ${source} by the kernel build.\n` +
    `import { builtinCObject } from ${JSON.stringify(relativeSpecifier(module, BUILTIN_C))};\n` +
    `builtinCObject(${JSON.stringify(modname)}, ${JSON.stringify(base64(code))}, ${JSON.stringify(cSyscallRecords(code))});\n`;
}

/** An object module's records and imports back from its text (a cached object at link time). */
export function readCObjectModule(js: string): { syscalls: string[]; imports: string[] } {
  const m = /builtinCObject\("[^"]*", "([^"]*)", (\[.*\])\);/.exec(js);
  if (!m) return { syscalls: [], imports: [] };
  const bin = atob(m[1]);
  const code = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) code[i] = bin.charCodeAt(i);
  return { syscalls: JSON.parse(m[2]) as string[], imports: cImports(code) };
}
