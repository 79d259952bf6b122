// The machine's compiler Worker, as the kernel thread keeps it: started on the first connection
// (a C driver's first compile), kept warm while the machine runs, started again on the next
// connection after it died. A driver's Worker connects by posting a MessagePort to the kernel
// thread (host/user_workers.ts); the port goes on to the compiler Worker, and from then on the
// driver and the compiler talk directly, the kernel thread never touching the bytes.
import { Worker, type MessagePort } from "node:worker_threads";

let url: URL | null = null;
let worker: Worker | null = null;

/** Where the compiler Worker's code is (host/compiler_worker.js beside the host's runtime). */
export function setCompilerWorkerUrl(u: URL): void { url = u; }

function compilerWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(url ?? new URL("./compiler_worker.js", import.meta.url), { stdout: true, stderr: true });
  w.on("error", () => {});
  // Its death closes the ports it held: each connected driver sees that and reports it.
  w.on("exit", () => { if (worker === w) worker = null; });
  w.unref();
  return (worker = w);
}

/** Hand a driver's port to the compiler Worker. */
export function compilerConnect(port: MessagePort): void {
  compilerWorker().postMessage({ port, warm: true }, [port]);
}

/** End the compiler Worker (tests of a compiler that died; the next connection starts another). */
export function compilerKill(): void {
  void worker?.terminate();
  worker = null;
}
