// Checking a C program's WebAssembly module against Typix's ABI (include/uapi/wasm_abi.ts)
// before exec commits to it, and the cache of compiled modules. The header walk below reads
// only what WebAssembly.Module's reflection does not give: the types of the imports (a shared
// memory of the process's size, the trap's signature, a mutable __stack_pointer) and the value
// of the exported __heap_base (the end of data and bss, where brk starts).
import {
  WASM_IMPORT_MODULE, WASM_IMPORT_MEMORY, WASM_IMPORT_SYSCALL, WASM_ENTRY, WASM_STACK_POINTER, WASM_HEAP_BASE,
} from "../include/uapi/wasm_abi.js";
import { TASK_SIZE, TEXT_START } from "../mm/mm.js";

const WASM_PAGE = 65536;
const I32 = 0x7f, F64 = 0x7c;

export interface WasmProgramInfo {
  /** The end of the program's static data, bss and linker stack: brk starts above it. */
  dataEnd: number;
}

class Reader {
  constructor(readonly b: Uint8Array, public o = 0, readonly end = b.length) {}
  byte(): number {
    if (this.o >= this.end) throw new RangeError("truncated");
    return this.b[this.o++];
  }
  u32(): number {
    let r = 0, shift = 0;
    for (;;) {
      const x = this.byte();
      r += (x & 0x7f) * 2 ** shift;
      if (!(x & 0x80)) return r;
      shift += 7;
      if (shift > 35) throw new RangeError("bad leb");
    }
  }
  i32(): number {
    let r = 0, shift = 0, x: number;
    do {
      x = this.byte();
      r |= (x & 0x7f) << shift;
      shift += 7;
    } while (x & 0x80 && shift < 35);
    if (x & 0x80) throw new RangeError("bad leb");
    if (shift < 32 && x & 0x40) r |= -1 << shift;
    return r;
  }
  name(): string {
    const n = this.u32();
    if (this.o + n > this.end) throw new RangeError("truncated");
    const s = new TextDecoder().decode(this.b.subarray(this.o, this.o + n));
    this.o += n;
    return s;
  }
  skip(n: number): void {
    if (this.o + n > this.end) throw new RangeError("truncated");
    this.o += n;
  }
  /** A constant expression: i32.const N end (other forms: undefined). */
  constExpr(): number | undefined {
    let v: number | undefined;
    const op = this.byte();
    if (op === 0x41) v = this.i32();
    else if (op === 0x42) { while (this.byte() & 0x80); }
    else if (op === 0x44) this.skip(8);
    else if (op === 0x43) this.skip(4);
    else if (op === 0x23) this.u32();
    else throw new RangeError("const expr");
    if (this.byte() !== 0x0b) throw new RangeError("const expr");
    return v;
  }
}

/**
 * Check a module's imports and exports against the ABI; returns its layout, or null when it does
 * not fit (exec's ENOEXEC). Never throws: bad input is just not a program.
 */
export function checkWasmProgram(bytes: Uint8Array, mod: WebAssembly.Module): WasmProgramInfo | null {
  try {
    const imports = WebAssembly.Module.imports(mod);
    const exports = WebAssembly.Module.exports(mod);
    if (imports.length !== 2) return null;
    const has = (name: string, kind: string) => imports.some((i) => i.module === WASM_IMPORT_MODULE && i.name === name && i.kind === kind);
    if (!has(WASM_IMPORT_MEMORY, "memory") || !has(WASM_IMPORT_SYSCALL, "function")) return null;
    const exp = (name: string, kind: string) => exports.some((e) => e.name === name && e.kind === kind);
    if (!exp(WASM_ENTRY, "function") || !exp(WASM_STACK_POINTER, "global")) return null;
    return readLayout(bytes);
  } catch {
    return null;
  }
}

function readLayout(bytes: Uint8Array): WasmProgramInfo | null {
  const r = new Reader(bytes, 8);
  const types: { params: number[]; results: number[] }[] = [];
  let nFuncImports = 0, nGlobalImports = 0;
  let syscallType = -1;
  let memOk = false;
  const globalInit: (number | undefined)[] = [];
  const globalMutI32: boolean[] = [];
  const globalExports = new Map<string, number>();
  while (r.o < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.o + size;
    if (end > bytes.length) return null;
    const s = new Reader(bytes, r.o, end);
    if (id === 1) {
      for (let n = s.u32(); n > 0; n--) {
        if (s.byte() !== 0x60) return null;
        const params: number[] = []; const results: number[] = [];
        for (let k = s.u32(); k > 0; k--) params.push(s.byte());
        for (let k = s.u32(); k > 0; k--) results.push(s.byte());
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = s.u32(); n > 0; n--) {
        s.name();
        const field = s.name();
        const kind = s.byte();
        if (kind === 0) { const ti = s.u32(); if (field === WASM_IMPORT_SYSCALL) syscallType = ti; nFuncImports++; }
        else if (kind === 2) {
          const flags = s.byte();
          const min = s.u32();
          const max = flags & 1 ? s.u32() : Infinity;
          // Shared (bit 1) with a maximum, and satisfiable by the process's TASK_SIZE memory.
          memOk = (flags & 3) === 3 && min * WASM_PAGE <= TASK_SIZE && max * WASM_PAGE >= TASK_SIZE;
        } else if (kind === 3) { s.byte(); s.byte(); nGlobalImports++; }
        else if (kind === 1) { s.byte(); const f = s.byte(); s.u32(); if (f & 1) s.u32(); }
        else return null;
      }
    } else if (id === 6) {
      for (let n = s.u32(); n > 0; n--) {
        const type = s.byte(), mut = s.byte();
        globalMutI32.push(type === I32 && mut === 1);
        globalInit.push(s.constExpr());
      }
    } else if (id === 7) {
      for (let n = s.u32(); n > 0; n--) {
        const name = s.name();
        const kind = s.byte();
        const idx = s.u32();
        if (kind === 3) globalExports.set(name, idx);
      }
    }
    r.o = end;
  }
  void nFuncImports;
  const t = types[syscallType];
  const sig = t && t.params.length === 7 && t.params[0] === I32 && t.params.slice(1).every((p) => p === F64)
    && t.results.length === 1 && t.results[0] === F64;
  if (!sig || !memOk) return null;
  // __stack_pointer must be a mutable i32 defined by the module: the runtime sets it.
  const spIndex = globalExports.get(WASM_STACK_POINTER);
  if (spIndex === undefined || spIndex < nGlobalImports || !globalMutI32[spIndex - nGlobalImports]) return null;
  const valueOf = (name: string) => {
    const i = globalExports.get(name);
    return i === undefined || i < nGlobalImports ? undefined : globalInit[i - nGlobalImports];
  };
  // wasm-ld puts its own 64 KiB stack below --global-base, so __stack_pointer says nothing of
  // the data's end: __heap_base (exported by the link flags) does.
  const heapBase = valueOf(WASM_HEAP_BASE);
  if (heapBase === undefined) return null;
  const dataEnd = heapBase >>> 0;
  if (dataEnd < TEXT_START || dataEnd >= TASK_SIZE / 2) return null;
  return { dataEnd };
}

interface CacheEntry { size: number; mtime: number; ctime: number; mod: WebAssembly.Module; info: WasmProgramInfo }
/** Compiled programs by inode: a second exec of an unchanged file compiles nothing. */
const cache = new WeakMap<object, CacheEntry>();
export const wasmCacheStats = { compiles: 0, hits: 0 };

export interface InodeStamp { size: number; mtime: number; ctime: number }

/** The compiled module and layout of a program file, or null when it is not a valid program. */
export async function compileWasmProgram(inode: object, stamp: InodeStamp, bytes: Uint8Array): Promise<{ mod: WebAssembly.Module; info: WasmProgramInfo } | null> {
  const hit = cache.get(inode);
  if (hit && hit.size === stamp.size && hit.mtime === stamp.mtime && hit.ctime === stamp.ctime && bytes.length === hit.size) {
    wasmCacheStats.hits++;
    return hit;
  }
  let mod: WebAssembly.Module;
  try {
    wasmCacheStats.compiles++;
    mod = await WebAssembly.compile(bytes);
  } catch {
    return null;
  }
  const info = checkWasmProgram(bytes, mod);
  if (!info) return null;
  cache.set(inode, { ...stamp, mod, info });
  return { mod, info };
}
