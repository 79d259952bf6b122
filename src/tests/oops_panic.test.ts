// panic_on_oops: the boot option and the sysctl turn an oops into a panic that halts the machine
// (kernel.panic = 0) or reboots it (panic=N).
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { loadOopsy } from "./oops_support.js";

function consoleText(m: Machine): () => string {
  let out = "";
  m.onConsoleOutput((d) => { out += new TextDecoder().decode(d); });
  return () => out;
}

test("panic_on_oops=1 on the command line: the oops panics and the machine halts", async () => {
  const m = await boot({ cmdline: "panic_on_oops=1" });
  try {
    const text = consoleText(m);
    assert.equal(await m.readTextFile("/proc/sys/kernel/panic_on_oops"), "1\n");
    await loadOopsy(m);
    const power = new Promise<string>((r) => m.onPower(r));
    await m.run("/bin/echo null > /dev/oopsy").catch(() => {});
    assert.equal(await power, "halt");
    assert.match(text(), /Kernel panic - not syncing: Fatal exception/);
    assert.match(text(), /---\[ end Kernel panic - not syncing: Fatal exception \]---/);
    await assert.rejects(m.run("echo hi"), /halted|stopped/);
  } finally {
    await m.shutdown();
  }
});

test("kernel.panic_on_oops set by sysctl, with panic=1: the oops reboots the machine, which answers again", async () => {
  const m = await boot({ cmdline: "panic=1" });
  try {
    assert.equal(await m.readTextFile("/proc/sys/kernel/panic"), "1\n");
    await loadOopsy(m);
    await m.run("echo 1 > /proc/sys/kernel/panic_on_oops", { user: "root" });
    const power = new Promise<string>((r) => m.onPower(r));
    await m.run("/bin/echo null > /dev/oopsy").catch(() => {});
    assert.equal(await power, "reboot");
    const r = await m.run("echo up; cat /proc/sys/kernel/tainted");
    assert.equal(r.stdout, "up\n0\n");
  } finally {
    await m.shutdown();
  }
});
