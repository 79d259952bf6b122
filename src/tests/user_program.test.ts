// User programs run in their own Worker behind the shared-memory system-call channel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine, runProgram } from "./harness.js";

test("a user program runs in a Worker, writes through libc and exits with its status", async () => {
  await withMachine(async (m) => {
    const r = await runProgram(m, "hello", ["a", "b"]);
    assert.equal(r.stdout, "hello from /usr/local/bin/hello pid>0:true args:a,b\n");
    assert.equal(r.status, 3);
  });
});
