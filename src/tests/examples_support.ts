// What the example tests share: where the example sources are (rootfs/usr/src/examples), a
// type check of their TypeScript against the kernel's headers (modules) or libc's (user
// programs), and user programs turned into Typix executables ("\x7fTJS\n" + an ES module)
// with the typescript package's transpileModule, as the in-Typix `cc` will do.
import ts from "typescript";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

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

/** The user programs a Makefile builds with cc ("prog: prog.ts" rules). */
export function userPrograms(makefile: string): string[] {
  return [...makefile.matchAll(/^([\w.-]+):\s*\1\.ts\s*$/gm)].map((m) => m[1]);
}

export const readExample = (dir: string, file: string) => readFileSync(join(EXAMPLES, dir, file), "utf8");

/** A user program's source as a Typix executable. */
export function userExecutable(source: string, fileName: string): Uint8Array {
  const out = ts.transpileModule(source, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return new TextEncoder().encode("\x7fTJS\n" + out.outputText);
}

// linux/module's declarations: the macros are bound per module by the loader, so no header
// file under src/include/linux declares them; this is their signature.
const LINUX_MODULE_D_TS = `
type ParamType = "bool" | "invbool" | "charp" | "byte" | "short" | "ushort" | "int" | "uint" | "long" | "ulong" | "hexint";
declare module "linux/module" {
  export const THIS_MODULE: { name: string };
  export function module_init(fn: () => number | void | Promise<number | void>): void;
  export function module_exit(fn: () => void | Promise<void>): void;
  export function module_param(variable: unknown, type: ParamType, perm: number): void;
  export function module_param_array(variable: unknown[], type: ParamType, count: number | null, perm: number): void;
  export function MODULE_PARM_DESC(variable: unknown, desc: string): void;
  export function MODULE_LICENSE(license: string): void;
  export function MODULE_AUTHOR(author: string): void;
  export function MODULE_DESCRIPTION(description: string): void;
  export function MODULE_VERSION(version: string): void;
  export function MODULE_ALIAS(alias: string): void;
  export function MODULE_SOFTDEP(softdep: string): void;
  export function MODULE_INFO(tag: string, value: string): void;
  export function EXPORT_SYMBOL(symbol: unknown): void;
  export function EXPORT_SYMBOL_GPL(symbol: unknown): void;
}
`;

/** Type errors in the given example files (paths relative to EXAMPLES), one line each. */
export function typeCheck(files: string[]): string[] {
  const tsconfig = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8"));
  const paths: Record<string, string[]> = {
    ...tsconfig.compilerOptions.paths,
    // Headers registered by a file of another name.
    "linux/cdev": ["./src/include/linux/fs.ts"], "linux/vmalloc": ["./src/include/linux/slab.ts"],
    "linux/semaphore": ["./src/include/linux/mutex.ts"], "linux/bitops": ["./src/include/linux/atomic.ts"],
    "linux/capability": ["./src/include/linux/sched.ts"],
    "linux/*": ["./src/include/linux/*.ts"],
  };
  const decl = join(ROOT, "linux_module.d.ts");
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts"], types: ["node"], strict: true, noEmit: true, skipLibCheck: true, baseUrl: ROOT, paths,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    name === decl ? ts.createSourceFile(name, LINUX_MODULE_D_TS, lang) : getSourceFile(name, lang, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === decl || fileExists(name);
  const roots = files.map((f) => join(EXAMPLES, f));
  const program = ts.createProgram([...roots, decl], options, host);
  const out: string[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.file && !roots.includes(d.file.fileName)) continue;
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
    const name = d.file ? d.file.fileName.slice(EXAMPLES.length + 1) : "";
    out.push(`${name}${where ? `:${where.line + 1}:${where.character + 1}` : ""}: TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  }
  return out;
}
