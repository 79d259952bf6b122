// What faddr2line and gdb share: a module file's functions and source map, and the source line
// of an address written `func+0xOFF[/0xLEN]` or a plain offset into its code.
import { parseKo, jsCodeOf, type ModuleImage } from "../../include/uapi/linux/ko.js";
import { codeFunctions, functionAt, lineColumnOf, sourceLookup, mapSegments, offsetOf, parseFuncOffset, type CodeFunction, type MappedSegment } from "../../include/uapi/linux/ko_sym.js";
import { readFileBytes } from "./common.js";

export interface KoSymbols { img: ModuleImage; fns: CodeFunction[]; segments: MappedSegment[] }

/** The module at path, or null when it is no .ko (errno set when it could not be read). */
export async function loadSymbols(path: string): Promise<KoSymbols | null | "unreadable"> {
  const b = await readFileBytes(path);
  if (!b) return "unreadable";
  const img = parseKo(b);
  if (!img) return null;
  return { img, fns: codeFunctions(jsCodeOf(img)), segments: img.map ? mapSegments(img.map) : [] };
}

export interface Resolved { fn: CodeFunction; addr: number; source: string; line: number }

/** The source line of an offset into the code, or null when the map does not cover it. */
export function lineAt(k: KoSymbols, addr: number): { source: string; line: number } | null {
  if (k.img.map === undefined) return null;
  const lc = lineColumnOf(jsCodeOf(k.img), addr);
  const p = sourceLookup(k.img.map, lc.line, lc.column);
  return p ? { source: p.source, line: p.line } : null;
}

/** The functions called name. */
export function functionsNamed(k: KoSymbols, name: string): CodeFunction[] {
  return k.fns.filter((f) => f.name === name);
}

/** The function holding an offset. */
export function functionOf(k: KoSymbols, addr: number): CodeFunction | null {
  return functionAt(k.fns, addr);
}

export { parseFuncOffset };

/** Where the code of a source line starts and ends around addr (for gdb's info line). */
export function lineRange(k: KoSymbols, addr: number): { start: number; end: number } | null {
  const code = jsCodeOf(k.img);
  const offs = k.segments.map((s) => ({ off: offsetOf(code, s.genLine + 1, s.genCol + 1), line: s.line, source: s.source }))
    .sort((a, b) => a.off - b.off);
  let i = -1;
  for (let j = 0; j < offs.length && offs[j].off <= addr; j++) i = j;
  if (i < 0) return null;
  const { line, source } = offs[i];
  let s = i;
  while (s > 0 && offs[s - 1].line === line && offs[s - 1].source === source) s--;
  let e = i + 1;
  while (e < offs.length && offs[e].line === line && offs[e].source === source) e++;
  return { start: offs[s].off, end: e < offs.length ? offs[e].off : code.length };
}
