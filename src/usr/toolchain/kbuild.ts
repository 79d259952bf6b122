// scripts/kbuild in the kernel's build directory: what `make -C /lib/modules/$(uname -r)/build
// M=DIR modules|clean|modules_install` runs (see src/kbuild/Makefile.build). It reads DIR's
// Kbuild file (or Makefile) for obj-m, builds each module against the build directory's headers
// and Module.symvers, prints kbuild's progress lines, and writes NAME.ko, NAME.mod,
// modules.order and DIR/Module.symvers. The program is kbuild_main.ts; the host's `typix kbuild`
// and the image's prebuilt examples use this file directly.
import type { ToolFiles } from "./files.js";
import { readKbuildFile } from "./kbuild_makefile.js";
import { buildModule, kernelContext, parseSymvers, formatSymvers, type SymversEntry, type KbuildContext, type ModuleSpec, type ModuleBuild } from "./kmod_build.js";


export interface KbuildRun {
  files: ToolFiles;
  kernelDir: string;
  /** The external module's directory (M=), absolute. */
  dir: string;
  /** More Module.symvers files (KBUILD_EXTRA_SYMBOLS). */
  extraSymbols?: string[];
  print: (line: string) => void;
  printErr: (line: string) => void;
  /** Builds a C module (kmod_c.ts); only inside Typix, where the compiler Worker is. */
  compileC?: (ctx: KbuildContext, spec: ModuleSpec) => Promise<ModuleBuild>;
}

const objOf = (src: string) => src.replace(/\.(ts|c)$/, ".o");

/** `modules`: build every module of the directory; false when the build failed. */
export async function buildModules(run: KbuildRun): Promise<boolean> {
  const { files, dir } = run;
  const kbuildFile = [`${dir}/Kbuild`, `${dir}/Makefile`, `${dir}/makefile`].find((f) => files.isFile(f));
  const release = (files.readText(`${run.kernelDir}/include/config/kernel.release`) ?? "").trim();
  if (!kbuildFile) { run.printErr(`scripts/kbuild: no Kbuild file or Makefile in ${dir}`); return false; }
  const spec = readKbuildFile(files.readText(kbuildFile)!, { KERNELRELEASE: release, M: dir, src: dir, obj: dir, srctree: run.kernelDir });
  if (!spec.modules.length) {
    run.printErr(`scripts/Makefile.build: ${kbuildFile}: no obj-m: nothing to build`);
    return false;
  }
  const ctx = kernelContext(files, run.kernelDir);
  for (const f of run.extraSymbols ?? []) for (const s of parseSymvers(files.readText(f) ?? "")) ctx.symvers.set(s.name, s);
  // An object is built from NAME.c when there is one (a C module), else from NAME.ts.
  // (On the host, which cannot compile C, an object that has both is built from NAME.ts.)
  const sourceOf = (o: string) => (files.isFile(`${dir}/${o}.c`) && (run.compileC || !files.isFile(`${dir}/${o}.ts`)) ? `${dir}/${o}.c` : `${dir}/${o}.ts`);
  const plan = spec.modules.map((name) => {
    const objs = spec.objects.get(name) ?? [name];
    return { name, sources: objs.map(sourceOf), multi: spec.objects.has(name) };
  });
  // Sources first: a missing one stops the build as make's missing prerequisite does.
  for (const p of plan) {
    for (const s of p.sources) {
      if (!files.isFile(s)) {
        run.printErr(`make[2]: *** No rule to make target '${objOf(s)}', needed by '${dir}/${p.name}.ko'.  Stop.`);
        return false;
      }
    }
  }
  const built: SymversEntry[] = [];
  let ok = true;
  const fresh = (p: (typeof plan)[number]) => {
    const ko = files.mtime(`${dir}/${p.name}.ko`);
    return ko !== null && [...p.sources, kbuildFile].every((s) => (files.mtime(s) ?? Infinity) <= ko);
  };
  const results: { name: string; ko: Uint8Array; objs: string[] }[] = [];
  const modpostLines: string[] = [];
  let any = false;
  for (const p of plan) {
    if (fresh(p)) {
      for (const s of parseSymvers(files.readText(`${dir}/Module.symvers`) ?? "")) if (s.module === p.name.replace(/-/g, "_")) ctx.symvers.set(s.name, s);
      continue;
    }
    any = true;
    for (const s of p.sources) run.print(`  CC [M]  ${objOf(s)}`);
    if (p.multi) run.print(`  LD [M]  ${dir}/${p.name}.o`);
    const isC = p.sources.some((s) => s.endsWith(".c"));
    if (isC && !run.compileC) { run.printErr(`scripts/kbuild: ${p.name}: C modules are built inside Typix`); return false; }
    const r = isC ? await run.compileC!(ctx, { name: p.name, sources: p.sources }) : buildModule(ctx, { name: p.name, sources: p.sources });
    const compilerLines = r.messages.filter((m) => !m.includes("modpost:"));
    compilerLines.forEach(run.printErr);
    // The compiler's errors stop the build (a C module's warnings only get printed).
    if (!r.ko && !r.messages.some((m) => m.includes("modpost:"))) {
      run.printErr(`make[2]: *** [scripts/Makefile.build:243: ${objOf(p.sources[0])}] Error 1`);
      return false;
    }
    modpostLines.push(...r.messages.filter((m) => m.includes("modpost:")));
    if (!r.ko) { ok = false; continue; }
    for (const e of r.exports) { ctx.symvers.set(e.name, e); built.push(e); }
    results.push({ name: p.name, ko: r.ko, objs: p.sources.map(objOf) });
  }
  if (!any) return true;
  run.print(`  MODPOST ${dir}/Module.symvers`);
  modpostLines.forEach(run.printErr);
  if (!ok) {
    run.printErr(`make[2]: *** [scripts/Makefile.modpost:145: ${dir}/Module.symvers] Error 1`);
    return false;
  }
  const own = new Set(plan.map((p) => p.name.replace(/-/g, "_")));
  const kept = parseSymvers(files.readText(`${dir}/Module.symvers`) ?? "").filter((s) => own.has(s.module) && !built.some((b) => b.name === s.name));
  files.writeFile(`${dir}/Module.symvers`, formatSymvers([...kept, ...built]));
  files.writeFile(`${dir}/modules.order`, plan.map((p) => `${dir}/${p.name}.o\n`).join(""));
  for (const r of results) {
    run.print(`  CC [M]  ${dir}/${r.name}.mod.o`);
    files.writeFile(`${dir}/${r.name}.mod`, r.objs.join(" ") + "\n");
    run.print(`  LD [M]  ${dir}/${r.name}.ko`);
    files.writeFile(`${dir}/${r.name}.ko`, r.ko);
  }
  return true;
}

/** `clean`: remove what `modules` wrote. */
export function cleanModules(run: KbuildRun): void {
  const { files, dir } = run;
  const kbuildFile = [`${dir}/Kbuild`, `${dir}/Makefile`, `${dir}/makefile`].find((f) => files.isFile(f));
  const spec = kbuildFile ? readKbuildFile(files.readText(kbuildFile)!, { KERNELRELEASE: "clean", M: dir }) : { modules: [], objects: new Map() };
  if (files.isFile(`${dir}/Module.symvers`)) run.print(`  CLEAN   ${dir}/Module.symvers`);
  for (const name of spec.modules) {
    for (const ext of [".ko", ".mod", ".o", ".mod.o", ".mod.c"]) files.remove(`${dir}/${name}${ext}`);
    for (const o of spec.objects.get(name) ?? []) files.remove(`${dir}/${o}.o`);
  }
  files.remove(`${dir}/Module.symvers`);
  files.remove(`${dir}/modules.order`);
}
