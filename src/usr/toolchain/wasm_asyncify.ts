// binaryen's Asyncify as the toolchain applies it: to a program that forks (wasm_fork.ts) and to
// a C module that sleeps (kmod_c.ts). Only the listed imports may unwind, so only functions on a
// path to one of them (and those making indirect calls) are instrumented. The pass runs
// unoptimized and is cleaned up by three passes: ~0.5 s for a program with libc where
// Asyncify's own optimizing takes ~0.9 s, with nearly the same code (simplify-locals is the one
// that matters: without it the code is 4x larger and V8 takes ~0.9 s to compile it).
import binaryen from "binaryen";

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

/** A C module's code with its sleeping calls made able to unwind; the same bytes if it has none. */
export function asyncifyModule(bytes: Uint8Array, sleeping: ReadonlySet<string>): Uint8Array {
  const m = binaryen.readBinary(bytes);
  try {
    const imports = importsAmong(m, sleeping);
    if (imports.length === 0) return bytes;
    m.setFeatures(m.getFeatures() | binaryen.Features.BulkMemory | binaryen.Features.MutableGlobals | binaryen.Features.SignExt);
    asyncify(m, imports);
    if (!m.validate()) throw new Error("asyncify: invalid module");
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}
