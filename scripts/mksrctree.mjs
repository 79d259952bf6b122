// The kernel's source tree and the shipped kernel image, for the root filesystem image:
//  - dist/linux: the TypeScript sources of every module the kernel thread runs (the import
//    closure of host/kernel_thread and host/user_runtime, and all of libc), the system-call
//    table, include/linux/syscalls.d.ts, the C headers (include/linux/*.h ...), a Makefile per
//    directory (obj-y) and the top one (core-y), README, .config, .version, scripts/kernel_build
//    and scripts/manifest (each file's digest, the entry points each file defines, the table's
//    unimplemented entries, the functions C code may call);
//  - dist/vmlinuz: the shipped kernel as a kernel image (src/usr/toolchain/kernel_image.ts),
//    the JavaScript tsc made of the same sources.
// addSourceTree() puts them in the image: /usr/src/linux (owned by the user, who builds in it
// as the books do) and /boot with the bootloader's menu.
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const DIST = resolve("dist");
const TREE = "dist/linux";

/** dist modules reachable from the roots by static and literal dynamic imports. */
function closure(roots) {
  const seen = new Set();
  const walk = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.[^"']+)["']/g)) {
      const t = resolve(dirname(f), m[1]);
      if (existsSync(t)) walk(t);
    }
  };
  roots.forEach(walk);
  return [...seen].map((f) => relative(DIST, f)).sort();
}

function libcModules(dir = "dist/lib/libc") {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...libcModules(p));
    else if (e.name.endsWith(".js") && !e.name.endsWith(".test.js")) out.push(resolve(p));
  }
  return out;
}

export async function makeSourceTree() {
  const tree = await import("../dist/usr/toolchain/kernel_tree.js");
  const { writeKernelImage } = await import("../dist/usr/toolchain/kernel_image.js");
  const { KERNEL_THREAD, USER_RUNTIME, USER_HOST_LIBRARIES, ENTRY, GENERATED, tableModule, unistdModule, systemMap } = await import("../dist/usr/toolchain/kernel_build.js");
  const { UTS_RELEASE, UTS_VERSION } = await import("../dist/include/generated/utsrelease.js");
  const modules = closure([resolve(DIST, KERNEL_THREAD), resolve(DIST, USER_RUNTIME), ...USER_HOST_LIBRARIES.map((m) => resolve(DIST, m)), ...libcModules()]);
  const files = new Map(); // tree path -> text
  const sources = modules.map((m) => m.replace(/\.js$/, ".ts"));
  for (const s of sources) files.set(s, readFileSync(join("src", s), "utf8"));
  files.set(tree.TABLE, readFileSync(join("src", tree.TABLE), "utf8"));
  // The generated files as the kernel build generates them (an unmodified tree regenerates the same).
  const table = tree.readSyscallTable(files.get(tree.TABLE));
  files.set(GENERATED.table, tableModule(table));
  files.set(GENERATED.unistd, unistdModule(table));
  for (const t of readdirSync("src/types")) files.set(`types/${t}`, readFileSync(join("src/types", t), "utf8"));
  files.set("types/kernel_env.d.ts", readFileSync("scripts/linux_tree/kernel_env.d.ts", "utf8"));
  files.set("include/linux/syscalls.d.ts", readFileSync("scripts/linux_tree/syscalls.d.ts", "utf8"));
  files.set(".config", readFileSync("scripts/linux_tree/config", "utf8"));
  files.set("README", readFileSync("scripts/linux_tree/README", "utf8"));
  // The C headers (mkheaders' linux-headers tree has them, generated ones included), for C
  // code built into the kernel.
  const headers = (dir, rel = "") => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) headers(dir, r);
      else if (e.name.endsWith(".h")) files.set(`include/${r}`, readFileSync(join(dir, r), "utf8"));
    }
  };
  headers("dist/linux-headers/include");

  // A Makefile per directory: its sources as obj-y, its subdirectories as obj-y += dir/.
  const dirs = new Map(); // "kernel/" -> { objs: [], subs: Set }
  const dirOf = (p) => p.slice(0, p.lastIndexOf("/") + 1);
  const ensure = (d) => {
    if (!dirs.has(d)) {
      dirs.set(d, { objs: [], subs: new Set() });
      const parent = dirOf(d.slice(0, -1));
      if (parent) ensure(parent).subs.add(d.slice(parent.length));
    }
    return dirs.get(d);
  };
  for (const s of sources) ensure(dirOf(s)).objs.push(s.slice(dirOf(s).length).replace(/\.ts$/, ".o"));
  const coreY = [...dirs.keys()].filter((d) => d.split("/").length === 2).sort();
  for (const [d, { objs, subs }] of dirs) {
    const lines = [`# ${d}: objects built into the kernel.`];
    if (objs.length) lines.push(`obj-y := ${objs.join(" \\\n\t")}`);
    for (const s of [...subs].sort()) lines.push(`obj-y += ${s}`);
    files.set(`${d}Makefile`, lines.join("\n") + "\n");
  }
  files.set("Makefile", readFileSync("scripts/linux_tree/Makefile", "utf8").replace("@CORE_Y@", `core-y := ${coreY.join(" ")}`));

  // The shipped kernel: tsc's modules, the generated entry.
  const js = new Map();
  for (const m of modules) js.set(m, readFileSync(join(DIST, m), "utf8").replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n"));
  js.set(ENTRY, `// The kernel thread's entry.\nimport "../${KERNEL_THREAD}";\n`);
  const image = writeKernelImage({ release: UTS_RELEASE, version: UTS_VERSION, entry: ENTRY, runtime: USER_RUNTIME, modules: js });

  // Entry points by defining file, from the handler families kernel/syscalls.ts lists.
  const entries = new Map();
  const list = readFileSync("src/kernel/syscalls.ts", "utf8");
  for (const m of list.matchAll(/import \{ syscalls as \w+ \} from "([^"]+)"/g)) {
    const source = join("kernel", m[1]).replace(/\.js$/, ".ts");
    const family = (await import(resolve(DIST, source.replace(/\.ts$/, ".js")))).syscalls;
    for (const name of Object.keys(family)) entries.set(name, source);
  }
  const { SYSCALL_TABLE } = await import("../dist/arch/x86/entry/syscalls/table.gen.js");
  const ni = SYSCALL_TABLE.filter((e) => e.entry && !entries.has(e.entry)).map((e) => e.entry);

  const { C_KERNEL_SYMBOLS } = await import("../dist/kernel/module/c_api.js");
  const manifest = { release: UTS_RELEASE, image: `/boot/vmlinuz-${UTS_RELEASE}`, files: new Map(), entries, cSymbols: new Set(C_KERNEL_SYMBOLS) };
  for (const p of [...files.keys()].sort()) if (p !== "README") manifest.files.set(p, tree.digest(files.get(p)));
  files.set(tree.MANIFEST, tree.formatManifest(manifest) + ni.map((e) => `ni ${e}\n`).join(""));
  files.set(".version", "1\n");
  files.set("arch/x86/boot/.gitignore", "bzImage\n");
  files.set("include/config/kernel.release", UTS_RELEASE + "\n");

  rmSync(TREE, { recursive: true, force: true });
  for (const [p, text] of files) {
    mkdirSync(dirname(join(TREE, p)), { recursive: true });
    writeFileSync(join(TREE, p), text);
  }
  writeFileSync("dist/vmlinuz", image);
  const sysmap = systemMap(image, new Map([...entries].filter(([, s]) => js.has(s.replace(/\.ts$/, ".js")))));
  writeFileSync("dist/System.map", sysmap);
  return { release: UTS_RELEASE, image, sysmap };
}

/** mkimage's hook: /usr/src/linux and /boot. */
export async function addSourceTree(entries, addDir, walk) {
  const { release, image, sysmap } = await makeSourceTree();
  addDir("/usr/src/linux", 0o40755, 1000, 1000);
  walk(TREE, "/usr/src/linux");
  for (const [path, e] of entries) {
    if (path.startsWith("/usr/src/linux")) { e.uid = 1000; e.gid = 1000; }
  }
  entries.set("/usr/src/linux/scripts/kernel_build", { mode: 0o100755, uid: 1000, gid: 1000, data: readFileSync("dist/toolchain/kernel_build") });
  addDir("/boot");
  addDir("/boot/grub");
  const file = (data) => ({ mode: 0o100644, uid: 0, gid: 0, data: typeof data === "string" ? new TextEncoder().encode(data) : data });
  entries.set(`/boot/vmlinuz-${release}`, file(image));
  entries.set(`/boot/System.map-${release}`, file(sysmap));
  entries.set(`/boot/config-${release}`, file(readFileSync("scripts/linux_tree/config")));
  const { formatGrubCfg } = await import("../dist/usr/toolchain/kernel_install.js");
  entries.set("/boot/grub/grub.cfg", file(formatGrubCfg([{ release, kernel: `/boot/vmlinuz-${release}` }])));
}
