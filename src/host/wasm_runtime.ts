// The runtime inside a C program's Worker (include/uapi/wasm_abi.ts): it instantiates the
// compiled module the kernel sent with the process's memory and the system-call trap, points
// the C stack at the initial stack, and calls _start(sp). The trap runs the signal handlers the
// kernel asks for through the program's __typix_signal; a WebAssembly trap becomes the signal
// Linux would send for the fault. A program built with fork (usr/toolchain/wasm_fork.ts) is
// unwound and rewound around fork(2) (host/wasm_fork_runtime.ts); a forked child's Worker
// starts by rewinding from its copy of the parent's stack.
//
// A Worker runs one program at a time and can run many in turn (host/user_workers.ts keeps
// them): each program comes as a message, and when the kernel is done with its process the
// last call's answer says so (F_RELEASED); the program is dropped and the Worker says "idle".
import { parentPort } from "node:worker_threads";
import { ProcessExit } from "../lib/libc/arch/trap.js";
import { userChannel } from "./user_channel.js";
import {
  WASM_ENTRY, WASM_THREAD_ENTRY, WASM_STACK_POINTER, WASM_SIGNAL_ENTRY, WASM_STACK_LIMITS, WASM_VFORK_GONE_EXEC,
  WASM_VFORK_GONE_EXIT, WASM_UNMAPPED_BELOW, WASM_TLS_BASE,
} from "../include/uapi/wasm_abi.js";
import { forkRuntime, type ForkState } from "./wasm_fork_runtime.js";
import { faultSignal } from "./wasm_faults.js";
import { STACK_TOP, STACK_MAX } from "../mm/mm.js";

/** What the kernel sends to start a program. */
export interface WasmJob {
  sab: SharedArrayBuffer; memory: WebAssembly.Memory; module: WebAssembly.Module; sp: number;
  /** A forked child: rewind from here. */
  fork?: ForkState;
  /** A new thread (kernel/thread.ts): its descriptor, for the program's thread entry. */
  thread?: { tls: number };
}

const NR_fork = 57, NR_rt_sigaction = 13, NR_rt_sigprocmask = 14, NR_getpid = 39, NR_gettid = 186, NR_tgkill = 234, NR_exit_group = 231;
const SIGSEGV = 11, SIG_UNBLOCK = 1;

async function runProgram({ sab, memory, module, sp, fork, thread }: WasmJob): Promise<void> {
  const channel = userChannel(sab);
  const view = new DataView(memory.buffer);
  let signalEntry: ((sig: number, handler: number, flags: number) => void) | null = null;
  /** Signal handlers running (a fork in one cannot unwind past the call that ran it). */
  let inHandler = 0;
  let forker: ReturnType<typeof forkRuntime> | null = null;

  /** One call; a vfork child that has exec'd or exited gets the ABI's mark instead (see wasm_abi.ts). */
  function enter(nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): number {
    try {
      return channel.enter(nr, a0, a1, a2, a3, a4, a5);
    } catch (e) {
      if (e instanceof ProcessExit && e.reason !== "released") return e.reason === "exec" ? WASM_VFORK_GONE_EXEC : WASM_VFORK_GONE_EXIT;
      throw e;
    }
  }

  /** env.__syscall6: one call, then the handlers its answer asks for, then its restart. */
  function syscall(nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): number {
    if (nr === NR_fork) {
      // libc's fork() (through the rewritten typix.fork); any other fork(2) cannot be copied.
      if (forker && inHandler === 0 && forker.isForkPoint(a5)) {
        const r = forker.point(a0, a1);
        if (r === null) return 0; // unwinding: the value is not used
        if (!runHandlers(channel.takeSignals())) return forceSignal(SIGSEGV);
        return r;
      }
      a0 = a1 = a2 = a3 = a4 = a5 = 0;
    }
    for (;;) {
      const r = enter(nr, a0, a1, a2, a3, a4, a5);
      const sigs = channel.takeSignals();
      if (sigs === null) return r;
      if (!runHandlers(sigs)) return forceSignal(SIGSEGV);
      if (!sigs.restart) return r;
    }
  }

  /** Run the signal frames a call's answer asked for; false if the program has no signal entry. */
  function runHandlers(sigs: ReturnType<typeof channel.takeSignals>): boolean {
    if (sigs === null) return true;
    for (const f of sigs.frames) {
      if (!signalEntry) return false;
      inHandler++;
      try {
        signalEntry(f.sig, f.handler, f.flags);
      } finally {
        inHandler--;
      }
    }
    return true;
  }

  /**
   * Die of sig at its default action, as Linux's force_sig for a fault: the action is reset and
   * the signal unblocked, then sent to this thread. Scratch space: just below the initial stack
   * pointer (the C frames there are dead).
   */
  function forceSignal(sig: number): never {
    const p = sp - 64;
    new Uint8Array(memory.buffer, p, 40).fill(0); // struct kernel_sigaction { SIG_DFL, 0, 0, 0 }
    view.setBigUint64(p + 32, 1n << BigInt(sig - 1), true);
    channel.enter(NR_rt_sigaction, sig, p, 0, 8, 0, 0);
    channel.enter(NR_rt_sigprocmask, SIG_UNBLOCK, p + 32, 0, 8, 0, 0);
    channel.enter(NR_tgkill, channel.enter(NR_getpid, 0, 0, 0, 0, 0, 0), channel.enter(NR_gettid, 0, 0, 0, 0, 0, 0), sig, 0, 0, 0);
    channel.enter(NR_exit_group, 128 + sig, 0, 0, 0, 0, 0);
    throw new ProcessExit("exit");
  }

  try {
    const instance = await WebAssembly.instantiate(module, { env: { memory, __syscall6: syscall } });
    const ex = instance.exports as Record<string, unknown>;
    const entry = ex[WASM_SIGNAL_ENTRY];
    if (typeof entry === "function") signalEntry = entry as (sig: number, handler: number, flags: number) => void;
    const stackPointer = ex[WASM_STACK_POINTER] as WebAssembly.Global;
    stackPointer.value = fork ? fork.stackPointer : sp & ~15;
    // The thread pointer: a forked child's is its parent's (the same TLS block, copied); the
    // start function set the first thread's, and a new thread's entry sets its own.
    const tlsBase = ex[WASM_TLS_BASE] instanceof WebAssembly.Global ? (ex[WASM_TLS_BASE] as WebAssembly.Global) : null;
    if (fork && tlsBase) tlsBase.value = fork.tlsBase;
    // A guarded program (usr/toolchain/wasm_guard.ts) checks its stack pointer against the stack area.
    const limits = ex[WASM_STACK_LIMITS];
    if (typeof limits === "function") limits(sp & ~15, thread ? WASM_UNMAPPED_BELOW : STACK_TOP - STACK_MAX);
    const start = thread
      ? () => (ex[WASM_THREAD_ENTRY] as (tls: number) => void)(thread.tls)
      : () => (ex[WASM_ENTRY] as (sp: number) => void)(sp);
    if (thread && typeof ex[WASM_THREAD_ENTRY] !== "function") forceSignal(SIGSEGV);
    forker = forkRuntime(ex, memory, stackPointer, (buf, spNow) => enter(NR_fork, buf, spNow, sp, (tlsBase?.value as number) ?? 0, 0, 0));
    if (forker) forker.run(start, fork ?? null);
    else start();
    // _start returned: there is no caller to return to (Linux: a jump to nowhere).
    forceSignal(SIGSEGV);
  } catch (e) {
    if (!(e instanceof ProcessExit)) {
      try {
        forceSignal(faultSignal(e));
      } catch {
        // dead already
      }
    }
  }
}

parentPort!.on("message", (job: WasmJob) => {
  void runProgram(job).then(() => parentPort!.postMessage({ type: "idle" }));
});
