// How C is compiled and linked for Typix: the target, the flags every compile gets, and the link
// line that makes a user program (see include/uapi/wasm_abi.ts for the ABI it produces). The
// compiler driver (cc, gcc, clang), the build of libc (scripts/mklibc.mjs) and the tests all take
// their flags from here, so a program built in the machine and one built by a test are the same.
import { WASM_ENTRY, WASM_TEXT_START as TEXT_START, WASM_ADDRESS_SPACE as TASK_SIZE } from "../../include/uapi/wasm_abi.js";

export const C_TARGET = "wasm32-unknown-unknown";

/** Where the image keeps libc: headers, crt1.o, libc.a and libm.a. */
export const C_INCLUDE_DIR = "/usr/include";
export const C_LIB_DIR = "/usr/lib";

/** Flags for every compile: the target, shared-memory atomics, Linux's predefined macros, libc's headers. */
export function compileFlags(includeDir = C_INCLUDE_DIR): string[] {
  return [
    `--target=${C_TARGET}`, "-matomics", "-mbulk-memory", "-mmutable-globals", "-mnontrapping-fptoint", "-msign-ext",
    // setjmp/longjmp (and libc's vfork) on WebAssembly's exception handling, in the form V8 runs.
    "-mexception-handling", "-mllvm", "-wasm-enable-sjlj", "-mllvm", "-wasm-use-legacy-eh=true",
    "-nostdlibinc", "-isystem", includeDir,
    "-D__linux__", "-D__linux", "-Dlinux", "-D__unix__", "-D__unix", "-Dunix", "-D__gnu_linux__",
  ];
}

/**
 * wasm-ld's options for a user program: the imported shared address space, data from TEXT_START,
 * the entry exported. __heap_base is exported because exec needs the end of data and bss to
 * place brk (wasm-ld's own 64 KiB stack goes below --global-base, unused: the runtime points
 * __stack_pointer at the kernel's stack). After linking, the driver runs guardWasm
 * (usr/toolchain/wasm_guard.ts) on the output: NULL-access and stack checks.
 */
export function linkFlags(): string[] {
  return [
    "--import-memory", "--shared-memory", `--initial-memory=${TASK_SIZE}`, `--max-memory=${TASK_SIZE}`,
    `--global-base=${TEXT_START}`, "--no-entry", `--export=${WASM_ENTRY}`, "--export=__stack_pointer", "--export=__heap_base",
    // A forked child's instance starts with its parent's thread pointer (host/wasm_runtime.ts).
    "--export-if-defined=__tls_base",
    "--export-if-defined=__typix_signal", "--export-table", "--growable-table",
    // Function pointers are table indices, and wasm-ld's first is 1: SIG_IGN's value. Starting at
    // 2 keeps a handler (or any function) from being taken for SIG_DFL (0) or SIG_IGN (1).
    "--table-base=2",
  ];
}
