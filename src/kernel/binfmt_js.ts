// User programs: JavaScript ES modules run each in its own Worker. Their files hold
// "\x7fTJS\n" and then the module's text, whose imports name libc headers ("unistd",
// "stdio", ...); the Worker's loader links those to libc (host/user_runtime.ts).
import { registerBinfmt, beginNewExec } from "./exec.js";
import { WorkerChannel, workerBackend, type WorkerHost, type UserImage } from "./worker_syscall.js";
import { CHANNEL_BYTES } from "../host/channel_layout.js";
import type { Task } from "./task.js";

export const TJS_MAGIC = "\x7fTJS\n";
const dec = new TextDecoder();

let host: WorkerHost | null = null;
/** The host provides Workers (Node's worker_threads, or a browser's Worker). */
export function setWorkerHost(h: WorkerHost): void { host = h; }
export const workerHostReady = () => host !== null;

/** Run task t's new program (a JavaScript module's text or a compiled WebAssembly module) in a Worker. */
export function startWorkerProgram(t: Task, image: UserImage, sp: number): void {
  const channel = new WorkerChannel(new SharedArrayBuffer(CHANNEL_BYTES), t);
  channel.image = image;
  t.backend = workerBackend(channel);
  channel.attach(host!.start(t, channel.sab, t.mm!.memory, image, sp));
}

registerBinfmt({
  name: "js",
  match: (h) => h[0] === 0x7f && h[1] === 0x54 && h[2] === 0x4a && h[3] === 0x53 && h[4] === 0x0a,
  async load(t, img) {
    if (!host) throw new Error("no worker host");
    const source = dec.decode(img.bytes.subarray(5));
    const base = img.filename.split("/").pop() || img.filename;
    const sp = await beginNewExec(t, img, base);
    startWorkerProgram(t, { kind: "js", source }, sp);
  },
});
