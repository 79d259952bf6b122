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
export function buildModuleDir(dir: string, opts: Partial<Pick<KbuildRun, "print" | "printErr" | "extraSymbols">> = {}): Promise<boolean> {
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

/** `cc source` on the host, the executable returned instead of written. */
export function buildProgramBytes(source: string): { exe: Uint8Array | null; messages: string[] } {
  const memory = new Map<string, string | Uint8Array>();
  const r = compileProgram(hostFiles(memory, true), source, "/typix-cc-output", INCLUDE_DIR);
  const out = memory.get("/typix-cc-output");
  return { exe: r.ok && out !== undefined ? (typeof out === "string" ? new TextEncoder().encode(out) : out) : null, messages: r.messages };
}

/**
 * `make M=dir modules` on the host without writing into dir: the files kbuild would write
 * (NAME.ko, Module.symvers ...) by path, and every line it printed. extraSymvers are the texts
 * of other directories' Module.symvers (KBUILD_EXTRA_SYMBOLS).
 */
export async function buildModuleDirInMemory(dir: string, extraSymvers: string[] = []): Promise<{ ok: boolean; files: Map<string, Uint8Array>; lines: string[] }> {
  const memory = new Map<string, string | Uint8Array>();
  const extra = extraSymvers.map((text, i) => { const p = `/typix-extra-symvers-${i}`; memory.set(p, text); return p; });
  const lines: string[] = [];
  const ok = await buildModules({ files: hostFiles(memory, true), kernelDir: HEADERS_DIR, dir, extraSymbols: extra, print: (l) => lines.push(l), printErr: (l) => lines.push(l) });
  const files = new Map<string, Uint8Array>();
  for (const [p, v] of memory) if (p.startsWith(dir + "/")) files.set(p, typeof v === "string" ? new TextEncoder().encode(v) : v);
  return { ok, files, lines };
}
