// What the example tests share: where the example sources are (rootfs/usr/src/examples), what
// their Makefiles build, and their user programs built by cc as Typix executables.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { buildProgramBytes } from "../kbuild/build.js";

/** The repository's root (this file runs from dist/tests/). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const EXAMPLES = join(ROOT, "rootfs/usr/src/examples");

/** The example directories this suite covers (sysfs/ has its own tests). */
export function exampleDirs(): string[] {
  return readdirSync(EXAMPLES).filter((d) => d !== "sysfs" && existsSync(join(EXAMPLES, d, "Makefile"))).sort();
}

/** The module names of a Makefile's obj-m lines ("obj-m += a.o b.o" -> ["a", "b"]). */
export function objm(makefile: string): string[] {
  const out: string[] = [];
  for (const line of makefile.split("\n")) {
    const m = /^\s*obj-m\s*[+:]?=\s*(.*)$/.exec(line);
    if (m) for (const w of m[1].trim().split(/\s+/)) if (w.endsWith(".o")) out.push(w.slice(0, -2));
  }
  return out;
}

/** The user programs a Makefile builds with cc ("prog: prog.ts" or "prog: prog.c" rules). */
export function userPrograms(makefile: string): string[] {
  return [...makefile.matchAll(/^([\w.-]+):\s*\1\.(?:ts|c)\s*$/gm)].map((m) => m[1]);
}

export const readExample = (dir: string, file: string) => readFileSync(join(EXAMPLES, dir, file), "utf8");

/** An example's user program as a Typix executable, built by cc (on the host). */
export function userExecutable(dir: string, name: string): Uint8Array {
  const r = buildProgramBytes(join(EXAMPLES, dir, `${name}.ts`));
  if (!r.exe) throw new Error(`cc ${dir}/${name}.ts:\n${r.messages.join("\n")}`);
  return r.exe;
}
