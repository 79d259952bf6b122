// Starting user programs' Workers (Node's worker_threads) for the kernel. A Worker that dies
// without its process having exited (a crash of the runtime itself) kills the process.
//
// A JavaScript program gets a Worker of its own, ended with its process. C programs run in
// Workers kept for reuse: a Node Worker takes ~60 ms to start and a C program's instance a
// fraction of a millisecond, so when a C process is over while its Worker waits in a system
// call, the kernel releases the Worker (kernel/worker_syscall.ts), which drops the program and
// reports "idle"; it then waits, unreferenced, for the next one. One Worker is started ahead
// once C programs run, so that a pipeline of them does not wait either.
import { Worker, type MessagePort } from "node:worker_threads";
import type { WorkerHost, UserImage } from "../kernel/worker_syscall.js";
import type { Task } from "../kernel/task.js";
import { doExit } from "../kernel/exit.js";
import { signalStatus } from "../include/uapi/wait.js";
import { SIGKILL } from "../include/uapi/signal.js";
import { compilerConnect } from "./compiler_service.js";

/** Idle Workers kept at most, and how long a released one may take to report idle. */
const MAX_IDLE = 4;
const RELEASE_GRACE_MS = 2000;

/** A Worker and the task whose program it runs (null when idle or being released). */
interface UserWorker { w: Worker; task: Task | null; ended: boolean; grace: ReturnType<typeof setTimeout> | null }

function startWorker(url: URL, options: ConstructorParameters<typeof Worker>[1], onIdle?: (u: UserWorker) => void): UserWorker {
  const w = new Worker(url, {
    ...options,
    // A program's only output is through its file descriptors: what Node itself would print
    // in the Worker goes nowhere, and it sees none of the host's environment.
    stdout: true,
    stderr: true,
    env: {},
  });
  const u: UserWorker = { w, task: null, ended: false, grace: null };
  w.stdout.resume();
  w.stderr.resume();
  w.on("error", () => {});
  w.on("message", (m: { type?: string; port?: MessagePort }) => {
    // The C driver asks for a line to the machine's compiler (host/compiler_client.ts).
    if (m?.type === "compiler-connect" && m.port) compilerConnect(m.port);
    if (m?.type === "idle" && onIdle) onIdle(u);
  });
  w.on("exit", () => {
    u.ended = true;
    const t = u.task;
    if (t && t.isAlive() && !t.exiting) void doExit(t, signalStatus(SIGKILL));
  });
  w.unref();
  return u;
}

function end(u: UserWorker): void {
  u.task = null;
  u.ended = true;
  if (u.grace) clearTimeout(u.grace);
  void u.w.terminate();
}

/**
 * Workers run runtime (host/user_runtime.js), whose location the host passes to the kernel
 * thread, or for C programs its sibling wasm_runtime.js (given the compiled Module).
 */
export function nodeWorkerHost(runtime: URL, trusted: string[] = []): WorkerHost {
  const wasmRuntime = new URL("./wasm_runtime.js", runtime);
  const idle: UserWorker[] = [];
  const released = new Set<UserWorker>();

  const onIdle = (u: UserWorker) => {
    if (!released.delete(u)) {
      // A program that ended without the kernel releasing it: its process cannot go on.
      const t = u.task;
      end(u);
      if (t && t.isAlive() && !t.exiting) void doExit(t, signalStatus(SIGKILL));
      return;
    }
    if (u.grace) clearTimeout(u.grace);
    u.grace = null;
    if (u.ended || idle.length >= MAX_IDLE) end(u);
    else idle.push(u);
  };
  const spawnWasm = () => startWorker(wasmRuntime, {}, onIdle);
  const spare = () => setImmediate(() => { if (idle.length === 0) idle.push(spawnWasm()); });

  function startWasm(t: Task, job: object) {
    let u = idle.pop();
    while (u?.ended) u = idle.pop();
    if (!u) { u = spawnWasm(); spare(); }
    const worker = u;
    worker.task = t;
    worker.w.postMessage(job);
    return {
      terminate: () => end(worker),
      release() {
        worker.task = null;
        released.add(worker);
        // A runtime that does not come back (a program that caught the release) is ended.
        worker.grace = setTimeout(() => { released.delete(worker); end(worker); }, RELEASE_GRACE_MS);
        worker.grace.unref();
      },
    };
  }

  return {
    start(t, sab, memory, image: UserImage, sp) {
      if (image.kind === "wasm") return startWasm(t, { sab, memory, module: image.module, sp, fork: image.fork, thread: image.thread });
      // The JavaScript sandbox (host/user_sandbox.ts) links programs as vm modules.
      const u = startWorker(runtime, {
        workerData: { sab, memory, source: image.source, sp, trusted },
        execArgv: ["--experimental-vm-modules", "--no-warnings"],
      });
      u.task = t;
      return { terminate: () => end(u) };
    },
  };
}
