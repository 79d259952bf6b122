// scripts/kbuild, the program: `kbuild modules|clean|modules_install M [SYMVERS...]`, what the
// build directory's Makefile runs for `make -C /lib/modules/$(uname -r)/build M=DIR ...`. The
// work is kbuild.ts's; this adds what only a program inside Typix can do: C modules (through the
// compiler Worker) and installing modules (through mkdir and cp).
import { write } from "../../lib/libc/unistd.js";
import { posix_spawn } from "../../lib/libc/spawn.js";
import { waitpid, WIFEXITED, WEXITSTATUS } from "../../lib/libc/sys/wait.js";
import { libcFiles, ToolError } from "./files.js";
import { buildModules, cleanModules, type KbuildRun } from "./kbuild.js";
import { buildCModule } from "./kmod_c.js";

const out = (s: string) => { write(1, s + "\n"); };
const err = (s: string) => { write(2, s + "\n"); };

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
  const run: KbuildRun = { files: libcFiles, kernelDir, dir: abs.replace(/\/+$/, "") || "/", extraSymbols: extra, print: out, printErr: err, compileC: buildCModule };
  try {
    if (target === "modules") return (await buildModules(run)) ? 0 : 1;
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
