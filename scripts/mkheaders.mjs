// Builds the header trees that the in-Typix toolchain compiles against, from the declarations
// tsc emitted into dist/:
//   dist/linux-headers/  the kernel's build directory for external modules
//                        (/usr/src/linux-headers-<release>, /lib/modules/<release>/build):
//                        include/linux/*.d.ts (one per header name, exactly the symbols the
//                        kernel exports under it, plus the headers it includes), src/ (the
//                        declarations those refer to), Module.symvers, include/config/kernel.release
//   dist/usr-include/    libc's headers for user programs (/usr/include/unistd.d.ts ...)
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync, rmSync, copyFileSync, cpSync } from "node:fs";
import { dirname, join, relative, resolve, posix } from "node:path";
import { pathToFileURL } from "node:url";

const DIST = resolve("dist");
const { loadKernelHeaders, coreSymbols } = await import("../dist/kbuild/headers.js");
const { MODULE_MACROS } = await import("../dist/kernel/module/macros.js");
const { TYPIX_RELEASE } = await import("../dist/kernel/utsname.js");
const includesFile = join(DIST, "include/linux/includes.js");
const { HEADER_INCLUDES = {} } = existsSync(includesFile) ? await import(pathToFileURL(includesFile).href) : {};

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Copy the .d.ts files reachable from roots (dist-relative), mapping each path with map. */
function copyClosure(roots, map, outDir) {
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    let text = readFileSync(join(DIST, rel), "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, "");
    text = text.replace(/((?:from\s*|import\(\s*)["'])(\.[^"']+)(["'])/g, (m, pre, spec, post) => {
      const target = posix.normalize(posix.join(posix.dirname(rel), spec)).replace(/\.js$/, ".d.ts");
      if (!existsSync(join(DIST, target))) throw new Error(`${rel}: cannot follow ${spec}`);
      visit(target);
      let to = posix.relative(posix.dirname(map(rel)), map(target)).replace(/\.d\.ts$/, ".js");
      if (!to.startsWith(".")) to = "./" + to;
      return pre + to + post;
    });
    write(join(outDir, map(rel)), text);
  };
  roots.forEach(visit);
}

// --- the kernel's build directory -------------------------------------------------------------
const KH = join(DIST, "linux-headers");
rmSync(KH, { recursive: true, force: true });
await loadKernelHeaders();
// Every file that exports a header's symbols (calls exportHeader), tests aside.
const headerFiles = [];
(function scan(dir) {
  for (const n of readdirSync(join(DIST, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${n.name}` : n.name;
    if (n.isDirectory()) { if (!["tests", "host", "bench", "usr"].includes(rel)) scan(rel); }
    else if (n.name.endsWith(".js") && !n.name.includes(".test.") && rel !== "kernel/module/ksyms.js"
      && existsSync(join("src", rel.replace(/\.js$/, ".ts"))) // not the kernel thread's bundle
      && readFileSync(join(DIST, rel), "utf8").includes("exportHeader(")) headerFiles.push(rel);
  }
})("");
// Where each exported value is defined: its file and the name it has there.
const definedAt = new Map();
// Values that are members of an exported table (PARAM_OPS.int.set): their type is the member's.
const memberOf = new Map();
const exportsOf = new Map();
const isTable = (v) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;
for (const f of headerFiles) {
  const ns = await import(pathToFileURL(join(DIST, f)).href);
  exportsOf.set(f, new Set(Object.keys(ns)));
  for (const [name, value] of Object.entries(ns)) {
    const list = definedAt.get(value) ?? [];
    list.push({ file: f, name });
    definedAt.set(value, list);
    if (!isTable(value)) continue;
    for (const [k, v] of Object.entries(value)) {
      if (!memberOf.has(v)) memberOf.set(v, { file: f, path: [name, k] });
      if (isTable(v)) for (const [k2, v2] of Object.entries(v)) if (!memberOf.has(v2)) memberOf.set(v2, { file: f, path: [name, k, k2] });
    }
  }
}
const byHeader = new Map();
for (const s of coreSymbols()) {
  if (!byHeader.has(s.header)) byHeader.set(s.header, []);
  byHeader.get(s.header).push(s);
}
const headers = new Set([...byHeader.keys(), ...Object.keys(MODULE_MACROS), ...Object.keys(HEADER_INCLUDES)]);
const roots = new Set(["kernel/module/internal.d.ts"]);
const missing = [];
for (const h of [...headers].sort()) {
  const lines = [`// ${h}: the kernel API this header declares (generated from the kernel's symbol table).`];
  const files = new Map(); // dist file -> [orig, name][]
  for (const s of byHeader.get(h) ?? []) {
    // A live variable (a getter, as jiffies) is the named export of that name.
    const at = s.get ? headerFiles.filter((f) => exportsOf.get(f).has(s.name)).map((file) => ({ file, name: s.name })) : definedAt.get(s.value) ?? [];
    const def = at.find((d) => d.name === s.name) ?? at[0];
    if (!def) {
      const mem = memberOf.get(s.value);
      if (mem) {
        if (!files.has(mem.file)) files.set(mem.file, []);
        const [base, ...keys] = mem.path;
        lines.push(`export declare const ${s.name}: typeof import("../../src/${mem.file}").${base}${keys.map((k) => `[${JSON.stringify(k)}]`).join("")};`);
      } else {
        missing.push(`${h}: ${s.name}`);
        lines.push(`export declare const ${s.name}: any;`);
      }
      continue;
    }
    if (!files.has(def.file)) files.set(def.file, []);
    files.get(def.file).push(def.name === s.name ? s.name : `${def.name} as ${s.name}`);
  }
  const depth = "../../";
  for (const [file, names] of files) {
    const spec = `${depth}src/${file}`;
    roots.add(file.replace(/\.js$/, ".d.ts"));
    if (names.length) lines.push(`export { ${names.join(", ")} } from "${spec}";`);
    lines.push(`export type * from "${spec}";`);
  }
  if (MODULE_MACROS[h]) lines.push(`export { ${MODULE_MACROS[h].join(", ")} } from "../typix/module_macros.js";`);
  if (MODULE_MACROS[h]) lines.push(`export type { param_type } from "../typix/module_macros.js";`);
  for (const inc of HEADER_INCLUDES[h] ?? []) lines.push(`export * from "../${inc}.js";`);
  write(join(KH, "include", `${h}.d.ts`), lines.join("\n") + "\n");
}
if (missing.length) console.warn(`mkheaders: not a named export of its file (declared any): ${missing.join(", ")}`);
copyClosure([...roots], (rel) => `src/${rel}`, KH);
write(join(KH, "include/typix/module_macros.d.ts"), readFileSync("src/kbuild/macros.d.ts", "utf8"));
write(join(KH, "include/config/kernel.release"), TYPIX_RELEASE + "\n");
// The C headers of C modules (src/kbuild/include), and the C API's names beside the core's.
cpSync("src/kbuild/include", join(KH, "include"), { recursive: true });
// The ioctl numbers' encoding is the user ABI's: the same header as libc's.
for (const h of ["asm-generic/ioctl.h", "asm/ioctl.h", "linux/ioctl.h"]) cpSync(`src/libc/include/${h}`, join(KH, "include", h));
const { C_KERNEL_SYMBOLS } = await import("../dist/kernel/module/c_api.js");
const [vMajor, vMinor, vPatch] = TYPIX_RELEASE.split(/[.-]/).map((n) => Number(n) || 0);
write(join(KH, "include/linux/version.h"), "/* Generated from the kernel's release: the version C code compares against. */\n" +
  `#define LINUX_VERSION_CODE ${vMajor * 65536 + vMinor * 256 + vPatch}\n` +
  "#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))\n" +
  `#define LINUX_VERSION_MAJOR ${vMajor}\n#define LINUX_VERSION_PATCHLEVEL ${vMinor}\n#define LINUX_VERSION_SUBLEVEL ${vPatch}\n`);
const errnos = Object.entries(await import("../dist/include/uapi/errno.js"))
  .filter(([k, v]) => /^E[A-Z0-9]+$/.test(k) && typeof v === "number" && v < 512).sort((a, b) => a[1] - b[1]);
write(join(KH, "include/uapi/asm-generic/errno.h"), "/* Generated from the kernel's error numbers (include/uapi/errno.ts). */\n" +
  "#ifndef _UAPI_ASM_GENERIC_ERRNO_H\n#define _UAPI_ASM_GENERIC_ERRNO_H\n" +
  errnos.map(([k, v]) => `#define ${k} ${v}\n`).join("") + "#endif\n");
const oflags = Object.entries(await import("../dist/include/uapi/fcntl.js"))
  .filter(([k, v]) => /^O_[A-Z]+$/.test(k) && typeof v === "number");
write(join(KH, "include/uapi/asm-generic/fcntl.h"), "/* Generated from the kernel's open flags (include/uapi/fcntl.ts): file->f_flags. */\n" +
  "#ifndef _UAPI_ASM_GENERIC_FCNTL_H\n#define _UAPI_ASM_GENERIC_FCNTL_H\n" +
  oflags.map(([k, v]) => `#define ${k} 0${v.toString(8)}\n`).join("") + "#endif\n");
const symvers = [...coreSymbols(), ...C_KERNEL_SYMBOLS.map((name) => ({ name, gpl: false }))]
  .filter((s, i, all) => all.findIndex((x) => x.name === s.name) === i);
write(join(KH, "Module.symvers"), symvers
  .map((s) => `0x00000000\t${s.name}\tvmlinux\t${s.gpl ? "EXPORT_SYMBOL_GPL" : "EXPORT_SYMBOL"}\t\n`).join(""));
write(join(KH, "Makefile"), readFileSync("src/kbuild/Makefile.build", "utf8"));

// --- libc's headers ---------------------------------------------------------------------------
const UI = join(DIST, "usr-include");
rmSync(UI, { recursive: true, force: true });
const libcRoots = [];
const walk = (dir) => {
  for (const n of readdirSync(join(DIST, dir), { withFileTypes: true })) {
    const rel = `${dir}/${n.name}`;
    if (n.isDirectory()) walk(rel);
    else if (n.name.endsWith(".d.ts") && !n.name.includes(".test.")) libcRoots.push(rel);
  }
};
walk("lib/libc");
copyClosure(libcRoots, (rel) => rel.startsWith("lib/libc/") ? rel.slice("lib/libc/".length)
  : rel.startsWith("include/uapi/") ? `uapi/${rel.slice("include/uapi/".length)}` : `typix/${rel}`, UI);
