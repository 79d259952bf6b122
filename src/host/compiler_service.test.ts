// The machine's compiler Worker: a connection runs clang on the bytes it is handed; a Worker
// that dies mid-compile closes its connections (the driver reports that), and the next
// connection starts a new one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { compilerConnect, compilerKill } from "./compiler_service.js";
import type { ToolRequest, ToolResult } from "./compiler_protocol.js";

function connect(): MessagePort {
  const ch = new MessageChannel();
  compilerConnect(ch.port2);
  return ch.port1;
}

function call(p: MessagePort, req: ToolRequest): Promise<ToolResult | "closed"> {
  return new Promise((resolve) => {
    p.once("message", resolve);
    p.once("close", () => resolve("closed"));
    p.postMessage(req);
  });
}

const src = (text: string) => ({ "/w/a.c": new TextEncoder().encode(text) });
const args = ["--target=wasm32-unknown-unknown", "-working-directory=/w", "-c", "a.c", "-o", "/w/a.o"];

test("compiles through a port, reports a death, and starts again", { timeout: 120000 }, async () => {
  let p = connect();
  let r = await call(p, { id: 1, tool: "clang", args, files: src("int f(void) { return 1; }\n"), outputs: ["/w/a.o"] });
  assert.notEqual(r, "closed");
  assert.equal((r as ToolResult).code, 0);
  assert.deepEqual([...(r as ToolResult).files["/w/a.o"].subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
  r = await call(p, { id: 2, tool: "clang", args, files: src("int f(void) { return x; }\n"), outputs: ["/w/a.o"] });
  assert.equal((r as ToolResult).code, 1);
  assert.match(new TextDecoder().decode((r as ToolResult).stderr), /^a\.c:1:22: error: use of undeclared identifier 'x'\n/);
  const pending = call(p, { id: 3, tool: "clang", args, files: src("int f(void) { return 1; }\n"), outputs: ["/w/a.o"] });
  compilerKill();
  assert.equal(await pending, "closed");
  p = connect();
  r = await call(p, { id: 4, tool: "clang", args, files: src("int g(void) { return 2; }\n"), outputs: ["/w/a.o"] });
  assert.equal((r as ToolResult).code, 0);
  p.close();
  compilerKill();
});
