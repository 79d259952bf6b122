// Signal handlers in a user program: delivery on return from a call, EINTR, SA_RESTART,
// blocking and ignoring.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine, runProgram } from "./harness.js";

test("handlers run, interrupt sleeps, restart reads, wait while blocked", async () => {
  await withMachine(async (m) => {
    const r = await runProgram(m, "signals");
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, [
      "handler 10", "after raise",
      "alarm", "nanosleep=-1 Interrupted system call",
      "alarm restart", 'read=5 "late\\n"',
      "blocked, still pending", "usr2", "after unblock",
      "SIGTERM ignored", "",
    ].join("\n"));
    assert.equal(r.status, 0);
  });
});
