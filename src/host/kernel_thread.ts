// The kernel's thread: a Worker that boots the kernel and serves the host's requests
// (run a program, read or write a guest file, console input, the log). The host's main thread
// stays free: whatever the kernel does, the terminal and the watchdog keep answering.
import { parentPort, workerData } from "node:worker_threads";
import { startKernel } from "../kernel/boot.js";
import { programTable } from "../usr/programs.js";
import { setWorkerHost } from "../kernel/binfmt_js.js";
import { nodeWorkerHost } from "./user_workers.js";
import { setCompilerWorkerUrl } from "./compiler_service.js";
import { serveHostRequest, unreadStdin, type HostRequest } from "./kernel_services.js";
import { setConsoleHostWriter } from "../drivers/tty/console.js";
import { mountHostDirs, type HostMount } from "./host_mounts.js";
import { rebootHooks } from "../kernel/sys_info.js";
import { nextBoot } from "./next_boot.js";
import { readFileSync } from "node:fs";
import { oopsHooks } from "../kernel/panic.js";
import { startHeartbeat } from "./heartbeat.js";
import { mirrorLog } from "./log_mirror.js";
import { logRecords } from "../kernel/printk.js";
import { schedHooks } from "../kernel/sched.js";
import { taintString, getTaint } from "../kernel/taint.js";
import { modules, moduleListHooks } from "../kernel/module/internal.js";
import { utsname } from "../kernel/utsname.js";
import { removeHostGlobals } from "./host_globals.js";
import { moduleCodeCompiler } from "../kernel/module/code_loader.js";
import { compileFunction } from "node:vm";

const port = parentPort!;
setWorkerHost(nodeWorkerHost(new URL(workerData.runtime), workerData.trusted ?? []));
if (workerData.compiler) setCompilerWorkerUrl(new URL(workerData.compiler));

// Console output is gathered and sent once per turn of the event loop.
let consoleOut: Uint8Array[] = [];
setConsoleHostWriter((data) => {
  if (consoleOut.length === 0) setImmediate(flushConsole);
  consoleOut.push(data.slice());
});
function flushConsole(): void {
  if (consoleOut.length === 0) return;
  const data = consoleOut.length === 1 ? consoleOut[0] : Buffer.concat(consoleOut);
  consoleOut = [];
  port.postMessage({ id: 0, type: "console", data });
}

// reboot(2): the host restarts or stops this thread, after the console has had its last output.
rebootHooks.restart = () => {
  flushConsole();
  // The root filesystem and the bootloader's default kernel go to the host for the next boot.
  // Input the host fed to a command that it has not read yet goes to the next boot's command.
  const next = { ...nextBoot(), unreadStdin: unreadStdin() };
  port.postMessage({ type: "power", event: "reboot", next }, [next.rootfs.buffer as ArrayBuffer, ...(next.kernel?.image ? [next.kernel.image.buffer as ArrayBuffer] : [])]);
};
rebootHooks.powerOff = () => { flushConsole(); port.postMessage({ type: "power", event: "poweroff" }); };
rebootHooks.halt = () => { flushConsole(); port.postMessage({ type: "power", event: "halt" }); };

// Oops call traces give kernel functions' offsets in the kernel's own code.
oopsHooks.kernelSource = (file) => {
  try { return readFileSync(new URL(file), "utf8"); } catch { return null; }
};

const t0 = performance.now();
startKernel({ image: new Uint8Array(workerData.image), cmdline: workerData.cmdline, programs: programTable, hostname: workerData.hostname });
// The log, where the host can read it even if this thread stops (host/log_mirror.ts).
if (workerData.logMirror) mirrorLog(workerData.logMirror, logRecords());
// The host's watchdog: a heartbeat and what is on the CPU (host/heartbeat.ts).
if (workerData.heartbeat) {
  const hb = startHeartbeat(workerData.heartbeat, () => ({ taint: taintString(), modules: oopsHooks.modulesLinkedIn(), release: `${utsname.release} ${utsname.version.split(" ")[0]}` }));
  let taint = getTaint(), nmods = modules.length;
  schedHooks.switched = (t) => {
    hb.onCpu(t?.pid ?? 0, t?.comm ?? "swapper/0");
    // The taint and module list as they are now, not at the last beat.
    if (getTaint() !== taint || modules.length !== nmods) { taint = getTaint(); nmods = modules.length; hb.publish(); }
  };
  // A module's init that never returns is reported with the module linked in and its taint.
  moduleListHooks.changed = () => { taint = getTaint(); nmods = modules.length; hb.publish(); };
}
const mountErrors = mountHostDirs((workerData.mounts ?? []) as HostMount[]);
// Kernel modules run on this thread: the host's process and network are not theirs to reach,
// and their code, compiled without an importModuleDynamically callback, cannot import() host
// modules (nor can code it makes with eval or Function).
removeHostGlobals();
moduleCodeCompiler.compile = (code, params) => compileFunction(code, [...params]) as (...args: unknown[]) => unknown;
moduleCodeCompiler.wrapperLines = 0;
port.postMessage({ type: "booted", bootMs: performance.now() - t0, mountErrors });

port.on("message", (req: HostRequest) => {
  // Console output written before a reply is sent first: a session's last words come before its end.
  serveHostRequest(req, (msg) => { flushConsole(); port.postMessage(msg); });
});
