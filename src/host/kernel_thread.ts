// The kernel's thread: a Worker that boots the kernel and serves the host's requests
// (run a program, read or write a guest file, console input, the log). The host's main thread
// stays free: whatever the kernel does, the terminal and the watchdog keep answering.
import { parentPort, workerData } from "node:worker_threads";
import { startKernel } from "../kernel/boot.js";
import { programTable } from "../usr/programs.js";
import { setWorkerHost } from "../kernel/binfmt_js.js";
import { nodeWorkerHost } from "./user_workers.js";
import { serveHostRequest, type HostRequest } from "./kernel_services.js";

const port = parentPort!;
setWorkerHost(nodeWorkerHost);
const t0 = performance.now();
startKernel({ image: new Uint8Array(workerData.image), cmdline: workerData.cmdline, programs: programTable, hostname: workerData.hostname });
port.postMessage({ type: "booted", bootMs: performance.now() - t0 });

port.on("message", (req: HostRequest) => {
  serveHostRequest(req, (msg) => port.postMessage(msg));
});
