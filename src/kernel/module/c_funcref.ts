// Kernel functions whose address C code takes (`.proc_read = seq_read`): a function pointer is an
// index into the kernel memory's table, and a table holds only WebAssembly functions, so such a
// kernel function is wrapped in a one-function module that imports it with the C prototype's
// types. The prototypes are those of the build directory's headers.
import { PARAM_TYPES } from "./params.js";

type WasmType = 0x7f | 0x7e; // i32, i64

/** Each function C may take the address of: its parameter types and result type (i32/i64). */
const PROTOTYPES: Record<string, [WasmType[], WasmType]> = {
  seq_read: [[0x7f, 0x7f, 0x7f, 0x7f], 0x7f],
  seq_lseek: [[0x7f, 0x7e, 0x7f], 0x7e],
  seq_release: [[0x7f, 0x7f], 0x7f],
  single_release: [[0x7f, 0x7f], 0x7f],
};
// param_set_TYPE and param_get_TYPE, for a struct kernel_param_ops' .set and .get.
for (const t of PARAM_TYPES) PROTOTYPES[`param_set_${t}`] = PROTOTYPES[`param_get_${t}`] = [[0x7f, 0x7f], 0x7f];

const uleb = (n: number): number[] => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];

const wrapped = new Map<string, WebAssembly.Module>();
/** Each wrapper's kernel function: the kernel calls that directly (a Promise it returns is kept). */
const kernelFunctions = new WeakMap<object, (...a: unknown[]) => unknown>();

/** The table entry f as the kernel calls it: the kernel function a wrapper stands for, or f. */
export function kernelFunctionOf<F extends (...a: unknown[]) => unknown>(f: F): F {
  return (kernelFunctions.get(f) as F | undefined) ?? f;
}

/** A WebAssembly function calling f with the C prototype of name, or null if name has none. */
export function wasmFunctionFor(fname: string, f: (...a: never[]) => unknown): ((...a: unknown[]) => unknown) | null {
  const proto = PROTOTYPES[fname];
  if (!proto) return null;
  let mod = wrapped.get(fname);
  if (!mod) {
    const [params, result] = proto;
    const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
      ...section(1, [1, 0x60, params.length, ...params, 1, result]),
      ...section(2, [1, ...name("env"), ...name("f"), 0x00, 0]),
      ...section(7, [1, ...name("f"), 0x00, 0])];
    mod = new WebAssembly.Module(new Uint8Array(bytes));
    wrapped.set(fname, mod);
  }
  const w = new WebAssembly.Instance(mod, { env: { f } }).exports.f as (...a: unknown[]) => unknown;
  kernelFunctions.set(w, f as (...a: unknown[]) => unknown);
  return w;
}
