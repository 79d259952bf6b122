// Lockups: a task spinning on a spinlock nobody releases is reported by the soft-lockup
// watchdog after 2 × watchdog_thresh seconds, again while it lasts; the rest of the machine
// keeps working and reboot recovers. A kernel thread that stops answering altogether (a module
// looping for ever) is noticed by the host, which prints what was running and resets it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { buildModule } from "../kbuild/build.js";
import { readExample, userExecutable } from "./examples_support.js";
import { log, tainted } from "./oops_support.js";

async function waitFor(what: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function installMissingUnlock(m: Machine): Promise<void> {
  const r = await buildModule({ name: "missing-unlock", source: readExample("bugs/missing-unlock", "missing-unlock.ts") });
  assert.ok(r.ko, r.messages.join("\n"));
  await m.writeFile("/tmp/missing-unlock.ko", r.ko);
  await m.writeFile("/tmp/trigger", userExecutable("bugs/missing-unlock", "trigger"), 0o755);
  assert.equal((await m.run("insmod /tmp/missing-unlock.ko", { user: "root" })).status, 0);
}

test("soft lockup: reported after the threshold, repeated; the task stays, the module stays in use, reboot recovers", async () => {
  const m = await boot({ cmdline: "watchdog_thresh=1" });
  try {
    assert.equal(await m.readTextFile("/proc/sys/kernel/watchdog_thresh"), "1\n");
    await installMissingUnlock(m);
    const p = m.start(["/tmp/trigger"]);
    const pid = await p.pid;
    await waitFor(async () => (await log(m)).includes("soft lockup"), 10000);
    const l = await log(m);
    const lines = l.slice(l.indexOf("watchdog: BUG")).split("\n");
    assert.match(lines[0], new RegExp(`^watchdog: BUG: soft lockup - CPU#0 stuck for [23]s! \\[trigger:${pid}\\]$`));
    assert.equal(lines[1], "Modules linked in: missing_unlock(O)");
    assert.equal(lines[2], `CPU: 0 PID: ${pid} Comm: trigger Tainted: G           O       6.6.0-typix #1`);
    assert.match(lines[3], /^Hardware name: /);
    assert.match(lines[4], /^RIP: 0010:\S+\+0x[0-9a-f]+\/0x[0-9a-f]+$/);
    assert.equal(lines[5], "Call Trace:");
    assert.equal(lines[6], " <TASK>");
    const trace = lines.slice(7, lines.indexOf(" </TASK>"));
    assert.ok(trace.some((f) => /^ missing_unlock_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[missing_unlock\]$/.test(f)), trace.join("\n"));
    assert.ok(trace.some((f) => f.startsWith(" _raw_spin_lock+")), trace.join("\n"));
    assert.match(l, /missing_unlock: write #1 of 4 bytes\n/);
    assert.doesNotMatch(l, /write #2/);
    // Tainted L (soft lockup) besides O.
    assert.equal(await tainted(m), 4096 + 16384);
    // Everything else works; the task is there; the module is in use.
    assert.equal((await m.run("echo still here")).stdout, "still here\n");
    assert.match((await m.run("ps -e")).stdout, new RegExp(`^\\s*${pid} \\S+\\s+\\S+ trigger$`, "m"));
    assert.match(await m.readTextFile("/proc/modules"), /^missing_unlock \d+ 1 - Live /m);
    assert.match((await m.run("rmmod missing_unlock", { user: "root" })).stderr, /rmmod: ERROR: Module missing_unlock is in use/);
    // It is reported again, with a longer time.
    await waitFor(async () => ((await log(m)).match(/soft lockup/g) ?? []).length >= 2, 10000);
    const again = [...(await log(m)).matchAll(/stuck for (\d+)s!/g)].map((x) => Number(x[1]));
    assert.ok(again[1] > again[0], String(again));
    assert.match(await log(m), /CPU: 0 PID: \d+ Comm: trigger Tainted: G           O L     6\.6\.0-typix #1/);
    // reboot recovers.
    const power = new Promise<string>((r) => m.onPower(r));
    await m.run("sudo reboot").catch(() => {});
    assert.equal(await power, "reboot");
    assert.equal((await m.run("echo up; cat /proc/sys/kernel/tainted")).stdout, "up\n0\n");
  } finally {
    await m.shutdown();
  }
});

test("kernel.watchdog_thresh: 10 by default, 0 to 60, settable by root", async () => {
  const m = await boot();
  try {
    assert.equal(await m.readTextFile("/proc/sys/kernel/watchdog_thresh"), "10\n");
    const bad = await m.run("/bin/echo 61 > /proc/sys/kernel/watchdog_thresh", { user: "root" });
    assert.notEqual(bad.status, 0);
    assert.equal(await m.readTextFile("/proc/sys/kernel/watchdog_thresh"), "10\n");
    assert.equal((await m.run("echo 3 > /proc/sys/kernel/watchdog_thresh", { user: "root" })).status, 0);
    assert.equal(await m.readTextFile("/proc/sys/kernel/watchdog_thresh"), "3\n");
  } finally {
    await m.shutdown();
  }
});

test("a module looping for ever stops the kernel thread: the host reports what ran and resets the machine", async () => {
  const src = `import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from "linux/miscdevice";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE } from "linux/module";
let spins = 0;
function loop_write(_f: unknown, _b: number, count: number): number {
  for (;;) spins++;
  return count;
}
const dev: miscdevice = { minor: MISC_DYNAMIC_MINOR, name: "loop", mode: 0o666, fops: { owner: THIS_MODULE, write: loop_write } };
module_init(() => misc_register(dev));
module_exit(() => { misc_deregister(dev); });
MODULE_LICENSE("GPL");
`;
  const r = await buildModule({ name: "loop", source: src });
  assert.ok(r.ko, r.messages.join("\n"));
  const m = await boot({ cmdline: "watchdog_thresh=1" });
  try {
    let out = "";
    m.onConsoleOutput((d) => { out += new TextDecoder().decode(d); });
    await m.writeFile("/tmp/loop.ko", r.ko);
    assert.equal((await m.run("insmod /tmp/loop.ko", { user: "root" })).status, 0);
    const power = new Promise<string>((res) => m.onPower(res));
    const stuck = m.run("/bin/echo x > /dev/loop");
    assert.equal(await power, "reboot");
    // The run resolves: killed, with the report; the log of the boot that locked up is kept.
    const res = await stuck;
    assert.equal(res.status, 137);
    assert.match(res.lockup!.join("\n"), /^watchdog: BUG: soft lockup - CPU#0 stuck for [23]s! \[echo:\d+\]\nModules linked in: loop\(O\)\n/);
    const before = await m.dmesg({ previous: true });
    assert.match(before, /^\[ {4}0\.\d{6}\] Linux version 6\.6\.0-typix /);
    assert.match(before, /\] loop: loading out-of-tree module taints kernel\.\n[^]*watchdog: BUG: soft lockup - CPU#0 stuck for [23]s! \[echo:\d+\]\n/);
    assert.doesNotMatch(await m.dmesg(), /loop: loading/);
    assert.match(out, /watchdog: BUG: soft lockup - CPU#0 stuck for [23]s! \[echo:\d+\]\r\nModules linked in: loop\(O\)\r\nCPU: 0 PID: \d+ Comm: echo Tainted: G           O       6\.6\.0-typix #1\r\n/);
    assert.equal((await m.run("echo up")).stdout, "up\n");
  } finally {
    await m.shutdown();
  }
});

test("a module whose init loops for ever: insmod is reported stuck with the module linked in and its taint", async () => {
  const r = await buildModule({ name: "spinner", source: `import { module_init, MODULE_LICENSE } from "linux/module";
module_init(() => { for (;;) {} });
MODULE_LICENSE("GPL");
` });
  assert.ok(r.ko, r.messages.join("\n"));
  const m = await boot({ cmdline: "watchdog_thresh=1" });
  try {
    await m.writeFile("/tmp/spinner.ko", r.ko);
    const res = await m.run("sudo insmod /tmp/spinner.ko");
    assert.equal(res.status, 137);
    assert.match(res.lockup!.join("\n"), /^watchdog: BUG: soft lockup - CPU#0 stuck for [23]s! \[insmod:\d+\]\nModules linked in: spinner\(O\)\nCPU: 0 PID: \d+ Comm: insmod Tainted: G           O       6\.6\.0-typix #1\n/);
    assert.equal((await m.run("lsmod | grep -c spinner")).stdout, "0\n");
  } finally {
    await m.shutdown();
  }
});
