// The runtime inside a user program's Worker: it installs libc's trap backend (the shared-
// memory channel to the kernel), links the program's libc imports, and runs it from its
// initial stack. A system call spins briefly for the answer before sleeping on Atomics.wait.
import { workerData } from "node:worker_threads";
import { setTrapBackend, ProcessExit, type LibcState, type SignalFrameInfo } from "../lib/libc/arch/trap.js";
import {
  channelViews, CTL_STATE, CTL_FLAGS, CTL_NFRAMES, IDLE, REQUEST, REPLY, F_SIGNALS, F_RESTART, F_GONE_EXIT, F_GONE_EXEC,
} from "./channel_layout.js";

const SPIN_ITERATIONS = 20000;
const { sab, memory, source, sp } = workerData as { sab: SharedArrayBuffer; memory: WebAssembly.Memory; source: string; sp: number };
const { ctl, regs, frames } = channelViews(sab);
const bytes = new Uint8Array(memory.buffer);
const view = new DataView(memory.buffer);
const state: LibcState = { errno: 0 };
let signals: { frames: SignalFrameInfo[]; restart: boolean } | null = null;

function enter(nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): number {
  regs[0] = nr; regs[1] = a0; regs[2] = a1; regs[3] = a2; regs[4] = a3; regs[5] = a4; regs[6] = a5;
  Atomics.store(ctl, CTL_STATE, REQUEST);
  Atomics.notify(ctl, CTL_STATE);
  let i = 0;
  while (Atomics.load(ctl, CTL_STATE) !== REPLY) {
    if (++i > SPIN_ITERATIONS) Atomics.wait(ctl, CTL_STATE, REQUEST);
  }
  const flags = Atomics.load(ctl, CTL_FLAGS);
  const ret = regs[7];
  if (flags & F_SIGNALS || flags & F_RESTART) {
    const n = Atomics.load(ctl, CTL_NFRAMES);
    const list: SignalFrameInfo[] = [];
    for (let k = 0; k < n; k++) list.push({ sig: frames[k * 3], handler: frames[k * 3 + 1], flags: frames[k * 3 + 2] });
    signals = { frames: list, restart: (flags & F_RESTART) !== 0 };
  }
  Atomics.store(ctl, CTL_STATE, IDLE);
  if (flags & F_GONE_EXEC) throw new ProcessExit("exec");
  if (flags & F_GONE_EXIT) throw new ProcessExit("exit");
  return ret;
}

setTrapBackend({
  enter,
  takeSignals() {
    const s = signals;
    signals = null;
    return s;
  },
  bytes: () => bytes,
  view: () => view,
  state: () => state,
});

/**
 * Libraries the host provides to user programs as shared libraries it does not carry in the
 * image: the TypeScript compiler, for the toolchain (cc, kbuild).
 */
const HOST_LIBRARIES: Record<string, () => string> = {
  typescript: () => import.meta.resolve("typescript"),
};

/** Point the program's libc imports ("unistd", "sys/stat", ...) at this runtime's libc. */
function link(text: string): string {
  const libc = new URL("../lib/libc/", import.meta.url);
  return text.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])([a-z][a-z0-9_]*(?:\/[a-z0-9_]+)?)\2/g,
    (m, pre: string, q: string, name: string) =>
      `${pre}${q}${HOST_LIBRARIES[name]?.() ?? new URL(`${name}.js`, libc).href}${q}`);
}

const { __libc_start_main } = await import(new URL("../lib/libc/crt0.js", import.meta.url).href);
let main: (argv: string[], envp: string[]) => unknown;
try {
  const mod = await import("data:text/javascript;base64," + Buffer.from(link(source)).toString("base64"));
  main = mod.default ?? mod.main;
  if (typeof main !== "function") throw new Error("program has no main");
} catch (e) {
  // A program that cannot even be loaded dies as one whose code faulted.
  main = () => { throw e; };
}
await __libc_start_main(main, sp);
void ProcessExit;
