// fork for C programs at link time (include/uapi/wasm_abi.ts, "fork"): a program whose link
// pulled libc's fork() imports typix.fork. Binaryen's Asyncify is applied with that import as the
// only one that can unwind (so only the functions on a path to fork, and those making indirect
// calls, are instrumented), then the import is replaced by a function forwarding its arguments
// to env.__syscall6: the program's imports stay its memory and the trap. Programs without fork
// are left as they are and pay nothing.
import binaryen from "binaryen";
import { asyncify } from "./wasm_asyncify.js";
import { WASM_FORK_IMPORT_MODULE, WASM_FORK_IMPORT, WASM_IMPORT_MODULE, WASM_IMPORT_SYSCALL } from "../../include/uapi/wasm_abi.js";

/** Apply Asyncify for fork to m if it imports typix.fork; returns whether it did. */
export function asyncifyFork(m: binaryen.Module): boolean {
  let fork: binaryen.FunctionInfo | null = null;
  let trap: string | null = null;
  for (let i = 0; i < m.getNumFunctions(); i++) {
    const f = binaryen.getFunctionInfo(m.getFunctionByIndex(i));
    if (f.module === WASM_FORK_IMPORT_MODULE && f.base === WASM_FORK_IMPORT) fork = f;
    if (f.module === WASM_IMPORT_MODULE && f.base === WASM_IMPORT_SYSCALL) trap = f.name;
  }
  if (!fork) return false;
  if (!trap) throw new Error("guard: typix.fork without the system-call trap");
  asyncify(m, [`${WASM_FORK_IMPORT_MODULE}.${WASM_FORK_IMPORT}`]);
  const params = binaryen.expandType(fork.params);
  m.removeFunction(fork.name);
  const args = params.map((t, i) => m.local.get(i, t));
  m.addFunction(fork.name, fork.params, fork.results, [], m.call(trap, args, fork.results));
  return true;
}
