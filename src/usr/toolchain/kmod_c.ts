// Building a C module (kbuild's steps for NAME.ko when its objects are .c files): each source is
// compiled by clang as position-independent WebAssembly against the build directory's C headers
// (with __KERNEL__, MODULE and KBUILD_MODNAME as Linux's kbuild defines them), the objects are
// linked by wasm-ld into a side module whose undefined functions are its imports, and modpost's
// checks run on the result: the licence, and every import known to Module.symvers. The .ko holds
// the module's .modinfo (its MODULE_* tags and kbuild's srcversion, depends, name, vermagic), its
// imports and the WebAssembly code (the kernel's loader: kernel/module/wasm_code.ts).
import { runTool, type ToolResult } from "llvm";
import { writeKo, vermagicOf, licenseIsGplCompatible } from "../../include/uapi/linux/ko.js";
import { gatherIncludes, GUEST, unguest } from "./c_files.js";
import { customSections, wasmImports } from "../../include/uapi/linux/wasm_read.js";
import { srcversion } from "./digest.js";
import { C_TARGET } from "./c_target.js";
import type { KbuildContext, ModuleBuild, ModuleSpec } from "./kmod_build.js";

const dec = new TextDecoder(), enc = new TextEncoder();
/** What the loader gives a side module itself: never a symbol modpost checks. */
const LINKAGE = new Set(["memory", "__indirect_function_table", "__stack_pointer", "__memory_base", "__table_base"]);

/** clang's flags for a module object (Linux's KBUILD_CFLAGS and the module's own defines). */
export function moduleCFlags(includeDir: string, modname: string, basename: string, extra: string[]): string[] {
  return [
    `--target=${C_TARGET}`, "-fPIC", "-fvisibility=default", "-ffreestanding", "-fno-builtin", "-nostdinc", "-isystem", includeDir,
    "-O2", "-g", "-mbulk-memory", "-Wall", "-Wundef", "-Wno-unused-function", "-std=gnu11",
    "-D__KERNEL__", "-DMODULE", `-DKBUILD_MODNAME="${modname}"`, `-DKBUILD_BASENAME="${basename}"`, ...extra,
  ];
}

/** wasm-ld's flags for a module: a side module over the kernel memory. */
export const MODULE_LINK_FLAGS = ["--experimental-pic", "-shared", "--import-memory", "--unresolved-symbols=import-dynamic"];

function crashed(r: ToolResult, messages: string[], what: string): boolean {
  if (r.code !== -1) return false;
  messages.push(`clang: error: unable to execute command: ${r.crash ?? "killed"}`, `clang: error: ${what} command failed`);
  return true;
}

const lines = (b: Uint8Array) => unguest(dec.decode(b)).split("\n").filter((l) => l !== "");

/**
 * Compile C sources (absolute guest paths) against the headers in `include` and link them into
 * one side module over the kernel memory, finished for the kernel's loader: its WebAssembly, or
 * null with clang's and wasm-ld's lines in messages. `module` says whether the code is a
 * loadable module (-DMODULE) or built into the kernel.
 */
export async function compileKernelC(files: KbuildContext["files"], sources: string[], include: string, modname: string,
  cflags: string[], module: boolean, messages: string[]): Promise<Uint8Array | null> {
  const read = (p: string) => { const t = files.readText(p); return t === null ? null : enc.encode(t); };
  const objects: Record<string, Uint8Array> = {};
  const objPaths: string[] = [];
  for (const src of sources) {
    const inputs: Record<string, Uint8Array> = {};
    const dir = src.slice(0, src.lastIndexOf("/")) || "/";
    gatherIncludes([src], [], [include], inputs, GUEST, read);
    const base = src.slice(src.lastIndexOf("/") + 1).replace(/\.c$/, "");
    const obj = `${GUEST}${dir}/${base}.o`;
    const flags = moduleCFlags(GUEST + include, modname, base.replace(/-/g, "_"), cflags).filter((f) => module || f !== "-DMODULE");
    const args = [...flags, `-ffile-prefix-map=${GUEST}=`, `-working-directory=${GUEST}${dir}`, "-c", GUEST + src, "-o", obj];
    const r = await runTool("clang", args, inputs, [obj]);
    if (crashed(r, messages, "clang frontend")) return null;
    messages.push(...lines(r.stdout), ...lines(r.stderr));
    if (r.code !== 0 || !r.files[obj]) return null;
    objects[obj] = r.files[obj];
    objPaths.push(obj);
  }
  const out = `${GUEST}/tmp/${modname}.ko.wasm`;
  const l = await runTool("wasm-ld", [...MODULE_LINK_FLAGS, ...objPaths, "-o", out], objects, [out]);
  if (crashed(l, messages, "linker")) return null;
  if (l.code !== 0 || !l.files[out]) {
    messages.push(...lines(l.stderr));
    return null;
  }
  // NULL checks on every access, and a C stack that can be suspended if the code may sleep
  // (wasm_asyncify.ts's finishModule).
  const fin = await runTool("wasm-kmod", [out], { [out]: l.files[out] }, [out]);
  if (fin.code !== 0 || !fin.files[out]) {
    messages.push(...lines(fin.stderr));
    return null;
  }
  return fin.files[out];
}

/** Build NAME.ko from C sources; the messages are clang's and modpost's lines. */
export async function buildCModule(ctx: KbuildContext, spec: ModuleSpec, cflags: string[] = []): Promise<ModuleBuild> {
  const { files } = ctx;
  const modname = spec.name.replace(/-/g, "_");
  const messages: string[] = [];
  const release = (files.readText(`${ctx.kernelDir}/include/config/kernel.release`) ?? "").trim();
  const code = await compileKernelC(files, spec.sources, `${ctx.kernelDir}/include`, modname, cflags, true, messages);
  if (code === null) return { ko: null, messages, exports: [] };
  const modinfoSec = customSections(code, "modinfo")[0];
  // Tags appear in .modinfo in the reverse of their source order, as the compiler emits them.
  const tags = (modinfoSec ? dec.decode(modinfoSec).split("\0").filter(Boolean) : [])
    .map((s): [string, string] => [s.slice(0, s.indexOf("=")), s.slice(s.indexOf("=") + 1)]).reverse();
  // EXPORT_SYMBOL(name) / EXPORT_SYMBOL_GPL(name): "name" or "GPL:name" in typix_ksymtab.
  const ksymtab = customSections(code, "typix_ksymtab")[0];
  const exports = (ksymtab ? dec.decode(ksymtab).split("\0").filter(Boolean) : [])
    .map((s) => (s.startsWith("GPL:") ? { name: s.slice(4), gpl: true } : { name: s, gpl: false }));
  const imports = wasmImports(code).filter((i) => i.module === "env" && i.kind === "function" && !LINKAGE.has(i.name)).map((i) => i.name);

  // modpost
  const display = spec.display ?? ((p: string) => p);
  const objName = display(spec.sources[0]).replace(/\.c$/, ".o");
  const license = tags.find(([k]) => k === "license")?.[1];
  let failed = false;
  if (license === undefined) { messages.push(`ERROR: modpost: missing MODULE_LICENSE() in ${objName}`); failed = true; }
  const gplOk = license !== undefined && licenseIsGplCompatible(license);
  const depends = new Set<string>();
  for (const name of imports) {
    const e = ctx.symvers.get(name);
    if (!e) { messages.push(`WARNING: modpost: "${name}" [${spec.name}.ko] undefined!`); continue; }
    if (e.gpl && !gplOk) { messages.push(`FATAL: modpost: GPL-incompatible module ${spec.name}.ko uses GPL-only symbol '${name}'`); failed = true; }
    if (e.module !== "vmlinux") depends.add(e.module);
  }
  if (failed) return { ko: null, messages, exports: [] };
  const modinfo: [string, string][] = [...tags, ["srcversion", srcversion(spec.sources.map((s) => files.readText(s) ?? ""))],
    ["depends", [...depends].join(",")], ["name", modname], ["vermagic", vermagicOf(release)]];
  const ko = writeKo({ modinfo, imports, exports, text: { format: "wasm", code } });
  return { ko, messages, exports: exports.map((e) => ({ name: e.name, module: modname, gpl: e.gpl })) };
}
