// The README's grading example works as written: a right submission passes, a wrong one fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

async function grade(submission: string): Promise<void> {
  const m = await boot();
  try {
    await m.writeFile("/home/user/count.sh", submission, 0o755);
    const r = await m.run("printf 'ok\\nerror 1\\nerror 2\\n' | ./count.sh", { cwd: "/home/user" });
    assert.equal(r.stdout.trim(), "2");
    assert.equal(r.status, 0);
    const missing = await m.run("./count.sh < /nonexistent", { cwd: "/home/user" });
    assert.notEqual(missing.status, 0);
  } finally {
    await m.shutdown();
  }
}

test("the README's grader accepts a right answer and rejects a wrong one", async () => {
  await grade("#!/bin/sh\ngrep -c error\n");
  await assert.rejects(grade("#!/bin/sh\necho 3\n"));
});
