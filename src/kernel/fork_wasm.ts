// fork(2) of a C program (kernel/fork.ts): the child, whose address space copyProcess copied,
// gets a Worker of its own on the parent's compiled module, which starts by rewinding from the
// Asyncify data the parent left in memory (host/wasm_fork_runtime.ts), so the call returns 0.
import type { Task, ExecBackend } from "./task.js";
import type { WorkerChannel } from "./worker_syscall.js";
import { forkWorkerHook } from "./fork.js";
import { startWorkerProgram } from "./binfmt_js.js";

const channelOf = (t: Task) => (t.backend as (ExecBackend & { channel?: WorkerChannel }) | null)?.channel ?? null;

forkWorkerHook.canFork = (t) => {
  const ch = channelOf(t);
  // A vfork child borrowing its parent's Worker has no program of its own to copy.
  return ch !== null && ch.task === t && ch.image?.kind === "wasm";
};

forkWorkerHook.start = (parent, child, buf, stackPointer, sp) => {
  const image = channelOf(parent)!.image as { kind: "wasm"; module: WebAssembly.Module };
  startWorkerProgram(child, { kind: "wasm", module: image.module, fork: { buf, stackPointer } }, sp);
};
