// scripts/kbuild in the kernel's build directory: what `make -C /lib/modules/$(uname -r)/build
// M=DIR modules|clean|modules_install` runs (see src/kbuild/Makefile.build). It reads DIR's
// Kbuild file (or Makefile) for obj-m, builds each module against the build directory's headers
// and Module.symvers, prints kbuild's progress lines, and writes NAME.ko, NAME.mod,
// modules.order and DIR/Module.symvers. A user program (it runs the TypeScript compiler).
import { write } from "../../lib/libc/unistd.js";
import { posix_spawn } from "../../lib/libc/spawn.js";
import { waitpid, WIFEXITED, WEXITSTATUS } from "../../lib/libc/sys/wait.js";
import { libcFiles, ToolError, type ToolFiles } from "./files.js";
import { readKbuildFile } from "./kbuild_makefile.js";
import { buildModule, kernelContext, parseSymvers, formatSymvers, type SymversEntry } from "./kmod_build.js";

const out = (s: string) => { write(1, s + "\n"); };
const err = (s: string) => { write(2, s + "\n"); };

export interface KbuildRun {
  files: ToolFiles;
  kernelDir: string;
  /** The external module's directory (M=), absolute. */
  dir: string;
  /** More Module.symvers files (KBUILD_EXTRA_SYMBOLS). */
  extraSymbols?: string[];
  print: (line: string) => void;
  printErr: (line: string) => void;
}

/** `modules`: build every module of the directory; false when the build failed. */
export function buildModules(run: KbuildRun): boolean {
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
  const plan = spec.modules.map((name) => {
    const objs = spec.objects.get(name) ?? [name];
    return { name, sources: objs.map((o) => `${dir}/${o}.ts`), multi: spec.objects.has(name) };
  });
  // Sources first: a missing one stops the build as make's missing prerequisite does.
  for (const p of plan) {
    for (const s of p.sources) {
      if (!files.isFile(s)) {
        run.printErr(`make[2]: *** No rule to make target '${s.replace(/\.ts$/, ".o")}', needed by '${dir}/${p.name}.ko'.  Stop.`);
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
    for (const s of p.sources) run.print(`  CC [M]  ${s.replace(/\.ts$/, ".o")}`);
    if (p.multi) run.print(`  LD [M]  ${dir}/${p.name}.o`);
    const r = buildModule(ctx, { name: p.name, sources: p.sources });
    const compileErrors = r.messages.filter((m) => !m.includes("modpost:"));
    if (compileErrors.length) {
      compileErrors.forEach(run.printErr);
      run.printErr(`make[2]: *** [scripts/Makefile.build:243: ${p.sources[0].replace(/\.ts$/, ".o")}] Error 1`);
      return false;
    }
    modpostLines.push(...r.messages);
    if (!r.ko) { ok = false; continue; }
    for (const e of r.exports) { ctx.symvers.set(e.name, e); built.push(e); }
    results.push({ name: p.name, ko: r.ko, objs: p.sources.map((s) => s.replace(/\.ts$/, ".o")) });
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

async function modulesInstall(run: KbuildRun, release: string): Promise<boolean> {
  const { files, dir } = run;
  const order = (files.readText(`${dir}/modules.order`) ?? "").split("\n").filter(Boolean);
  if (!order.length) { run.printErr(`scripts/kbuild: ${dir}/modules.order: nothing to install (run make modules first)`); return false; }
  const dest = `/lib/modules/${release}/updates`;
  if (!files.isDirectory(dest)) {
    const r = await spawnWait(["/bin/mkdir", "-p", dest]);
    if (r !== 0) return false;
  }
  for (const o of order) {
    const name = o.replace(/^.*\//, "").replace(/\.o$/, "");
    const ko = files.readText(`${dir}/${name}.ko`);
    if (ko === null) { run.printErr(`scripts/kbuild: ${dir}/${name}.ko: No such file or directory`); return false; }
    run.print(`  INSTALL ${dest}/${name}.ko`);
    if (await spawnWait(["/bin/cp", `${dir}/${name}.ko`, `${dest}/${name}.ko`]) !== 0) return false;
  }
  run.print(`  DEPMOD  /lib/modules/${release}`);
  return (await spawnWait(["/sbin/depmod", "-a", release])) === 0;
}

async function spawnWait(argv: string[]): Promise<number> {
  const pid = { value: 0 };
  if ((await posix_spawn(pid, argv[0], null, null, argv, [])) !== 0) return 127;
  const status = { value: 0 };
  await waitpid(pid.value, status, 0);
  return WIFEXITED(status.value) ? WEXITSTATUS(status.value) : 1;
}

export default async function main(argv: string[]): Promise<number> {
  const [, target, dir, ...extra] = argv;
  const kernelDir = argv[0].replace(/\/scripts\/[^/]*$/, "");
  if (!target || !dir) {
    err("scripts/kbuild: usage: kbuild modules|clean|modules_install M [SYMVERS...]");
    err("(make -C /lib/modules/$(uname -r)/build M=$PWD modules)");
    return 2;
  }
  const abs = dir.startsWith("/") ? dir : `${libcFiles.cwd()}/${dir}`;
  const run: KbuildRun = { files: libcFiles, kernelDir, dir: abs.replace(/\/+$/, "") || "/", extraSymbols: extra, print: out, printErr: err };
  try {
    if (target === "modules") return buildModules(run) ? 0 : 1;
    if (target === "clean") { cleanModules(run); return 0; }
    if (target === "modules_install") {
      const release = (libcFiles.readText(`${kernelDir}/include/config/kernel.release`) ?? "").trim();
      return (await modulesInstall(run, release)) ? 0 : 1;
    }
    err(`make[1]: *** No rule to make target '${target}'.  Stop.`);
    return 2;
  } catch (e) {
    if (e instanceof ToolError) { err(`scripts/kbuild: ${e.message}`); return 1; }
    throw e;
  }
}
