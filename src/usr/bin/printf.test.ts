// printf(1) in a running machine: GNU coreutils' output and messages, through libc's engine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../../index.js";

test("printf formats, reuses the format, and reports bad numbers as coreutils does", async () => {
  const m = await boot();
  try {
    let r = await m.spawn(["/bin/printf", "%s=%d|%5.2f|%-4s|%x\\n", "a", "42", "3.14159", "b", "255"]);
    assert.equal(r.stdout, "a=42| 3.14|b   |ff\n");
    assert.equal(r.status, 0);
    r = await m.spawn(["/bin/printf", "%s-%s\\n", "1", "2", "3"]);
    assert.equal(r.stdout, "1-2\n3-\n");
    r = await m.spawn(["/bin/printf", "%d %d %c %b\\n", "'A", "0x10", "xyz", "t\\tu"]);
    assert.equal(r.stdout, "65 16 x t\tu\n");
    r = await m.spawn(["/bin/printf", "%d\\n", "abc"]);
    assert.equal(r.stdout, "0\n");
    assert.equal(r.stderr, "printf: 'abc': expected a numeric value\n");
    assert.equal(r.status, 1);
    r = await m.spawn(["/bin/printf"]);
    assert.equal(r.stderr, "printf: missing operand\nTry 'printf --help' for more information.\n");
    assert.equal(r.status, 1);
    r = await m.spawn(["/bin/printf", "a\\cb"]);
    assert.equal(r.stdout, "a");
  } finally {
    await m.shutdown();
  }
});
