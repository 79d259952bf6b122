// Module frames in reports: a stack frame in a module's code (its sourceURL names the module)
// becomes `fn+0xOFF/0xLEN [module]`, OFF and LEN being character offsets into the module's
// .text (include/uapi/linux/ko_sym.ts), and its source line comes from the module's .map —
// the numbers faddr2line and gdb turn back into hello.ts:42.
import { jsCodeOf } from "../../include/uapi/linux/ko.js";
import { findModule, modules, type Module } from "./internal.js";
import { wasmFunctions, type WasmFunction } from "../../include/uapi/linux/wasm_read.js";
import { moduleCodeCompiler } from "./code_loader.js";
import { codeFunctions, functionAt, offsetOf, lineColumnOf, sourceLookup, type CodeFunction } from "../../include/uapi/linux/ko_sym.js";

/** Where stack frames of module code come from (their sourceURL). */
export const CODE_URL = "typix-module/";

const jsCode = (m: Module) => jsCodeOf(m.image);

const cache = new WeakMap<Module, CodeFunction[]>();
function functionsOf(m: Module): CodeFunction[] {
  let f = cache.get(m);
  if (!f) cache.set(m, (f = codeFunctions(jsCode(m))));
  return f;
}

interface Located { m: Module; off: number }

function locate(file: string, line: number, column: number): Located | null {
  const i = file.indexOf(CODE_URL);
  if (i < 0) return null;
  const m = findModule(file.slice(i + CODE_URL.length));
  if (!m || line <= moduleCodeCompiler.wrapperLines) return null;
  return { m, off: offsetOf(jsCode(m), line - moduleCodeCompiler.wrapperLines, column) };
}

/** A module frame's call-trace text, or undefined when the frame is not in a module's code. */
export function moduleFrame(fn: string, file: string, line: number, column: number): string | undefined {
  if (file.startsWith("wasm://")) return cModuleFrame(fn, line, column);
  if (!file.includes(CODE_URL)) return undefined;
  const at = locate(file, line, column);
  const modName = file.slice(file.indexOf(CODE_URL) + CODE_URL.length);
  if (!at) return `${fn} [${modName}]`;
  const f = functionAt(functionsOf(at.m), at.off, fn);
  if (!f) return `${fn}+0x${at.off.toString(16)} [${modName}]`;
  return `${f.name}+0x${(at.off - f.start).toString(16)}/0x${(f.end - f.start).toString(16)} [${modName}]`;
}

/** The source line of a frame in a module's code ("hello.ts:42"), from its source map. */
export function moduleSourceLine(file: string, line: number, column: number): string | null {
  const at = locate(file, line, column);
  if (!at || at.m.image.map === undefined) return null;
  const lc = lineColumnOf(jsCode(at.m), at.off);
  const pos = sourceLookup(at.m.image.map, lc.line, lc.column);
  return pos ? `${pos.source}:${pos.line}` : null;
}

const cFunctions = new WeakMap<Module, WasmFunction[]>();

/**
 * A frame of a C module's code (function index and module-relative offset, from the wasm frame):
 * `hello_init+0x1a/0x40 [hello]`, the module being the live C module with that function there.
 */
function cModuleFrame(fn: string, index: number, offset: number): string | undefined {
  for (const m of modules) {
    if (m.image.text.format !== "wasm") continue;
    let fns = cFunctions.get(m);
    if (!fns) cFunctions.set(m, (fns = wasmFunctions(m.image.text.code)));
    const f = fns.find((x) => x.index === index);
    if (!f || f.name !== fn || offset < f.start || offset > f.end) continue;
    return `${f.name}+0x${(offset - f.start).toString(16)}/0x${(f.end - f.start).toString(16)} [${m.name}]`;
  }
  return undefined;
}
