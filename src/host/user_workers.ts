// Starting user programs' Workers (Node's worker_threads) for the kernel. A Worker that dies
// without its process having exited (a crash of the runtime itself) kills the process.
import { Worker } from "node:worker_threads";
import type { WorkerHost } from "../kernel/worker_syscall.js";
import { doExit } from "../kernel/exit.js";
import { signalStatus } from "../include/uapi/wait.js";
import { SIGKILL } from "../include/uapi/signal.js";

/** Workers run runtime (host/user_runtime.js), whose location the host passes to the kernel thread. */
export const nodeWorkerHost = (runtime: URL): WorkerHost => ({
  start(t, sab, memory, source, sp) {
    const w = new Worker(runtime, {
      workerData: { sab, memory, source, sp },
      stdout: false,
      stderr: false,
    });
    let terminated = false;
    w.on("error", () => {});
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
