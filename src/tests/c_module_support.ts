// Helpers of the C module tests: a module directory's Makefile as the books write it, building
// it with `make` in a machine, and reading the kernel log after a mark.
import type { Machine } from "../index.js";

export const MAKEFILE = (objs: string[]) => `${objs.map((o) => `obj-m += ${o}.o`).join("\n")}

PWD := $(CURDIR)

all:
\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules

clean:
\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) clean
`;

/** Place sources (name -> text) and a Makefile for them in dir; `make`'s result. */
export async function buildModules(m: Machine, dir: string, sources: Record<string, string>) {
  await m.run(`mkdir -p ${dir}`);
  for (const [name, text] of Object.entries(sources)) await m.writeFile(`${dir}/${name}.c`, text);
  await m.writeFile(`${dir}/Makefile`, MAKEFILE(Object.keys(sources)));
  return m.run("make", { cwd: dir, timeout: 120000 });
}

/** The kernel log's messages after the mark (timestamps taken off). */
export async function logSince(m: Machine, mark: number): Promise<string[]> {
  const r = await m.run("sudo dmesg");
  return r.stdout.split("\n").filter(Boolean).slice(mark).map((l) => l.replace(/^\[[ \d.]+\] /, ""));
}

/** How many lines the kernel log has: a mark for logSince. */
export const logLength = async (m: Machine) => (await m.run("sudo dmesg")).stdout.split("\n").filter(Boolean).length;
