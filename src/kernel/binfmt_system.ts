// System programs: the shell, coreutils and the other tools shipped with Typix, which run as
// tasks on the kernel's thread. Their files hold "\x7fTSP" and the program's name, like a
// busybox applet link; the name is looked up in the table the image was built with.
import { registerBinfmt, beginNewExec } from "./exec.js";
import { enqueueTask } from "./sched.js";
import { tracehooks } from "./tracehook.js";
import { Errno } from "./errors.js";
import { ENOEXEC } from "../include/uapi/errno.js";
import type { Task } from "./task.js";

export const TSP_MAGIC = "\x7fTSP";
/** A program's entry point: _start, given the initial stack pointer. */
export type ProgramEntry = (sp: number) => Promise<void>;
export type ProgramTable = (name: string) => (() => Promise<ProgramEntry>) | undefined;

let programs: ProgramTable = () => undefined;
export function setSystemPrograms(table: ProgramTable): void { programs = table; }

/** The bytes of a system program's file. */
export function systemProgramFile(name: string): string {
  return `${TSP_MAGIC}\n${name}\n`;
}

/**
 * Start a system program's code as task t's user code: at once, or, under a tracer, once the
 * execve that loaded it has made its exit stops (the old code's call is still in progress).
 */
export function startKernelProgram(t: Task, entry: ProgramEntry, sp: number): void {
  t.backend = { kind: "kernel", kill() {} };
  const start = () => { if (t.isAlive() && !t.exiting) enqueueTask(t, () => void entry(sp)); };
  const busy = t.ptrace !== null ? tracehooks.callInProgress(t) : null;
  if (busy) void busy.then(start);
  else start();
}

registerBinfmt({
  name: "system",
  match: (h) => h[0] === 0x7f && h[1] === 0x54 && h[2] === 0x53 && h[3] === 0x50,
  async load(t, img) {
    const name = new TextDecoder().decode(img.bytes.subarray(5)).split("\n")[0];
    const loader = programs(name);
    if (!loader) throw new Errno(ENOEXEC);
    const entry = await loader();
    const base = img.filename.split("/").pop() || name;
    const sp = await beginNewExec(t, img, base);
    startKernelProgram(t, entry, sp);
  },
});
