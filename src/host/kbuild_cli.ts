// `typix kbuild DIR [modules|clean]`: build the external modules of the host directory DIR
// with the toolchain that runs inside Typix (the same type checks, modpost checks and
// messages as `make -C /lib/modules/$(uname -r)/build M=DIR` there), against the headers the
// package ships. NAME.ko lands in DIR, ready for `insmod` in a machine that mounts DIR.
import { resolve } from "node:path";
import { existsSync, statSync } from "node:fs";
import { buildModuleDir, HEADERS_DIR } from "../kbuild/build.js";
import { cleanModules } from "../usr/toolchain/kbuild.js";
import { hostFiles } from "../kbuild/host_files.js";

const USAGE = "Usage: typix kbuild DIR [modules|clean]\n";

export async function kbuildMain(argv: string[]): Promise<number> {
  const [dirArg, target = "modules", ...more] = argv;
  if (dirArg === "--help" || dirArg === "-h") { process.stdout.write(USAGE); return 0; }
  if (!dirArg || more.length || !["modules", "clean"].includes(target)) { process.stderr.write(USAGE); return 2; }
  const dir = resolve(dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    process.stderr.write(`typix kbuild: ${dirArg}: No such directory\n`);
    return 2;
  }
  const print = (l: string) => process.stdout.write(l + "\n");
  const printErr = (l: string) => process.stderr.write(l + "\n");
  if (target === "clean") {
    cleanModules({ files: hostFiles(), kernelDir: HEADERS_DIR, dir, print, printErr });
    return 0;
  }
  return (await buildModuleDir(dir, { print, printErr })) ? 0 : 1;
}
