// Starting user programs' Workers (Node's worker_threads) for the kernel. A Worker that dies
// without its process having exited (a crash of the runtime itself) kills the process.
import { Worker, type MessagePort } from "node:worker_threads";
import type { WorkerHost } from "../kernel/worker_syscall.js";
import { doExit } from "../kernel/exit.js";
import { signalStatus } from "../include/uapi/wait.js";
import { SIGKILL } from "../include/uapi/signal.js";
import { compilerConnect } from "./compiler_service.js";

/**
 * Workers run runtime (host/user_runtime.js), whose location the host passes to the kernel
 * thread, or for C programs its sibling wasm_runtime.js (given the compiled Module).
 */
export const nodeWorkerHost = (runtime: URL, trusted: string[] = []): WorkerHost => ({
  start(t, sab, memory, image, sp) {
    const wasm = image.kind === "wasm";
    const w = new Worker(wasm ? new URL("./wasm_runtime.js", runtime) : runtime, {
      workerData: wasm ? { sab, memory, module: image.module, sp, fork: image.fork } : { sab, memory, source: image.source, sp, trusted },
      // A program's only output is through its file descriptors: what Node itself would print
      // in the Worker goes nowhere, and it sees none of the host's environment.
      stdout: true,
      stderr: true,
      env: {},
      // The JavaScript sandbox (host/user_sandbox.ts) links programs as vm modules.
      execArgv: wasm ? [] : ["--experimental-vm-modules", "--no-warnings"],
    });
    w.stdout.resume();
    w.stderr.resume();
    let terminated = false;
    w.on("error", () => {});
    // The C driver asks for a line to the machine's compiler (host/compiler_client.ts).
    w.on("message", (m: { type?: string; port?: MessagePort }) => {
      if (m?.type === "compiler-connect" && m.port) compilerConnect(m.port);
    });
    w.on("exit", () => {
      if (!terminated && t.isAlive() && !t.exiting) void doExit(t, signalStatus(SIGKILL));
    });
    w.unref();
    return {
      terminate() {
        terminated = true;
        void w.terminate();
      },
    };
  },
});
