// The .ko container, shared by the kernel's loader and the userland tools that write or read
// modules (kbuild, modinfo, depmod): a versioned binary file of named sections, Typix's
// counterpart of the ELF relocatable object Linux loads. Layout (integers little-endian):
//
//   "\x7fTKO"  magic
//   u16        format version (KO_VERSION)
//   u16        number of sections
//   per section: u8 name length, name (ASCII, starts with "."), u32 data length, data
//
// Sections: ".modinfo" NUL-separated "key=value" strings (as Linux's .modinfo); ".imports"
// NUL-separated symbol names; ".exports" per symbol one flag byte (1 = GPL-only) then the
// NUL-terminated name; ".text" the code: a format tag, NUL, the code ("js": a TypeScript
// module's JavaScript as UTF-8; "wasm": a C module's WebAssembly side module, its bytes);
// ".map" (optional) the code's source map. The parser is strict: anything malformed, foreign
// or unknown gives null, never an exception.

export const KO_MAGIC = "\x7fTKO";
export const KO_VERSION = 1;
export const CODE_FORMATS = ["js", "wasm"] as const;
export type CodeFormat = (typeof CODE_FORMATS)[number];

/** VERMAGIC_STRING of a kernel release: the release and the options a module is built for. */
export function vermagicOf(release: string): string {
  return `${release} SMP preempt mod_unload `;
}

export interface KoExport { name: string; gpl: boolean }

export type ModuleCode = { format: "js"; code: string } | { format: "wasm"; code: Uint8Array };

/** A TypeScript module's JavaScript, the text its functions and source map refer to ("" for C). */
export function jsCodeOf(img: { text: ModuleCode }): string {
  return img.text.format === "js" ? img.text.code : "";
}

export interface ModuleImage {
  /** .modinfo in file order: tags may repeat (parm, parmtype, alias). */
  modinfo: [string, string][];
  imports: string[];
  exports: KoExport[];
  text: ModuleCode;
  map?: string;
}

const enc = new TextEncoder();
const KNOWN = new Set([".modinfo", ".imports", ".exports", ".text", ".map"]);

/** Write a .ko from its parts. */
export function writeKo(img: ModuleImage): Uint8Array {
  const sections: [string, Uint8Array][] = [
    [".modinfo", enc.encode(img.modinfo.map(([k, v]) => `${k}=${v}\0`).join(""))],
    [".imports", enc.encode(img.imports.map((s) => s + "\0").join(""))],
    [".exports", concat(img.exports.map((e) => concat([Uint8Array.of(e.gpl ? 1 : 0), enc.encode(e.name + "\0")])))],
    [".text", concat([enc.encode(img.text.format + "\0"), typeof img.text.code === "string" ? enc.encode(img.text.code) : img.text.code])],
  ];
  if (img.map !== undefined) sections.push([".map", enc.encode(img.map)]);
  const parts: Uint8Array[] = [enc.encode(KO_MAGIC)];
  const head = new DataView(new ArrayBuffer(4));
  head.setUint16(0, KO_VERSION, true);
  head.setUint16(2, sections.length, true);
  parts.push(new Uint8Array(head.buffer));
  for (const [name, data] of sections) {
    const h = new DataView(new ArrayBuffer(4));
    parts.push(Uint8Array.of(name.length), enc.encode(name));
    h.setUint32(0, data.length, true);
    parts.push(new Uint8Array(h.buffer), data);
  }
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

class Malformed extends Error {}
const bad = (): never => { throw new Malformed(); };

function utf8(b: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(b);
  } catch {
    return bad();
  }
}

/** NUL-terminated strings; the section must end with a NUL (or be empty). */
function cstrings(b: Uint8Array): string[] {
  if (b.length === 0) return [];
  if (b[b.length - 1] !== 0) bad();
  return utf8(b.subarray(0, b.length - 1)).split("\0");
}

/** Parse a .ko; null for anything that is not a well-formed one. */
export function parseKo(buf: Uint8Array): ModuleImage | null {
  try {
    return parse(buf);
  } catch (e) {
    if (e instanceof Malformed) return null;
    throw e;
  }
}

function parse(buf: Uint8Array): ModuleImage {
  if (buf.length < 8 || String.fromCharCode(...buf.subarray(0, 4)) !== KO_MAGIC) bad();
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (dv.getUint16(4, true) !== KO_VERSION) bad();
  const count = dv.getUint16(6, true);
  const sec = new Map<string, Uint8Array>();
  let o = 8;
  for (let i = 0; i < count; i++) {
    if (o + 1 > buf.length) bad();
    const nlen = buf[o++];
    if (nlen === 0 || o + nlen + 4 > buf.length) bad();
    const name = String.fromCharCode(...buf.subarray(o, o + nlen));
    o += nlen;
    const len = dv.getUint32(o, true);
    o += 4;
    if (o + len > buf.length || !KNOWN.has(name) || sec.has(name)) bad();
    sec.set(name, buf.subarray(o, o + len));
    o += len;
  }
  if (o !== buf.length) bad();
  const modinfoSec = sec.get(".modinfo"), textSec = sec.get(".text");
  if (!modinfoSec || !textSec || !sec.has(".imports") || !sec.has(".exports")) return bad();
  const modinfo = cstrings(modinfoSec).map((s): [string, string] => {
    const eq = s.indexOf("=");
    if (eq <= 0) bad();
    return [s.slice(0, eq), s.slice(eq + 1)];
  });
  const imports = cstrings(sec.get(".imports")!);
  if (imports.some((s) => !s)) bad();
  const exports: KoExport[] = [];
  const ex = sec.get(".exports")!;
  for (let p = 0; p < ex.length;) {
    const flag = ex[p++];
    const end = ex.indexOf(0, p);
    if (flag > 1 || end <= p) bad();
    exports.push({ name: utf8(ex.subarray(p, end)), gpl: flag === 1 });
    p = end + 1;
  }
  const nul = textSec.indexOf(0);
  if (nul <= 0) bad();
  const format = utf8(textSec.subarray(0, nul));
  if (!(CODE_FORMATS as readonly string[]).includes(format)) bad();
  const body = textSec.subarray(nul + 1);
  const text: ModuleCode = format === "wasm" ? { format: "wasm", code: body.slice() } : { format: "js", code: utf8(body) };
  const img: ModuleImage = { modinfo, imports, exports, text };
  const map = sec.get(".map");
  if (map) img.map = utf8(map);
  return img;
}

/** The licences modpost and the loader treat as GPL-compatible (license_is_gpl_compatible). */
export const GPL_COMPATIBLE_LICENSES = ["GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL"];

export function licenseIsGplCompatible(license: string): boolean {
  return GPL_COMPATIBLE_LICENSES.includes(license);
}
