// The library boots a machine and runs programs in it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

test("boot runs a system program and reports its output and status", async () => {
  const m = await boot();
  try {
    const r = await m.spawn(["/bin/echo", "hello", "world"]);
    assert.equal(r.stdout, "hello world\n");
    assert.equal(r.status, 0);
    assert.equal((await m.spawn(["/bin/false"])).status, 1);
    const missing = await m.spawn(["/bin/nosuch"]);
    assert.equal(missing.status, 127);
    assert.match(await m.dmesg(), /^\[ {4}0\.\d{6}\] Linux version 6\.6\.0-typix/);
  } finally {
    await m.shutdown();
  }
});
