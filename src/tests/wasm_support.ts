// Building freestanding C test programs into Typix WebAssembly executables at test time, with
// the toolchain's flags (usr/toolchain/c_target.ts), libc's arch files (crt1.c, sigentry.c,
// syscall_arch.h) and a test-local __libc_start_main. Loading clang takes ~3 s: one per process.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commands } from "@yowasp/clang";
import { compileFlags, linkFlags } from "../usr/toolchain/c_target.js";
import { guardWasm } from "../usr/toolchain/wasm_guard.js";

const src = (rel: string) => readFileSync(fileURLToPath(new URL(`../../src/${rel}`, import.meta.url)), "utf8");

/** The arch files every test program links: the start files, the signal entry, the trap. */
function archFiles(): Record<string, string> {
  return {
    "syscall_arch.h": src("libc/arch/wasm32/syscall_arch.h"),
    "crt_arch.h": src("libc/arch/wasm32/crt_arch.h"),
    "crt1.c": src("libc/arch/wasm32/crt1.c"),
    "sigentry.c": src("libc/arch/wasm32/sigentry.c"),
    "start.c": src("tests/wasm/start.c"),
  };
}

export interface BuildOptions { guard?: boolean; opt?: string }

/** Compile and link C source text (plus the arch files) into an executable's bytes. */
export async function buildC(source: string, opts: BuildOptions = {}): Promise<Uint8Array> {
  const files: Record<string, string> = { ...archFiles(), "prog.c": source };
  const args = [
    ...compileFlags("include"), "-I.", opts.opt ?? "-O2", "-ffreestanding", "-nostdlib",
    "crt1.c", "sigentry.c", "start.c", "prog.c", "-o", "a.out", ...linkFlags().map((f) => `-Wl,${f}`),
  ];
  let stderr = "";
  const dec = new TextDecoder();
  let out;
  try {
    out = await commands.clang(args, files, { stderr: (b: Uint8Array | null) => { if (b) stderr += dec.decode(b); } });
  } catch (e) {
    throw new Error(`clang failed: ${stderr || e}`);
  }
  const wasm = out!["a.out"] as Uint8Array;
  return opts.guard === false ? wasm : guardWasm(wasm);
}

/** The test program src/tests/wasm/cprogs.c. */
export const testProgramSource = () => src("tests/wasm/cprogs.c");
