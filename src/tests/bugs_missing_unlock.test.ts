// The bugs/missing-unlock example as its README tells it: make, sudo insmod
// missing-unlock.ko && ./trigger; the second write spins and the watchdog reports the soft
// lockup; everything else works; reboot recovers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";
import { readExample } from "./examples_support.js";

test("missing-unlock: make, insmod and trigger: a soft lockup naming trigger and the driver's write", async () => {
  const m = await boot({ cmdline: "watchdog_thresh=1" });
  try {
    const made = await m.run("cp -r /usr/src/examples/bugs/missing-unlock ~/mu && cd ~/mu && make");
    assert.equal(made.status, 0, made.stdout + made.stderr);
    const p = m.start(["/bin/sh", "-c", "cd ~/mu && sudo insmod missing-unlock.ko && exec ./trigger"]);
    p.done.catch(() => {});
    const end = Date.now() + 15000;
    let log = "";
    while (!/soft lockup/.test(log)) {
      assert.ok(Date.now() < end, "no soft lockup report:\n" + log);
      await new Promise((r) => setTimeout(r, 200));
      log = (await m.run("dmesg -t")).stdout;
    }
    assert.match(log, /missing_unlock: write #1 of 4 bytes\n/);
    assert.match(log, /watchdog: BUG: soft lockup - CPU#0 stuck for [23]s! \[trigger:\d+\]\nModules linked in: missing_unlock\(O\)\nCPU: 0 PID: \d+ Comm: trigger /);
    assert.match(log, /\n missing_unlock_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[missing_unlock\]\n/);
    assert.match((await m.run("ps -e")).stdout, / trigger\n/);
    assert.equal((await m.run("echo alive")).stdout, "alive\n");
    assert.equal(Number((await m.run("cat /proc/sys/kernel/tainted")).stdout) & 16384, 16384);
    assert.ok(readExample("bugs/missing-unlock", "README.md").includes("soft lockup - CPU#0 stuck for 22s! [trigger:"));
    const power = new Promise<string>((r) => m.onPower(r));
    await m.run("sudo reboot").catch(() => {});
    assert.equal(await power, "reboot");
    assert.equal((await m.run("echo up")).stdout, "up\n");
  } finally {
    await m.shutdown();
  }
});
