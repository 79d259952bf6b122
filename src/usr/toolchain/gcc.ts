// cc, gcc, clang: the C compiler driver of Typix (a user program). It reads the sources, the
// headers they include and the objects and libraries to link through the guest's system calls,
// hands those bytes to clang and wasm-ld in the machine's compiler Worker (the host library
// "llvm", host/compiler_client.ts), prints their diagnostics and writes their outputs through
// open/write, so permissions, the cwd and the umask are the guest's. In the compiler's file
// system the guest's files sit under GUEST ("/usr/include/stdio.h" is GUEST+"/usr/include/
// stdio.h"), since its own /usr holds clang's resources; the prefix is taken out of everything
// the tools print (-ffile-prefix-map does it for debug info and __FILE__). TypeScript inputs
// (.ts) go to the TypeScript cc (cc.ts, TS_CC) as before: the driver execs it.
import { runTool, type ToolResult } from "llvm";
import { write, getcwd, unlink, execv } from "../../lib/libc/unistd.js";
import { compileFlags, linkFlags, C_INCLUDE_DIR, C_LIB_DIR, C_TARGET } from "./c_target.js";
import { parseCArgs, type COptions } from "./c_options.js";
import { readBytes, writeBytes, gatherIncludes, normalize, GUEST, unguest } from "./c_files.js";

/** The TypeScript cc (cc.ts), a program of its own so that C compiles do not load TypeScript. */
export const TS_CC = "/usr/lib/typix/tscc";

const enc = new TextEncoder(), dec = new TextDecoder();

let cwd = "/";
const absolute = (p: string) => normalize(p.startsWith("/") ? p : `${cwd}/${p}`);
const G = (p: string) => GUEST + absolute(p);
const err = (s: string) => { if (s) write(2, s); };

/** Read the headers a file includes, and theirs, from every directory that may supply them. */
function gatherHeaders(o: COptions, src: string, files: Record<string, Uint8Array>): void {
  gatherIncludes([absolute(src), ...o.forced.map(absolute)], o.quoteDirs.map(absolute), [...o.includeDirs, C_INCLUDE_DIR].map(absolute), files, GUEST);
}

/** The tool's output, as it would have printed it on the guest. */
function report(r: ToolResult): void {
  if (r.stdout.length) write(1, unguest(dec.decode(r.stdout)));
  err(unguest(dec.decode(r.stderr)));
}

function crashed(r: ToolResult, what: string): boolean {
  if (r.code !== -1) return false;
  err(`clang: error: unable to execute command: ${r.crash ?? "killed"}\nclang: error: ${what} command failed due to signal (use -v to see invocation)\n`);
  return true;
}

const base = (p: string) => p.slice(p.lastIndexOf("/") + 1).replace(/\.[^.]*$/, "");
const tmpName = (p: string) => `/tmp/${base(p)}-${Math.random().toString(16).slice(2, 8)}.o`;

async function version(prog: string): Promise<number> {
  const r = await runTool("clang", [`--target=${C_TARGET}`, "--version"], {}, []);
  if (crashed(r, "clang")) return 1;
  await write(1, dec.decode(r.stdout).replace(/^InstalledDir:.*$/m, "InstalledDir: /usr/bin").replace(/^Build config:.*\n/m, ""));
  void prog;
  return 0;
}

/** Compile one source; the output's bytes, or null on failure (diagnostics printed). */
async function compile(o: COptions, src: string, out: string | null): Promise<Uint8Array | null | true> {
  const files: Record<string, Uint8Array> = {};
  gatherHeaders(o, src, files);
  files[G(cwd) + "/.typix-cwd"] = new Uint8Array(0); // the working directory exists in the compiler's tree
  const outPath = out === null ? null : out.startsWith("/tmp/") && o.mode === "link" ? GUEST + out : G(out);
  const flag = o.mode === "link" ? "-c" : `-${o.mode}`;
  const args = [...compileFlags(G(C_INCLUDE_DIR)), `-working-directory=${G(cwd)}`, `-ffile-prefix-map=${GUEST}=`,
    ...o.cflags, ...(o.verbose ? ["-v"] : []), flag, src.startsWith("/") ? G(src) : src, ...(outPath ? ["-o", outPath] : [])];
  const r = await runTool("clang", args, files, outPath ? [outPath] : []);
  if (crashed(r, "clang frontend")) return null;
  report(r);
  if (r.code !== 0) return null;
  if (!outPath) return true;
  const data = r.files[outPath];
  if (!data) { err(`clang: error: no output from the compiler for '${src}'\n`); return null; }
  return o.mode === "E" || o.mode === "S" ? enc.encode(unguest(dec.decode(data))) : data;
}

/**
 * wasm-ld's errors in lld's usual layout: the symbol first, then where it was referenced. The
 * signature warning about main is dropped: crt1 names the three-argument main, and clang gives
 * `int main(void)` a two-argument one; libc calls the form the program defines (libc_start.c).
 */
function linkErrors(text: string): string {
  return unguest(text).replace(/^wasm-ld: warning: function signature mismatch: main\n(>>> defined as .*\n){2}/gm, "").replace(/^wasm-ld: error: (.*?): undefined symbol: (.*)$/gm, "wasm-ld: error: undefined symbol: $2\n>>> referenced by $1");
}

async function link(o: COptions, objects: Map<string, Uint8Array>, output: string): Promise<number> {
  const files: Record<string, Uint8Array> = {};
  const libDirs = [...o.libDirs.map(absolute), C_LIB_DIR];
  const args = [...linkFlags(), ...libDirs.map((d) => "-L" + GUEST + d)];
  const add = (p: string) => { const d = readBytes(p); if (d) files[GUEST + p] = d; };
  if (!o.nostartfiles) { add(`${C_LIB_DIR}/crt1.o`); args.push(`${GUEST}${C_LIB_DIR}/crt1.o`); }
  const libs = o.inputs.filter((i) => i.kind === "lib").map((i) => i.name as string);
  if (!o.nodefaultlibs) libs.push("c", "gcc");
  for (const name of new Set(libs)) for (const d of libDirs) add(`${d}/lib${name}.a`);
  for (const i of o.inputs) {
    if (i.kind === "lib") args.push("-l" + i.name);
    else if (objects.has(i.path)) { files[GUEST + i.path] = objects.get(i.path)!; args.push(GUEST + i.path); }
    else { add(absolute(i.path)); args.push(G(i.path)); }
  }
  if (!o.nodefaultlibs) args.push("-lc", "-lgcc"); // libgcc.a: compiler-rt's helpers (long double, 128-bit)
  args.push(...o.ldflags);
  const out = GUEST + "/tmp/" + base(output) + "-out";
  args.push("-o", out);
  if (o.verbose) err(` "/usr/bin/wasm-ld" ${args.map((a) => `"${unguest(a)}"`).join(" ")}\n`);
  const r = await runTool("wasm-ld", args, files, [out]);
  if (crashed(r, "linker")) return 1;
  if (r.stdout.length) write(1, unguest(dec.decode(r.stdout)));
  err(linkErrors(dec.decode(r.stderr)));
  if (r.code !== 0) {
    err(`clang: error: linker command failed with exit code ${r.code} (use -v to see invocation)\n`);
    return 1;
  }
  // The NULL-access and stack guard (usr/toolchain/wasm_guard.ts), as the last step of linking.
  const g = await runTool("wasm-guard", [out], { [out]: r.files[out] }, [out]);
  if (crashed(g, "linker")) return 1;
  if (g.code !== 0) { err(unguest(dec.decode(g.stderr))); return 1; }
  unlink(output); // a new file, as lld makes one: its mode is 0777 less the umask
  const e = writeBytes(output, g.files[out], 0o777);
  if (e) { err(`wasm-ld: error: cannot open output file ${output}: ${e}\nclang: error: linker command failed with exit code 1 (use -v to see invocation)\n`); return 1; }
  return 0;
}

export default async function main(argv: string[]): Promise<number> {
  const prog = (argv[0] ?? "cc").replace(/^.*\//, "");
  if (argv.slice(1).some((a) => a.endsWith(".ts") && !a.startsWith("-"))) {
    await execv(TS_CC, argv);
    err(`${prog}: error: cannot run ${TS_CC}\n`);
    return 1;
  }
  cwd = (getcwd() as string | null) ?? "/";
  const o = parseCArgs(argv, G);
  if (o.errors.length) { err(o.errors.map((e) => `clang: error: ${e}\n`).join("")); return 1; }
  if (o.dumpMachine) { write(1, C_TARGET + "\n"); return 0; }
  if (o.version) return version(prog);
  const missing = o.inputs.filter((i) => i.kind !== "lib" && readBytes(absolute(i.path as string), 0) === null);
  for (const i of missing) err(`clang: error: no such file or directory: '${(i as { path: string }).path}'\n`);
  if (o.inputs.length === missing.length) {
    if (o.verbose && o.inputs.length === 0) return version(prog);
    err(prog === "clang" || missing.length ? "clang: error: no input files\n" : `${prog}: fatal error: no input files\ncompilation terminated.\n`);
    return 1;
  }
  if (missing.length) return 1;
  const sources = o.inputs.filter((i) => i.kind === "src").map((i) => (i as { path: string }).path);
  if (o.mode !== "link" && o.output !== null && sources.length > 1) {
    err("clang: error: cannot specify -o when generating multiple output files\n");
    return 1;
  }
  let failed = false;
  const objects = new Map<string, Uint8Array>();
  for (const src of sources) {
    const out = o.mode === "link" ? tmpName(src) : o.output ?? (o.mode === "E" ? null : base(src) + (o.mode === "c" ? ".o" : ".s"));
    const data = await compile(o, src, out);
    if (data === null) { failed = true; continue; }
    if (data === true || out === null) continue;
    if (o.mode === "link") {
      objects.set(out, data);
      const k = o.inputs.findIndex((i) => i.kind === "src" && i.path === src);
      o.inputs[k] = { kind: "obj", path: out };
    } else {
      const e = writeBytes(out, data, 0o666);
      if (e) { err(`error: unable to open output file '${out}': '${e}'\n1 error generated.\n`); failed = true; }
    }
  }
  if (failed) return 1;
  if (o.mode !== "link") return 0;
  return link(o, objects, o.output ?? "a.out");
}
