// The TypeScript front end both tools share: type-check a set of sources against header
// declarations (/usr/include for programs, a kernel build directory's include/ for modules)
// and report errors as `file:line:col: error TSnnnn: message`. The compiler is the host's
// `typescript` package, a library the host provides to user programs; its own lib files
// (lib.es2022.d.ts ...) come with it. Programs and modules get ES2022 and nothing else:
// no DOM, no Node — a module has the kernel's API, a program has libc.
import ts from "typescript";
import type { ToolFiles } from "./files.js";

export interface CheckOptions {
  /** Bare module names to header directories: { "linux/*": ["/lib/.../include/linux/*"] }. */
  paths: Record<string, string[]>;
}

/**
 * What the runtime offers beyond ES2022, to programs and modules alike: text encoding. (No
 * console, no timers: a program writes through libc, a module logs with printk.)
 */
const RUNTIME_LIB = "lib.typix.d.ts";
const RUNTIME_DECLARATIONS = `
interface TextDecoderOptions { fatal?: boolean; ignoreBOM?: boolean }
interface TextDecodeOptions { stream?: boolean }
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string; readonly fatal: boolean; readonly ignoreBOM: boolean;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string;
}
interface TextEncoderEncodeIntoResult { read: number; written: number }
declare class TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): TextEncoderEncodeIntoResult;
}
`;

/** Parsed lib files, shared by every check in this process (they never change). */
const libCache = new Map<string, ts.SourceFile>();

export const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts"],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  noFallthroughCasesInSwitch: true,
};

/** One diagnostic as the tools print it. */
export function formatDiagnostic(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const kind = d.category === ts.DiagnosticCategory.Warning ? "warning" : "error";
  if (!d.file || d.start === undefined) return `${kind} TS${d.code}: ${text}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${d.file.fileName}:${line + 1}:${character + 1}: ${kind} TS${d.code}: ${text}`;
}

/** A checked program: its diagnostics (formatted) and the checker, for the module builder. */
export interface Checked {
  program: ts.Program;
  errors: string[];
}

/**
 * A compiler host over the tool's files: the compiler's own lib files (and the runtime's
 * declarations, `runtimeLib`, to be given as a root) from the host's package, parsed once per
 * process; every other file through `files`, parsed once per host.
 */
export function compilerHost(files: ToolFiles, cwd: string): { host: ts.CompilerHost; runtimeLib: string } {
  const libFile = ts.getDefaultLibFilePath(COMPILER_OPTIONS);
  const libDir = libFile.slice(0, libFile.lastIndexOf("/"));
  const isLib = (f: string) => f.startsWith(libDir + "/");
  const runtimeLib = `${libDir}/${RUNTIME_LIB}`;
  const libText = (f: string) => (f === runtimeLib ? RUNTIME_DECLARATIONS : ts.sys.readFile(f));
  const parsed = new Map<string, ts.SourceFile | undefined>();
  const host: ts.CompilerHost = {
    getSourceFile(fileName, languageVersion) {
      if (isLib(fileName)) {
        let sf = libCache.get(fileName);
        if (!sf) {
          const text = libText(fileName);
          if (text === undefined) return undefined;
          sf = ts.createSourceFile(fileName, text, languageVersion);
          libCache.set(fileName, sf);
        }
        return sf;
      }
      if (parsed.has(fileName)) return parsed.get(fileName);
      const text = files.readText(fileName);
      const sf = text === null ? undefined : ts.createSourceFile(fileName, text, languageVersion);
      parsed.set(fileName, sf);
      return sf;
    },
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    writeFile: () => {},
    getCurrentDirectory: () => cwd,
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (f) => (f === runtimeLib || (isLib(f) ? ts.sys.fileExists(f) : files.isFile(f))),
    readFile: (f) => (isLib(f) ? libText(f) : files.readText(f) ?? undefined),
    directoryExists: (d) => (isLib(d) || libDir.startsWith(d) ? true : files.isDirectory(d)),
  };
  return { host, runtimeLib };
}

/** Type-check the root files (absolute paths or relative to the working directory). */
export function check(roots: string[], files: ToolFiles, opts: CheckOptions): Checked {
  const { host, runtimeLib } = compilerHost(files, files.cwd());
  const program = ts.createProgram([runtimeLib, ...roots], { ...COMPILER_OPTIONS, paths: opts.paths }, host);
  const errors = ts.getPreEmitDiagnostics(program).map(formatDiagnostic);
  return { program, errors };
}

/** JavaScript for one source (after the tool's own rewriting), with its source map. */
export function transpile(source: string, fileName: string, commonjs = false): { js: string; map: string } {
  const out = ts.transpileModule(source, {
    fileName,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: commonjs ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext,
      sourceMap: true,
      isolatedModules: true,
      verbatimModuleSyntax: false,
    },
  });
  const js = out.outputText.replace(/^\/\/# sourceMappingURL=.*$/m, "").trimEnd();
  return { js, map: out.sourceMapText ?? "" };
}
