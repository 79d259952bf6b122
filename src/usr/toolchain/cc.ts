// cc: the C compiler's place for TypeScript user programs. `cc prog.ts -o prog` type-checks the
// program against libc's headers (/usr/include), compiles it to JavaScript and writes a Typix
// executable ("\x7fTJS\n" and the module), which runs in its own Worker like any user program.
// A program exports its entry point: `export default function main(argv, envp): number`.
import ts from "typescript";
import { write } from "../../lib/libc/unistd.js";
import { check, transpile } from "./compiler.js";
import { libcFiles, ToolError, type ToolFiles } from "./files.js";

export const INCLUDE_DIR = "/usr/include";

export interface CcResult { ok: boolean; messages: string[] }

/** Compile one program; writes `output` unless syntaxOnly. */
export function compileProgram(files: ToolFiles, source: string, output: string | null, includeDir = INCLUDE_DIR, mode = 0o777): CcResult {
  if (!files.isFile(source)) {
    return { ok: false, messages: [`cc: error: ${source}: No such file or directory`, "cc: fatal error: no input files", "compilation terminated."] };
  }
  const { program, errors } = check([source], files, { paths: { "*": [`${includeDir}/*`] } });
  if (errors.length) return { ok: false, messages: errors };
  const sf = program.getSourceFile(source)!;
  const exported = program.getTypeChecker().getSymbolAtLocation(sf)?.exports;
  if (!exported?.has("default" as ts.__String) && !exported?.has("main" as ts.__String)) {
    const obj = source.replace(/^.*\//, "").replace(/\.ts$/, ".o");
    return { ok: false, messages: [`/usr/bin/ld: ${obj}: in function \`_start': undefined reference to \`main'`, "collect2: error: ld returned 1 exit status"] };
  }
  if (output !== null) {
    const { js } = transpile(sf.text, source);
    files.writeFile(output, "\x7fTJS\n" + js.replace(/^export \{\};\s*$/m, "") + "\n", mode);
  }
  return { ok: true, messages: [] };
}

const USAGE = "Usage: cc [options] file.ts [-o output]";

export default function main(argv: string[]): number {
  const err = (s: string) => { write(2, s + "\n"); };
  let output = "a.out", syntaxOnly = false;
  const sources: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-o") {
      if (i + 1 >= argv.length) { err("cc: error: missing filename after '-o'"); return 1; }
      output = argv[++i];
    } else if (a.startsWith("-o")) output = a.slice(2);
    else if (a === "-fsyntax-only") syntaxOnly = true;
    else if (a === "--version") { write(1, `cc (Typix) ${ts.version}\nTypeScript ${ts.version}, checking against libc's headers in ${INCLUDE_DIR}\n`); return 0; }
    else if (a === "--help") { write(1, USAGE + "\n"); return 0; }
    else if (/^-(W|O|g|std=|m|f|pipe|I|D|l|L|static|shared)/.test(a)) continue; // accepted and ignored
    else if (a === "-c" || a === "-S" || a === "-E") { err(`cc: error: ${a} is not supported: a program is compiled and linked in one step`); return 1; }
    else if (a.startsWith("-")) { err(`cc: error: unrecognized command-line option '${a}'`); return 1; }
    else sources.push(a);
  }
  if (sources.length === 0) { err("cc: fatal error: no input files"); err("compilation terminated."); return 1; }
  if (sources.length > 1) { err("cc: error: one source file per program (import the others from it)"); return 1; }
  if (!sources[0].endsWith(".ts")) { err(`cc: error: ${sources[0]}: file format not recognized (TypeScript sources end in .ts)`); return 1; }
  try {
    const r = compileProgram(libcFiles, sources[0], syntaxOnly ? null : output, INCLUDE_DIR, 0o777); // less the umask
    r.messages.forEach(err);
    return r.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof ToolError) { err(`cc: error: ${e.message}`); return 1; }
    throw e;
  }
}
