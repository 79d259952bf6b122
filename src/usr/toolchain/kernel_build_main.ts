// scripts/kernel_build, the program: `kernel_build build|install|clean|kernelrelease`, what the
// kernel tree's Makefile runs. The work is kernel_build.ts's; this adds what only a program
// inside Typix can do: compile the tree's C sources (through the compiler Worker) and write
// through libc.
import { write, close } from "../../lib/libc/unistd.js";
import { open, O_WRONLY, O_CREAT, O_TRUNC } from "../../lib/libc/fcntl.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { libcFiles, ToolError, type ToolFiles } from "./files.js";
import { BuildError } from "./kernel_tree.js";
import { buildKernel, cleanKernel, treeRelease, buildDate, type KernelBuildRun } from "./kernel_build.js";
import { installKernel } from "./kernel_install.js";
import { compileKernelC } from "./kmod_c.js";

const out = (s: string) => { write(1, s + "\n"); };
const err = (s: string) => { write(2, s + "\n"); };

/** libc's files, writing in pieces (a kernel image is larger than one call's scratch space). */
const files: ToolFiles = {
  ...libcFiles,
  writeFile(path, data, mode = 0o644) {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    const fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode) as number;
    if (fd < 0) throw new ToolError(`cannot open '${path}' for writing: ${strerror(errno)}`);
    for (let o = 0; o < bytes.length;) {
      const n = write(fd, bytes.subarray(o, o + 65536), Math.min(65536, bytes.length - o)) as number;
      if (n < 0) { const e = errno; close(fd); throw new ToolError(`${path}: ${strerror(e)}`); }
      o += n;
    }
    close(fd);
  },
};

export default async function main(argv: string[]): Promise<number> {
  const [self, target] = argv;
  const abs = self.startsWith("/") ? self : `${files.cwd()}/${self}`;
  const src = abs.replace(/\/scripts\/[^/]*$/, "") || "/";
  const run: KernelBuildRun = {
    files, src, print: out, printErr: err, date: buildDate(),
    compileC: (source, include, modname, messages) => compileKernelC(files, [source], include, modname, [], false, messages),
  };
  try {
    switch (target) {
      case "build": return (await buildKernel(run)) ? 0 : 1;
      case "install": return (await installKernel(run)) ? 0 : 1;
      case "clean": cleanKernel(run); return 0;
      case "kernelrelease": out(treeRelease(files, src).release); return 0;
      default:
        err("scripts/kernel_build: usage: kernel_build build|install|clean|kernelrelease (run by the tree's Makefile)");
        return 2;
    }
  } catch (e) {
    if (e instanceof ToolError) { err(`scripts/kernel_build: ${e.message}`); return 1; }
    if (e instanceof BuildError) { e.message.split("\n").forEach(err); return 2; }
    throw e;
  }
}
