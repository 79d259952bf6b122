// The machine's C compiler: a host Worker that loads clang and lld (npm's @yowasp/clang, LLVM
// built as WebAssembly) once and then runs their tools for the C driver (usr/toolchain/gcc.ts).
// It is started by host/compiler_service.ts on the first compile and stays warm for the
// machine's life. It knows nothing of the guest: each request carries the files the tool may
// read (bytes the driver read through the guest's system calls) and names the files to hand
// back; the tool runs in a virtual file system made of those files alone. Requests arrive on
// MessagePorts, one per connected driver, and run one at a time (one compiler, like one CPU).
import { parentPort, type MessagePort } from "node:worker_threads";
import type { ToolRequest, ToolResult } from "./compiler_protocol.js";
import { guardWasm } from "../usr/toolchain/wasm_guard.js";
import { finishModule } from "../usr/toolchain/wasm_asyncify.js";
import { C_SLEEPING_CALLS } from "../include/uapi/linux/wasm_sleep.js";

type Tree = { [name: string]: Tree | Uint8Array };
type Llvm = typeof import("@yowasp/clang");

let llvm: Promise<Llvm> | null = null;
/** Load the tools and their resources (the WebAssembly compile is most of the ~2 s). */
function load(): Promise<Llvm> {
  return llvm ??= import("@yowasp/clang").then(async (m) => {
    await m.runLLVM(null as unknown as string[], {}, { fetchProgress: () => {} });
    return m;
  });
}

function treeOf(files: Record<string, Uint8Array>): Tree {
  const root: Tree = {};
  for (const [path, data] of Object.entries(files)) {
    const parts = path.split("/").filter((p) => p !== "");
    let dir = root;
    for (const p of parts.slice(0, -1)) dir = (dir[p] instanceof Uint8Array || !dir[p] ? (dir[p] = {}) : dir[p]) as Tree;
    dir[parts[parts.length - 1]] = data;
  }
  return root;
}

function lookup(tree: Tree, path: string): Uint8Array | null {
  let e: Tree | Uint8Array | undefined = tree;
  for (const p of path.split("/").filter((s) => s !== "")) {
    if (!e || e instanceof Uint8Array) return null;
    e = e[p];
  }
  return e instanceof Uint8Array ? e : null;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

/** A binaryen step over a linked program or module (the guard, Asyncify): its bytes in, the new bytes out. */
function transform(req: ToolRequest, step: (bytes: Uint8Array) => Uint8Array): ToolResult {
  const enc = new TextEncoder();
  const input = req.files[req.args[0]];
  try {
    if (!input) throw new Error(`${req.args[0]}: No such file or directory`);
    return { id: req.id, code: 0, stdout: new Uint8Array(), stderr: new Uint8Array(), files: { [req.outputs[0]]: step(input) } };
  } catch (e) {
    return { id: req.id, code: 1, stdout: new Uint8Array(), stderr: enc.encode(`${req.tool}: error: ${(e as Error).message}\n`), files: {} };
  }
}

async function run(req: ToolRequest): Promise<ToolResult> {
  if (req.tool === "wasm-guard") return transform(req, guardWasm);
  if (req.tool === "wasm-kmod") return transform(req, (b) => finishModule(b, C_SLEEPING_CALLS));
  const m = await load();
  const out: Uint8Array[] = [], err: Uint8Array[] = [];
  const opts = {
    stdout: (b: Uint8Array | null) => { if (b) out.push(new Uint8Array(b)); },
    stderr: (b: Uint8Array | null) => { if (b) err.push(new Uint8Array(b)); },
    decodeASCII: false, fetchProgress: () => {},
  };
  let code = 0, tree: Tree;
  try {
    const argv = [req.tool, ...req.args];
    const tool = req.tool === "clang" ? (m as unknown as { runClang: typeof m.runLLVM }).runClang : m.runLLVM; // runClang is exported, not declared
    tree = (await tool(argv, treeOf(req.files), opts)) as Tree;
  } catch (e) {
    if (!(e instanceof m.Exit)) throw e;
    code = e.code;
    tree = e.files as Tree;
  }
  const files: Record<string, Uint8Array> = {};
  for (const p of req.outputs) {
    const data = lookup(tree, p);
    if (data) files[p] = data;
  }
  return { id: req.id, code, stdout: concat(out), stderr: concat(err), files };
}

let queue: Promise<void> = Promise.resolve();

function serve(port: MessagePort): void {
  port.on("message", (req: ToolRequest) => {
    queue = queue.then(() => run(req)).then(
      (r) => port.postMessage(r, [r.stdout.buffer, r.stderr.buffer] as ArrayBuffer[]),
      // A tool that traps (not an exit status: a bug or exhausted memory) fails this request
      // only; the modules stay loaded for the next.
      (e: unknown) => port.postMessage({ id: req.id, code: -1, stdout: new Uint8Array(), stderr: new Uint8Array(), files: {}, crash: String((e as Error)?.message ?? e) }),
    );
  });
}

parentPort!.on("message", (m: { port?: MessagePort; warm?: boolean }) => {
  if (m.port) serve(m.port);
  if (m.warm) void load();
});
