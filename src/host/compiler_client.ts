// The C driver's way to the machine's compiler, provided to user programs as the host library
// "llvm" (host/user_runtime.ts's HOST_LIBRARIES; its declaration for the driver is
// usr/toolchain/llvm.d.ts). On the first call it makes a MessageChannel and posts one end to the
// kernel thread, which hands it to the compiler Worker (host/compiler_service.ts); requests then
// go straight to that Worker and back. Only bytes cross: the driver reads and writes every file
// through the guest's system calls. If the compiler Worker dies, the pending call gets a result
// with `crash` set, and the next call connects again (which starts a new compiler Worker).
import { MessageChannel, parentPort, type MessagePort } from "node:worker_threads";
import type * as Llvm from "llvm";
import type { ToolName, ToolRequest, ToolResult } from "./compiler_protocol.js";

let port: MessagePort | null = null;
let nextId = 1;
const pending = new Map<number, (r: ToolResult) => void>();

function connect(): MessagePort {
  if (port) return port;
  const ch = new MessageChannel();
  const p = ch.port1;
  p.on("message", (r: ToolResult) => {
    pending.get(r.id)?.(r);
    pending.delete(r.id);
    if (pending.size === 0) p.unref();
  });
  p.on("close", () => {
    if (port === p) port = null;
    for (const [id, done] of pending) done({ id, code: -1, stdout: new Uint8Array(), stderr: new Uint8Array(), files: {}, crash: "the compiler's Worker died" });
    pending.clear();
  });
  parentPort!.postMessage({ type: "compiler-connect", port: ch.port2 }, [ch.port2]);
  return (port = p);
}

/** Run clang, wasm-ld or ar on the given files in the compiler Worker. */
export function runTool(tool: ToolName, args: string[], files: Record<string, Uint8Array>, outputs: string[]): Promise<ToolResult> {
  const p = connect();
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    p.ref();
    p.postMessage({ id, tool, args, files, outputs } satisfies ToolRequest);
  });
}

// The declaration the driver compiles against is this module's.
const _declared: typeof Llvm.runTool = runTool;
void _declared;
