// The NULL-access guard of C programs, applied at link time (by the compiler driver after
// wasm-ld, and by tests): WebAssembly has no MMU and address 0 is ordinary memory, so every load
// and store gets a check that its address is not in the never-mapped first 64 KiB
// (MMAP_MIN_ADDR); a failing check makes an access out of the memory's bounds, which traps and
// the runtime reports as SIGSEGV (host/wasm_faults.ts). Built on binaryen's instrument-memory
// pass, whose imported hooks are replaced by the check (or the identity) and inlined, and its
// stack-check pass: the C stack pointer leaving the stack area traps too (the runtime sets the
// limits through the exported __set_stack_limits and reads such a trap as SIGSEGV).
// Measured cost and alternatives: see docs/ARCHITECTURE.md ("C programs").
import binaryen from "binaryen";
import { WASM_UNMAPPED_BELOW as MMAP_MIN_ADDR } from "../../include/uapi/wasm_abi.js";
import { asyncifyFork } from "./wasm_fork.js";

const GUARDED = "typix.guard";
const STACK_HANDLER = "__typix_stack_overflow";

/** Has this module been guarded already? */
export function isGuarded(mod: WebAssembly.Module): boolean {
  return WebAssembly.Module.customSections(mod, GUARDED).length > 0;
}

/**
 * binaryen's instrument-memory over m, its hooks made into the NULL check: an access whose
 * address is below MMAP_MIN_ADDR runs fault(write, address), any other goes on as it was.
 */
export function instrumentNullChecks(m: binaryen.Module, fault: (write: boolean, addr: number) => number): void {
  const envImports = () => {
    const out = new Map<string, number>();
    for (let i = 0; i < m.getNumFunctions(); i++) {
      const f = binaryen.getFunctionInfo(m.getFunctionByIndex(i));
      if (f.module === "env") out.set(f.name, f.params);
    }
    return out;
  };
  const before = envImports();
  m.runPasses(["instrument-memory"]);
  const { i32 } = binaryen;
  // The pass's hooks: the imports it added.
  const hooks = [...envImports()].filter(([name]) => !before.has(name));
  for (const [name, params] of hooks) {
    const types = binaryen.expandType(params);
    const results = types[types.length - 1];
    m.removeFunction(name);
    let body: number;
    if (name === "load_ptr" || name === "store_ptr") {
      // (id, bytes, offset, ptr): a fault below MMAP_MIN_ADDR, else ptr.
      const addr = () => m.i32.add(m.local.get(3, i32), m.local.get(2, i32));
      body = m.block(null, [
        m.if(m.i32.lt_u(addr(), m.i32.const(MMAP_MIN_ADDR)), fault(name === "store_ptr", addr())),
        m.local.get(3, i32),
      ], i32);
    } else {
      body = m.local.get(types.length - 1, results);
    }
    m.addFunction(name, params, results, [], body);
  }
}

export function guardWasm(bytes: Uint8Array): Uint8Array {
  const m = binaryen.readBinary(bytes);
  try {
    const F = binaryen.Features;
    m.setFeatures(m.getFeatures() | F.Atomics | F.BulkMemory | F.MutableGlobals | F.NontrappingFPToInt | F.SignExt | F.ExceptionHandling);
    const { i32 } = binaryen;
    // The fault: an access out of the memory's bounds, which traps as SIGSEGV.
    instrumentNullChecks(m, () => m.drop(m.i32.load(0, 4, m.i32.const(-16))));
    binaryen.setPassArgument("stack-check-handler", STACK_HANDLER);
    m.runPasses(["stack-check"]);
    binaryen.clearPassArguments();
    if (m.getFunction(STACK_HANDLER)) {
      m.removeFunction(STACK_HANDLER);
      m.addFunction(STACK_HANDLER, i32, binaryen.none, [], m.drop(m.i32.load(0, 4, m.i32.const(-16))));
    }
    binaryen.setOptimizeLevel(2);
    binaryen.setShrinkLevel(0);
    binaryen.setAlwaysInlineMaxSize(40);
    m.runPasses(["inlining", "remove-unused-module-elements"]);
    // fork (wasm_fork.ts): Asyncify last, so that its own loads and stores are not checked.
    asyncifyFork(m);
    m.addCustomSection(GUARDED, new Uint8Array([1]));
    if (!m.validate()) throw new Error("guard: invalid module");
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}
