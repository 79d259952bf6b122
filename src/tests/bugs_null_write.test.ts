// The bugs/null-write example as its README tells it: make, sudo insmod null-write.ko &&
// ./trigger, the oops in dmesg, faddr2line naming the line; through a booted machine and the
// typix command.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { boot } from "../index.js";
import { ROOT, readExample } from "./examples_support.js";

test("null-write: make, insmod and trigger: Segmentation fault, the oops, taint D; faddr2line finds the line", async () => {
  const m = await boot();
  try {
    const made = await m.run("cp -r /usr/src/examples/bugs/null-write ~/nw && cd ~/nw && make");
    assert.equal(made.status, 0, made.stdout + made.stderr);
    assert.match(made.stdout, /LD \[M\]  \/home\/user\/nw\/null-write\.ko/);
    const r = await m.run("cd ~/nw && sudo insmod null-write.ko && ./trigger");
    assert.equal(r.status, 139);
    assert.match(r.stderr, /Segmentation fault/);
    const log = (await m.run("dmesg -t")).stdout;
    assert.match(log, /BUG: kernel NULL pointer dereference, address: 0000000000000000\n#PF: supervisor write access in kernel mode\n#PF: error_code\(0x0002\) - not-present page\nPGD 0 P4D 0 \nOops: 0002 \[#1\] PREEMPT SMP\nCPU: 0 PID: \d+ Comm: trigger Tainted: G           O       6\.6\.0-typix #1\n/);
    const rip = /RIP: 0010:(null_write_write\+0x[0-9a-f]+\/0x[0-9a-f]+) \[null_write\]/.exec(log);
    assert.ok(rip, log);
    assert.match(log, /Modules linked in: null_write\(O\)\nCR2: 0000000000000000\n---\[ end trace 0000000000000000 \]---/);
    assert.equal((await m.run("cat /proc/sys/kernel/tainted")).stdout, `${4096 + 128}\n`);
    // The machine goes on; the device is closed, so the module can be removed.
    assert.equal((await m.run("echo alive")).stdout, "alive\n");
    assert.equal((await m.run("sudo rmmod null_write")).status, 0);
    // faddr2line turns the RIP into the line the README names.
    const line = readExample("bugs/null-write", "null-write.ts").split("\n").findIndex((l) => l.includes("buffer![i] = tmp[i]")) + 1;
    const f = await m.run(`cd ~/nw && faddr2line null-write.ko ${rip[1]}`);
    assert.equal(f.stdout, `${rip[1]}:\nnull_write_write at null-write.ts:${line}\n`);
    const readme = readExample("bugs/null-write", "README.md");
    assert.ok(readme.includes(`RIP: 0010:${rip[1]} [null_write]`), "README's RIP is the real one");
    assert.ok(readme.includes(`null_write_write at null-write.ts:${line}`));
  } finally {
    await m.shutdown();
  }
});

test("null-write through the typix command", () => {
  const cmd = "cp -r /usr/src/examples/bugs/null-write /tmp/nw && cd /tmp/nw && make >/dev/null 2>&1 && insmod null-write.ko && ./trigger; "
    + "echo status $?; cat /proc/sys/kernel/tainted; dmesg | grep -c 'end trace'; echo alive";
  const r = spawnSync(process.execPath, [join(ROOT, "bin/typix.js"), "-u", "root", "-c", cmd], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
  assert.equal(r.stdout, "status 139\n4224\n1\nalive\n");
  assert.match(r.stderr, /Segmentation fault/);
});
