// fork in a C program's Worker (include/uapi/wasm_abi.ts, "fork"): libc's fork() reaches the
// runtime as a marked call; the runtime unwinds the program's WebAssembly stack with Asyncify
// into the buffer libc gave (in the program's memory), makes fork(2) once back at the top,
// then rewinds and hands the call its result. The kernel copies the memory, buffer included,
// and starts the child's Worker with a ForkState: it rewinds from its copy and gets 0.
import { WASM_FORK_MARK } from "../include/uapi/wasm_abi.js";

/** What a forked child's Worker starts from: the Asyncify data, the C stack pointer and the thread pointer at fork. */
export interface ForkState { buf: number; stackPointer: number; tlsBase: number }

type Asyncify = {
  asyncify_start_unwind(p: number): void; asyncify_stop_unwind(): void;
  asyncify_start_rewind(p: number): void; asyncify_stop_rewind(): void; asyncify_get_state(): number;
};
const UNWINDING = 1, REWINDING = 2;

/**
 * The fork machinery of an instance, or null if its program was built without fork. doFork
 * makes fork(2) with the buffer and the stack pointer and returns its raw result.
 */
export function forkRuntime(ex: Record<string, unknown>, memory: WebAssembly.Memory, stackPointer: WebAssembly.Global,
  doFork: (buf: number, sp: number) => number) {
  if (typeof ex.asyncify_start_unwind !== "function") return null;
  const a = ex as unknown as Asyncify;
  let buf = 0;
  let result = 0;
  return {
    isForkPoint: (mark: number) => mark === WASM_FORK_MARK,
    /** The marked call: while rewinding, its result; else start unwinding (null). */
    point(p: number, size: number): number | null {
      if (a.asyncify_get_state() === REWINDING) {
        a.asyncify_stop_rewind();
        return result;
      }
      const view = new DataView(memory.buffer);
      view.setUint32(p, p + 8, true);
      view.setUint32(p + 4, p + size, true);
      buf = p;
      a.asyncify_start_unwind(p);
      return null;
    },
    /** Run the program (start), forking each time it unwinds; a child first rewinds from state. */
    run(start: () => void, state: ForkState | null): void {
      if (state) {
        buf = state.buf;
        result = 0;
        a.asyncify_start_rewind(buf);
      }
      start();
      while (a.asyncify_get_state() === UNWINDING) {
        a.asyncify_stop_unwind();
        result = doFork(buf, stackPointer.value as number);
        a.asyncify_start_rewind(buf);
        start();
      }
    },
  };
}
