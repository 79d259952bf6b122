// fork(2) of a C program (kernel/fork.ts): the child, whose address space copyProcess copied,
// gets a Worker of its own on the parent's compiled module, which starts by rewinding from the
// Asyncify data the parent left in memory (host/wasm_fork_runtime.ts), so the call returns 0.
// A new thread (kernel/thread.ts) gets one too, on the same memory, starting at the program's
// thread entry with clone's stack and tls.
import type { Task, ExecBackend } from "./task.js";
import type { WorkerChannel } from "./worker_syscall.js";
import { forkWorkerHook } from "./fork.js";
import { threadWorkerHook } from "./thread.js";
import { startWorkerProgram } from "./binfmt_js.js";

const channelOf = (t: Task) => (t.backend as (ExecBackend & { channel?: WorkerChannel }) | null)?.channel ?? null;

forkWorkerHook.canFork = (t) => {
  const ch = channelOf(t);
  // A vfork child borrowing its parent's Worker has no program of its own to copy.
  return ch !== null && ch.task === t && ch.image?.kind === "wasm";
};

forkWorkerHook.start = (parent, child, state, sp) => {
  const image = channelOf(parent)!.image as { kind: "wasm"; module: WebAssembly.Module; thread?: { tls: number } };
  // Forked by a thread other than the first: the child's only thread is a copy of that one.
  startWorkerProgram(child, { kind: "wasm", module: image.module, fork: state, thread: image.thread }, sp);
};

threadWorkerHook.canThread = forkWorkerHook.canFork;

threadWorkerHook.start = (parent, child, stack, tls) => {
  const image = channelOf(parent)!.image as { kind: "wasm"; module: WebAssembly.Module };
  startWorkerProgram(child, { kind: "wasm", module: image.module, thread: { tls } }, stack);
};
