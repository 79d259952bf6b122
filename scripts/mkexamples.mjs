// Builds the example modules of rootfs/usr/src/examples/*/ for the image, after tsc: kbuild
// (dist/kbuild/build.js, the toolchain that runs inside Typix) builds each directory as
// `make M=DIR modules` would, in directory order, each seeing the Module.symvers of those
// built before it, and without writing into the source tree.
// The .ko files go to /lib/modules/RELEASE/extra/NAME.ko with the indexes depmod would write
// there (modules.dep, modules.alias, modules.symbols, modules.softdep, in depmod's format), so
// `modprobe NAME` works right after boot. Any compiler or modpost message fails the build.
// mkimage.mjs calls addExamples(entries, addDir); `node scripts/mkexamples.mjs` only builds
// and lists what it would add.
import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const EXAMPLES = join(ROOT, "rootfs/usr/src/examples");

/** depmod's indexes for modules under the module directory: [file name, text] pairs. */
export function depmodIndexes(mods) {
  // mods: { path ("extra/x.ko"), name, depends: [names], aliases, softdeps, exports }, in
  // depmod's walk order (sorted paths). Dependencies: every one, direct and indirect, nearest first.
  const byName = new Map(mods.map((m) => [m.name, m]));
  const all = new Map();
  const closure = (m, stack) => {
    if (all.has(m.name)) return all.get(m.name);
    const out = [];
    for (const d of m.depends) {
      const dm = byName.get(d);
      if (!dm) throw new Error(`mkexamples: ${m.path} needs unknown module ${d}`);
      if (stack.includes(d)) throw new Error(`mkexamples: dependency cycle: ${[...stack, d].join(" -> ")}`);
      for (const p of [dm.path, ...closure(dm, [...stack, d])]) if (!out.includes(p)) out.push(p);
    }
    all.set(m.name, out);
    return out;
  };
  let dep = "", alias = "# Aliases extracted from modules themselves.\n", symbols = "# Aliases for symbols, used by symbol_request().\n";
  let softdep = "# Soft dependencies extracted from modules themselves.\n";
  for (const m of mods) {
    dep += `${m.path}:${closure(m, [m.name]).map((d) => " " + d).join("")}\n`;
    for (const a of m.aliases) alias += `alias ${a} ${m.name}\n`;
    for (const s of m.exports) symbols += `alias symbol:${s} ${m.name}\n`;
    for (const s of m.softdeps) softdep += `softdep ${m.name} ${s}\n`;
  }
  return [["modules.dep", dep], ["modules.alias", alias], ["modules.symbols", symbols], ["modules.softdep", softdep]];
}

/** Build every example module: [{ file ("hwkm"), ko }] in build order; throws with kbuild's messages on failure. */
export async function buildExamples() {
  const { buildModuleDirInMemory } = await import("../dist/kbuild/build.js");
  const built = [];
  const symvers = [];
  const failures = [];
  if (!existsSync(EXAMPLES)) return built;
  for (const dir of readdirSync(EXAMPLES).sort()) {
    const path = join(EXAMPLES, dir);
    if (!existsSync(join(path, "Makefile")) && !existsSync(join(path, "Kbuild"))) continue;
    const r = await buildModuleDirInMemory(path, symvers);
    const messages = r.lines.filter((l) => !/^ {2}[A-Z]/.test(l)); // progress lines aside
    if (!r.ok || messages.length) { failures.push(`${dir}:`, ...messages.map((l) => "  " + l)); continue; }
    const order = new TextDecoder().decode(r.files.get(join(path, "modules.order")) ?? new Uint8Array());
    for (const o of order.split("\n").filter(Boolean)) {
      const file = o.slice(o.lastIndexOf("/") + 1, -2);
      built.push({ file, ko: r.files.get(join(path, `${file}.ko`)) });
    }
    const sv = r.files.get(join(path, "Module.symvers"));
    if (sv) symvers.push(new TextDecoder().decode(sv));
  }
  if (failures.length) throw new Error("building the example modules failed:\n" + failures.join("\n"));
  return built;
}

/** The image's files for the examples: [guest path, bytes] pairs. */
export async function exampleFiles() {
  const { readKo } = await import("../dist/kernel/module/format.js");
  const { TYPIX_RELEASE } = await import("../dist/kernel/utsname.js");
  const dir = `/lib/modules/${TYPIX_RELEASE}`;
  const built = await buildExamples();
  const mods = [];
  const seen = new Set();
  for (const { file, ko } of built.sort((a, b) => (`${a.file}.ko` < `${b.file}.ko` ? -1 : `${a.file}.ko` > `${b.file}.ko` ? 1 : 0))) {
    const img = readKo(ko);
    const tag = (k) => img.modinfo.filter(([t]) => t === k).map(([, v]) => v);
    const name = file.replace(/-/g, "_");
    if (seen.has(name)) throw new Error(`mkexamples: two example modules are named ${name}`);
    seen.add(name);
    mods.push({
      path: `extra/${file}.ko`, name, aliases: tag("alias"), softdeps: tag("softdep"), exports: img.exports.map((e) => e.name),
      depends: tag("depends").flatMap((v) => v.split(",")).filter(Boolean).map((d) => d.replace(/-/g, "_")),
    });
  }
  const enc = new TextEncoder();
  return [
    ...built.map(({ file, ko }) => [`${dir}/extra/${file}.ko`, ko]),
    ...(built.length ? depmodIndexes(mods).map(([f, text]) => [`${dir}/${f}`, enc.encode(text)]) : []),
  ];
}

/** mkimage's hook: add the example modules and their indexes to the image's entries. */
export async function addExamples(entries, addDir) {
  for (const [path, data] of await exampleFiles()) {
    addDir(path.slice(0, path.lastIndexOf("/")));
    entries.set(path, { mode: 0o100644, uid: 0, gid: 0, data });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [path, data] of await exampleFiles()) console.log(`${path} (${data.length} bytes)`);
}
