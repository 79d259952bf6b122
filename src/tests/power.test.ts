// reboot(2) restarts the machine on a fresh kernel; poweroff stops it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

test("sudo reboot restarts the machine: a new boot, and the machine answers again", async () => {
  const m = await boot();
  try {
    const events: string[] = [];
    const rebooted = new Promise<void>((r) => m.onPower((e) => { events.push(e); r(); }));
    await m.run("echo before > /tmp/mark");
    await m.run("sudo reboot").catch(() => {});
    await rebooted;
    assert.deepEqual(events, ["reboot"]);
    const r = await m.run("cat /proc/uptime; echo up");
    assert.match(r.stdout, /up\n$/);
    assert.match(await m.dmesg(), /Linux version/);
  } finally {
    await m.shutdown();
  }
});

test("poweroff as an ordinary user is refused; as root it stops the machine", async () => {
  const m = await boot();
  try {
    const refused = await m.run("/sbin/poweroff");
    assert.notEqual(refused.status, 0);
    const off = new Promise<string>((r) => m.onPower(r));
    await m.run("/sbin/poweroff", { user: "root" }).catch(() => {});
    assert.equal(await off, "poweroff");
    await assert.rejects(m.run("echo hi"), /stopped|powered off/);
  } finally {
    await m.shutdown();
  }
});

test("during a reboot: a run waits for the new kernel, and shutdown never throws", async () => {
  const m = await boot();
  try {
    const rebooted = new Promise<string>((r) => m.onPower(r));
    await m.run("sudo reboot").catch(() => {});
    // Asked while the next kernel is starting: answered by it.
    const r = await m.run("echo again");
    assert.equal(r.stdout, "again\n");
    assert.equal(await rebooted, "reboot");
    m.consoleInput("x");
    m.resizeConsole(80, 24);
    // A second reboot, and a shutdown while it is under way.
    await m.run("sudo reboot").catch(() => {});
    await m.shutdown();
    await assert.rejects(m.run("echo hi"), /stopped/);
    await assert.rejects(m.dmesg(), /stopped/);
  } finally {
    await m.shutdown();
  }
});
