// A user program in a Worker starts other programs: posix_spawn, and vfork + execve, where the
// child borrows the parent's Worker until it execs or exits.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine, runProgram } from "./harness.js";

test("posix_spawn and vfork + execve from a user program", async () => {
  await withMachine(async (m) => {
    const r = await runProgram(m, "spawner");
    assert.equal(r.stderr, "");
    assert.equal(r.stdout,
      'spawn err=0 reaped=true exited=true status=0 file="from spawn\\n"\n' +
      "vfork child-pid-differs=true status=7\n" +
      "failed exec status=127 parent-pid=true\n");
    assert.equal(r.status, 0);
  });
});
