// binaryen's Asyncify as the toolchain applies it: to a program that forks (wasm_fork.ts) and to
// a C module that sleeps (kmod_c.ts, with the module's NULL checks: finishModule). Only the listed imports may unwind, so only functions on a
// path to one of them (and those making indirect calls) are instrumented. The pass runs
// unoptimized and is cleaned up by three passes: ~0.5 s for a program with libc where
// Asyncify's own optimizing takes ~0.9 s, with nearly the same code (simplify-locals is the one
// that matters: without it the code is 4x larger and V8 takes ~0.9 s to compile it).
import binaryen from "binaryen";
import { instrumentNullChecks } from "./wasm_guard.js";

/** Instrument m so that a call of any of imports ("module.name") can unwind and rewind. */
export function asyncify(m: binaryen.Module, imports: string[]): void {
  binaryen.setPassArgument("asyncify-imports", imports.join(","));
  const level = binaryen.getOptimizeLevel();
  binaryen.setOptimizeLevel(0);
  try {
    m.runPasses(["asyncify"]);
  } finally {
    binaryen.setOptimizeLevel(level);
    binaryen.clearPassArguments();
  }
  m.runPasses(["simplify-locals-nostructure", "vacuum", "reorder-locals"]);
}

/** The imports ("env.name") of a wasm binary's functions among names. */
export function importsAmong(m: binaryen.Module, names: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const f = binaryen.getFunctionInfo(m.getFunctionByIndex(i));
    if (f.module === "env" && f.base && names.has(f.base)) found.push(`env.${f.base}`);
  }
  return found;
}

/**
 * kbuild's last step over a C module's code: every load and store gets the NULL check (an access
 * below 64 KiB calls the kernel's __typix_page_fault, which oopses as Linux does for a NULL
 * pointer), then the sleeping calls are made able to unwind (Asyncify last, so that its own
 * accesses are not checked).
 */
export function finishModule(bytes: Uint8Array, sleeping: ReadonlySet<string>): Uint8Array {
  const m = binaryen.readBinary(bytes);
  try {
    const F = binaryen.Features;
    m.setFeatures(m.getFeatures() | F.BulkMemory | F.MutableGlobals | F.SignExt | F.NontrappingFPToInt);
    const { i32, none } = binaryen;
    m.addFunctionImport(PAGE_FAULT, "env", PAGE_FAULT, binaryen.createType([i32, i32]), none);
    instrumentNullChecks(m, (write, addr) => m.call(PAGE_FAULT, [addr, m.i32.const(write ? 1 : 0)], none));
    // Not inlined (binaryen would inline the module's own small functions too, and a call trace
    // would no longer name them): a check costs a call per access.
    const imports = importsAmong(m, sleeping);
    if (imports.length) asyncify(m, imports);
    if (!m.validate()) throw new Error("invalid module");
    // The name section stays: call traces name the module's functions from it.
    binaryen.setDebugInfo(true);
    try {
      return m.emitBinary();
    } finally {
      binaryen.setDebugInfo(false);
    }
  } finally {
    m.dispose();
  }
}
/** The kernel function a C module's bad access calls: (address, write). */
export const PAGE_FAULT = "__typix_page_fault";
