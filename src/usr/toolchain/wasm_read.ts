// Reading a WebAssembly binary's custom sections and imports without compiling it (the toolchain
// runs where code generation may be off): the module's sections as the format defines them.
export interface WasmImport { module: string; name: string; kind: "function" | "table" | "memory" | "global" | "tag" }

const KINDS = ["function", "table", "memory", "global", "tag"] as const;

class Reader {
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
