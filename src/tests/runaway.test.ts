// A user program stuck in a loop that makes no system call is ended by SIGKILL or SIGINT,
// and the rest of the machine keeps answering meanwhile.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine, startSpinning } from "./harness.js";

for (const [name, sig] of [["SIGKILL", 9], ["SIGINT", 2]] as const) {
  test(`a program spinning in while(true) is ended by ${name}`, async () => {
    await withMachine(async (m) => {
      const p = await startSpinning(m);
      await new Promise((r) => setTimeout(r, 50));
      const other = await m.spawn(["/bin/echo", "still", "here"]);
      assert.equal(other.stdout, "still here\n");
      await p.kill(sig);
      const r = await p.done;
      assert.equal(r.stdout, "spinning\n");
      assert.equal(r.waitStatus & 0x7f, sig);
      assert.equal(r.status, 128 + sig);
    });
  });
}
