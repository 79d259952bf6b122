// kbuild on the host: the same toolchain that runs inside Typix (src/usr/toolchain), against
// the headers tree the build generates (dist/linux-headers, the image's
// /lib/modules/<release>/build). For tests and the image's prebuilt modules: a module from
// source text, a directory as `make M=DIR modules` builds it, and a user program.
import { fileURLToPath } from "node:url";
import { hostFiles } from "./host_files.js";
import { buildModule as build, kernelContext, type SymversEntry } from "../usr/toolchain/kmod_build.js";
import { buildModules, type KbuildRun } from "../usr/toolchain/kbuild.js";
import { compileProgram } from "../usr/toolchain/cc.js";

export type { SymversEntry };

/** The kernel's build directory on the host. */
export const HEADERS_DIR = fileURLToPath(new URL("../linux-headers", import.meta.url));
/** libc's headers on the host. */
export const INCLUDE_DIR = fileURLToPath(new URL("../usr-include", import.meta.url));

export interface BuildInput {
  /** The module's file name without ".ko" ("hello-1"); its name is this with "_" for "-". */
  name: string;
  source: string;
  /** The source's file name in messages (default NAME.ts). */
  fileName?: string;
  /** Exports of other modules this one may use (Module.symvers of earlier builds). */
  symvers?: SymversEntry[];
}

export interface BuildResult {
  /** The .ko, or null when the build failed. */
  ko: Uint8Array | null;
  /** What the build prints (compiler errors, modpost warnings and errors), one line each. */
  messages: string[];
  /** This module's exports, for the next module's symvers. */
  exports: SymversEntry[];
}

/** Build a module from its source text. */
export async function buildModule(input: BuildInput): Promise<BuildResult> {
  const file = input.fileName ?? `${input.name}.ts`;
  const path = `/typix-kbuild-source/${file}`;
  const files = hostFiles(new Map([[path, input.source]]));
  const ctx = kernelContext(files, HEADERS_DIR);
  for (const s of input.symvers ?? []) ctx.symvers.set(s.name, s);
  return build(ctx, { name: input.name, sources: [path], display: () => file });
}

/** `make -C build M=dir modules` on the host: prints as kbuild does; false when it failed. */
export function buildModuleDir(dir: string, opts: Partial<Pick<KbuildRun, "print" | "printErr" | "extraSymbols">> = {}): boolean {
  return buildModules({
    files: hostFiles(), kernelDir: HEADERS_DIR, dir,
    print: opts.print ?? ((l) => process.stdout.write(l + "\n")),
    printErr: opts.printErr ?? ((l) => process.stderr.write(l + "\n")),
    extraSymbols: opts.extraSymbols,
  });
}

/** `cc source -o output` on the host; the messages are what cc prints. */
export function buildProgram(source: string, output: string | null): { ok: boolean; messages: string[] } {
  return compileProgram(hostFiles(), source, output, INCLUDE_DIR);
}
