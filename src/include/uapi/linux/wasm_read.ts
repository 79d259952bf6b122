// Reading a WebAssembly binary's sections without compiling it, shared by the toolchain (a C
// module's .modinfo and imports; it runs where code generation may be off) and the kernel (the
// functions of a C module's code, for call traces): the sections as the format defines them.
export interface WasmImport { module: string; name: string; kind: "function" | "table" | "memory" | "global" | "tag" }

const KINDS = ["function", "table", "memory", "global", "tag"] as const;

/** A cursor over a module's bytes (LEB128 numbers, names, limits); throws when truncated. */
export class Reader {
  o = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    if (this.o >= this.b.length) throw new Error("wasm: truncated");
    return this.b[this.o++];
  }
  uleb(): number {
    let v = 0, shift = 0;
    for (;;) {
      const x = this.byte();
      v += (x & 0x7f) * 2 ** shift;
      if (!(x & 0x80)) return v;
      shift += 7;
    }
  }
  name(): string {
    const n = this.uleb();
    const s = new TextDecoder().decode(this.b.subarray(this.o, this.o + n));
    this.o += n;
    return s;
  }
  limits(): void {
    const flags = this.byte();
    this.uleb();
    if (flags & 1) this.uleb();
  }
}

/** The sections of a module: [id, custom name or "", payload]; throws on a malformed one. */
function sections(b: Uint8Array): [number, string, Uint8Array][] {
  if (b.length < 8 || b[0] !== 0 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) throw new Error("wasm: not a module");
  const r = new Reader(b);
  r.o = 8;
  const out: [number, string, Uint8Array][] = [];
  while (r.o < b.length) {
    const id = r.byte();
    const size = r.uleb();
    const end = r.o + size;
    if (end > b.length) throw new Error("wasm: truncated");
    if (id === 0) {
      const name = r.name();
      out.push([0, name, b.subarray(r.o, end)]);
    } else out.push([id, "", b.subarray(r.o, end)]);
    r.o = end;
  }
  return out;
}

/** The payloads of the custom sections called name, in order. */
export function customSections(b: Uint8Array, name: string): Uint8Array[] {
  return sections(b).filter(([id, n]) => id === 0 && n === name).map(([, , p]) => p);
}

/** The module's imports. */
export function wasmImports(b: Uint8Array): WasmImport[] {
  const sec = sections(b).find(([id]) => id === 2);
  if (!sec) return [];
  const r = new Reader(sec[2]);
  const out: WasmImport[] = [];
  for (let n = r.uleb(); n > 0; n--) {
    const module = r.name(), name = r.name();
    const k = r.byte();
    if (k === 0) r.uleb();
    else if (k === 1) { r.byte(); r.limits(); }
    else if (k === 2) r.limits();
    else if (k === 3) { r.byte(); r.byte(); }
    else if (k === 4) { r.byte(); r.uleb(); }
    else throw new Error("wasm: bad import");
    out.push({ module, name, kind: KINDS[k] });
  }
  return out;
}

/** A function of the module's code: its index (imports first), name, and body's byte range. */
export interface WasmFunction { index: number; name: string; start: number; end: number }

/** The module's defined functions, named from its "name" section (or "func<N>"). */
export function wasmFunctions(b: Uint8Array): WasmFunction[] {
  const secs = sections(b);
  const imported = wasmImports(b).filter((i) => i.kind === "function").length;
  const names = new Map<number, string>();
  const nameSec = secs.find(([id, n]) => id === 0 && n === "name");
  if (nameSec) {
    const r = new Reader(nameSec[2]);
    while (r.o < r.b.length) {
      const sub = r.byte(), size = r.uleb(), end = r.o + size;
      if (sub === 1) for (let n = r.uleb(); n > 0; n--) { const i = r.uleb(); names.set(i, r.name()); }
      r.o = end;
    }
  }
  const code = secs.find(([id]) => id === 10);
  if (!code) return [];
  const base = code[2].byteOffset - b.byteOffset;
  const r = new Reader(code[2]);
  const out: WasmFunction[] = [];
  for (let n = r.uleb(), k = 0; k < n; k++) {
    const size = r.uleb();
    const index = imported + k;
    out.push({ index, name: names.get(index) ?? `func${index}`, start: base + r.o, end: base + r.o + size });
    r.o += size;
  }
  return out;
}

/** dylink.0's WASM_DYLINK_MEM_INFO of a side module: the data and table it needs. */
export function dylinkMemInfo(payload: Uint8Array): { memSize: number; memAlign: number; tableSize: number } {
  const r = new Reader(payload);
  while (r.o < payload.length) {
    const type = r.byte(), end = r.uleb() + r.o;
    if (type === 1) return { memSize: r.uleb(), memAlign: r.uleb(), tableSize: r.uleb() };
    r.o = end;
  }
  return { memSize: 0, memAlign: 0, tableSize: 0 };
}
