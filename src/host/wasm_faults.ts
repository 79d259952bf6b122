// Which Linux signal a WebAssembly trap in a C program stands for (see include/uapi/wasm_abi.ts):
// V8 reports traps as WebAssembly.RuntimeError with a fixed message, call-stack exhaustion as
// RangeError. The NULL-access instrumentation (usr/toolchain/wasm_guard.ts) faults with an
// out-of-bounds access, so it reads as a SIGSEGV too.
import { WASM_FAULTS } from "../include/uapi/wasm_abi.js";

export function faultSignal(e: unknown): number {
  const msg = e instanceof Error ? e.message : "";
  if (e instanceof RangeError) return WASM_FAULTS.segv; // Maximum call stack size exceeded
  if (!(e instanceof WebAssembly.RuntimeError)) return WASM_FAULTS.segv;
  if (/divide by zero|remainder by zero|integer overflow/.test(msg)) return WASM_FAULTS.fpe;
  if (/unreachable/.test(msg)) return WASM_FAULTS.ill;
  return WASM_FAULTS.segv; // memory access out of bounds, table index, signature mismatch, ...
}
