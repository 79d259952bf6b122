// The runtime inside a user program's Worker: it installs libc's trap backend (the shared-
// memory channel to the kernel), links the program's libc imports, and runs it from its
// initial stack. The channel itself is host/user_channel.ts.
import { workerData } from "node:worker_threads";
import { createHash } from "node:crypto";
import type { TrapBackend, LibcState, ProcessExit } from "../lib/libc/arch/trap.js";
import { userChannel } from "./user_channel.js";
import { SandboxLinker, stripHostGlobals } from "./user_sandbox.js";

const { sab, memory, source, sp, trusted } = workerData as {
  sab: SharedArrayBuffer; memory: WebAssembly.Memory; source: string; sp: number;
  /** SHA-256 digests of the programs the image ships, which may link the host's libraries. */
  trusted?: string[];
};
const bytes = new Uint8Array(memory.buffer);
const view = new DataView(memory.buffer);
const state: LibcState = { errno: 0 };
/** The trap backend over the channel, for the libc whose ProcessExit is given. */
function backend(Exit: typeof ProcessExit): TrapBackend {
  const channel = userChannel(sab, Exit);
  return {
    enter: channel.enter,
    takeSignals: channel.takeSignals,
    bytes: () => bytes,
    view: () => view,
    state: () => state,
  };
}

/**
 * Libraries the host provides to user programs as shared libraries it does not carry in the
 * image: the TypeScript compiler, for the toolchain (cc, kbuild), and "llvm", the C driver's line
 * to the machine's compiler Worker (host/compiler_client.ts).
 */
const HOST_LIBRARIES: Record<string, () => string> = {
  typescript: () => import.meta.resolve("typescript"),
  llvm: () => new URL("./compiler_client.js", import.meta.url).href,
};

/** Point the program's libc imports ("unistd", "sys/stat", ...) at this runtime's libc. */
function link(text: string): string {
  const libc = new URL("../lib/libc/", import.meta.url);
  return text.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])([a-z][a-z0-9_]*(?:\/[a-z0-9_]+)?)\2/g,
    (m, pre: string, q: string, name: string) =>
      `${pre}${q}${HOST_LIBRARIES[name]?.() ?? new URL(`${name}.js`, libc).href}${q}`);
}

type Main = (argv: string[], envp: string[]) => unknown;

/** A program the image shipped: an ordinary module, with the host's libraries. */
async function loadTrusted(): Promise<{ start: (main: Main, sp: number) => Promise<void>; main: () => Promise<Main> }> {
  const trap = await import(new URL("../lib/libc/arch/trap.js", import.meta.url).href);
  trap.setTrapBackend(backend(trap.ProcessExit));
  const { __libc_start_main } = await import(new URL("../lib/libc/crt0.js", import.meta.url).href);
  const main = async () => {
    const mod = await import("data:text/javascript;base64," + Buffer.from(link(source)).toString("base64"));
    return mod.default ?? mod.main;
  };
  return { start: __libc_start_main, main };
}

/** Anything else: linked in the sandbox (host/user_sandbox.ts), the global scope stripped first. */
async function loadSandboxed(): Promise<{ start: (main: Main, sp: number) => Promise<void>; main: () => Promise<Main> }> {
  const linker = new SandboxLinker(new URL("../lib/libc/", import.meta.url), {
    llvm: () => import(HOST_LIBRARIES.llvm()),
  });
  const trap = await linker.load("arch/trap.js");
  trap.setTrapBackend(backend(trap.ProcessExit));
  const { __libc_start_main } = await linker.load("crt0.js");
  const unistd = await linker.load("unistd.js");
  let program: Awaited<ReturnType<SandboxLinker["program"]>> | null = null;
  let failure: unknown = null;
  try {
    program = await linker.program(source, "program");
  } catch (e) {
    failure = e;
  }
  stripHostGlobals((fd, text) => unistd.write(fd, text));
  const main = async () => {
    if (!program) throw failure;
    await program.evaluate();
    const ns = program.namespace as Record<string, unknown>;
    return (ns.default ?? ns.main) as Main;
  };
  return { start: __libc_start_main, main };
}

const isTrusted = trusted?.includes(createHash("sha256").update(source).digest("hex")) ?? false;
const { start, main: loadMain } = await (isTrusted ? loadTrusted() : loadSandboxed());
let main: Main;
try {
  main = await loadMain();
  if (typeof main !== "function") throw new Error("program has no main");
} catch (e) {
  // A program that cannot even be loaded dies as one whose code faulted.
  main = () => { throw e; };
}
await start(main, sp);
