// The ABI of a C user program, shared by the toolchain (what cc links), the kernel (what exec
// accepts) and the runtime in the program's Worker (what it provides). A C program is a
// WebAssembly module, ILP32 like Linux's x32, whose only imports are its address space and the
// system-call trap:
//   (import "env" "memory" (memory shared))            the process's address space (mm/mm.ts)
//   (import "env" "__syscall6" (func (param i32 f64 f64 f64 f64 f64 f64) (result f64)))
// Arguments travel as doubles (every value a 32-bit program passes, and every 64-bit offset it
// can name, is exact in one); the result is the raw return value, -4095..-1 an errno.
// Layout: data from TEXT_START (0x400000) (the code is not in the address space: /proc/PID/maps
// shows the data, bss and linker stack as the file's rw-p area), the brk heap after them, the
// stack the kernel builds below STACK_TOP as Linux's x32 ABI: argc, argv[], NULL, envp[], NULL,
// auxv (type, value) pairs ending with AT_NULL, all 32-bit words; argc at sp, sp 16-aligned.
// The stack area is STACK_MAX (8 MiB) from the start, since it cannot grow on a fault.

/** Where a program's text and data start, and the size of its address space (mm/mm.ts). */
export const WASM_TEXT_START = 0x400000;
export const WASM_ADDRESS_SPACE = 0x40000000;
/** The never-mapped first addresses (vm.mmap_min_addr): an access below is a NULL dereference. */
export const WASM_UNMAPPED_BELOW = 0x10000;

/** The first bytes of a WebAssembly module: "\0asm" and version 1. */
export const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
export const WASM_IMPORT_MODULE = "env";
export const WASM_IMPORT_MEMORY = "memory";
export const WASM_IMPORT_SYSCALL = "__syscall6";
/** The program's entry, called with the initial stack pointer (argc at sp). */
export const WASM_ENTRY = "_start";
/** The C stack pointer (a mutable i32 global): the runtime sets it to sp & ~15 before _start. */
export const WASM_STACK_POINTER = "__stack_pointer";
/**
 * Exported (a global): the end of static data and bss, where brk starts. Required: wasm-ld puts
 * its own stack below --global-base, so nothing else in the module tells where data ends.
 */
export const WASM_HEAP_BASE = "__heap_base";
/** Exported by a guarded program (usr/toolchain/wasm_guard.ts): (base, limit) of the C stack. */
export const WASM_STACK_LIMITS = "__set_stack_limits";
/**
 * Signal delivery: __typix_signal(sig, handler, flags), exported by libc (arch/wasm32/sigentry.c).
 * When a system call returns with handlers to run, the runtime calls it once per frame, in order,
 * before the call returns to C; it calls the handler (a table index) as handler(sig), or with
 * SA_SIGINFO as handler(sig, &siginfo, NULL) with si_signo set, then makes rt_sigreturn(2). After
 * the frames, an interrupted call the kernel restarts is made again and its result returned.
 * A program without the export gets SIGSEGV if the kernel ever asks it to run a handler.
 */
export const WASM_SIGNAL_ENTRY = "__typix_signal";
/**
 * Faults: the runtime turns a WebAssembly trap into the signal Linux would send, at its default
 * action (as force_sig does for a blocked or ignored fault): an out-of-bounds or instrumented NULL
 * access, a bad indirect call, or call-stack exhaustion → SIGSEGV; integer division by zero or
 * INT_MIN/-1 → SIGFPE; unreachable (__builtin_trap) → SIGILL. abort() raises SIGABRT itself.
 */
/**
 * vfork: the child of a C program borrows its Worker (kernel/fork.ts). When the child's execve
 * succeeds or it exits, the pending call returns one of these (outside -4095..-1) instead of
 * never returning, and libc jumps back to the vfork in the parent (src/libc/src/process/vfork.c).
 */
export const WASM_VFORK_GONE_EXEC = -0x10001;
export const WASM_VFORK_GONE_EXIT = -0x10002;
/**
 * fork: a C program is copied as it stands at the call. libc's fork() (src/libc/src/process/
 * fork.c) calls (import "typix" "fork") with __syscall6's type: (NR_fork, buf, size, 0, 0, 0,
 * WASM_FORK_MARK), buf a scratch area in its frame. The guard step (usr/toolchain/wasm_guard.ts)
 * runs binaryen's Asyncify on a program with that import, with it as the only one that unwinds,
 * and then replaces it by a function forwarding to env.__syscall6: the program's imports stay
 * its memory and the trap. The runtime (host/wasm_runtime.ts) unwinds the C program's stack into
 * buf (Asyncify's data), makes fork(2) with (buf, __stack_pointer, initial sp, __tls_base), and rewinds;
 * the kernel starts the child's Worker on the copied memory, which rewinds from its copy of buf
 * and returns 0. A raw fork(2) that did not come through libc's fork() fails with ENOSYS.
 */
export const WASM_FORK_IMPORT_MODULE = "typix";
export const WASM_FORK_IMPORT = "fork";
export const WASM_FORK_MARK = -0x10003;
/** Exported by a program Asyncify was applied to (usr/toolchain/wasm_guard.ts). */
export const WASM_ASYNCIFY_EXPORTS = ["asyncify_start_unwind", "asyncify_stop_unwind", "asyncify_start_rewind", "asyncify_stop_rewind", "asyncify_get_state"] as const;
/**
 * threads: libc's pthread_create makes clone(2) with CLONE_THREAD, a stack and, as tls, its
 * thread descriptor. The kernel starts the thread's Worker on the same module and memory; the
 * runtime points __stack_pointer at the stack and calls the program's export
 * __typix_thread_start(tls), which sets up the thread's TLS block and runs the start routine.
 */
export const WASM_THREAD_ENTRY = "__typix_thread_start";
/** The thread pointer global (exported): a forked child gets its parent's value. */
export const WASM_TLS_BASE = "__tls_base";
export const WASM_FAULTS = { segv: 11, fpe: 8, ill: 4 } as const;

export function isWasm(h: Uint8Array): boolean {
  return h.length >= 8 && WASM_MAGIC.every((b, i) => h[i] === b);
}
