// What a grader uses: the README's script grader (a right submission passes, a wrong one fails),
// host file reads and writes, run's timeout and output limit, log cursors, snapshots.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot, readSnapshot, writeSnapshot } from "../index.js";

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

test("the host reads and writes guest files as a process would: a module's /proc file, big files, errors", async () => {
  const m = await boot();
  try {
    assert.equal((await m.run("sudo insmod /lib/modules/$(uname -r)/extra/hwkm.ko")).status, 0);
    // The module's proc_read copies to a user buffer, as for cat.
    assert.equal(await m.readTextFile("/proc/hwkm"), (await m.run("cat /proc/hwkm")).stdout);
    assert.equal(await m.readTextFile("/proc/hwkm"), "Hello World From Kernel Module!\n");
    const big = new Uint8Array(200_000).map((_, i) => i & 0xff);
    await m.writeFile("/tmp/big", big);
    assert.deepEqual(await m.readFile("/tmp/big"), big);
    assert.equal((await m.run("wc -c < /tmp/big")).stdout, "200000\n");
    await assert.rejects(m.readFile("/nonexistent"), /\/nonexistent: No such file or directory/);
    await assert.rejects(m.writeFile("/proc/hwkm", "x"), /\/proc\/hwkm: Input\/output error/);
  } finally {
    await m.shutdown();
  }
});

test("writeFile places a file as the student owns it, creating directories; run's timeout and output limit", async () => {
  const m = await boot();
  try {
    await m.writeFile("/home/user/hw/src/main.sh", "echo hi\n", { mode: 0o755, uid: "user", gid: "user", mkdir: true });
    assert.equal((await m.run("stat -c '%A %U %G %n' hw hw/src hw/src/main.sh")).stdout,
      "drwxr-xr-x user user hw\ndrwxr-xr-x user user hw/src\n-rwxr-xr-x user user hw/src/main.sh\n");
    assert.equal((await m.run("hw/src/main.sh")).stdout, "hi\n");
    await m.writeFile("/home/user/hw/src/main.sh", "echo again\n", { mode: 0o700 });
    assert.equal((await m.run("stat -c '%A %U' hw/src/main.sh")).stdout, "-rwx------ user\n"); // an existing file keeps its owner
    await assert.rejects(m.writeFile("/nonexistent/dir/f", "x"), /\/nonexistent\/dir\/f: No such file or directory/);

    // A program that never ends is killed with its children at the timeout, as SIGKILL.
    const slow = await m.run("echo started; sleep 100; echo never", { timeout: 300 });
    assert.equal(slow.stdout, "started\n");
    assert.equal(slow.status, 137);
    assert.equal(slow.timedOut, true);
    assert.doesNotMatch((await m.run("ps -e -o comm")).stdout, /sleep/);
    // Output past the limit is dropped.
    const loud = await m.run("yes", { timeout: 500, outputLimit: 1000 });
    assert.equal(loud.stdout, "y\n".repeat(500));
    assert.equal(loud.truncated, true);
    const quiet = await m.run("echo ok", { timeout: 5000 });
    assert.equal(quiet.timedOut, undefined);
    assert.equal(quiet.truncated, undefined);
  } finally {
    await m.shutdown();
  }
});

test("dmesg({ since }) prints what was logged after a cursor; a cursor of an earlier boot gives the whole log", async () => {
  const m = await boot();
  try {
    const mark = await m.logCursor();
    assert.equal(await m.dmesg({ since: mark }), "");
    assert.equal((await m.run("sudo insmod /lib/modules/$(uname -r)/extra/hwkm.ko")).status, 0);
    assert.match(await m.dmesg({ since: mark }), /^\[ *\d+\.\d{6}\] hwkm: loading out-of-tree module taints kernel\.\n\[ *\d+\.\d{6}\] Hello World module is loaded\.\n$/);
    const later = await m.logCursor();
    assert.equal(await m.dmesg({ since: later }), "");
    await assert.rejects(m.dmesg({ since: "bogus" }), /not a log cursor/);
    const rebooted = new Promise((r) => m.onPower(r));
    await m.run("sudo reboot").catch(() => {});
    await rebooted;
    assert.match(await m.dmesg({ since: later }), /^\[ {4}0\.\d{6}\] Linux version 6\.6\.0-typix /);
  } finally {
    await m.shutdown();
  }
});

test("a snapshot keeps the files, the built modules and the log; machines from it are fresh and independent", async () => {
  const base = await boot();
  const dir = mkdtempSync(join(tmpdir(), "typix-snap-"));
  try {
    await base.writeFile("/home/user/hw/answer.txt", "42\n", { mode: 0o640, uid: "user", gid: "user", mkdir: true });
    assert.equal((await base.run("cp -r /usr/src/examples/hwkm ~/hw/mod && cd ~/hw/mod && make && sudo insmod hwkm.ko")).status, 0);
    const snap = await base.snapshot();
    await base.writeFile("/home/user/hw/after.txt", "too late\n");
    await base.shutdown();

    const a = await boot({ from: snap });
    const b = await boot({ from: snap });
    try {
      assert.equal((await a.run("stat -c '%A %U %G' hw/answer.txt; cat hw/answer.txt; ls hw")).stdout, "-rw-r----- user user\n42\nanswer.txt\nmod\n");
      // A saved disk image: the module is there to load again, not loaded.
      assert.equal((await a.run("lsmod | grep -c hwkm")).stdout, "0\n");
      assert.match(await a.dmesg({ previous: true }), /\] Hello World module is loaded\.\n$/);
      assert.doesNotMatch(await a.dmesg(), /Hello World/);
      assert.equal((await a.run("sudo insmod hw/mod/hwkm.ko && cat /proc/hwkm")).stdout, "Hello World From Kernel Module!\n");
      await a.writeFile("/home/user/hw/answer.txt", "changed\n");
      assert.equal(await b.readTextFile("/home/user/hw/answer.txt"), "42\n");
    } finally {
      await a.shutdown();
      await b.shutdown();
    }

    // As a file: what a course ships.
    const file = join(dir, "prepared.snap");
    writeSnapshot(file, snap);
    const c = await boot({ from: readSnapshot(file), keepWarm: false });
    try {
      assert.equal(await c.readTextFile("/home/user/hw/answer.txt"), "42\n");
      assert.match(await c.dmesg({ previous: true }), /Hello World module is loaded/);
    } finally {
      await c.shutdown();
    }
    writeFileSync(join(dir, "junk"), "hello\n");
    assert.throws(() => readSnapshot(join(dir, "junk")), /^Error: typix: .*junk: not a Typix snapshot$/);
    writeFileSync(join(dir, "cut"), readFileSync(file).subarray(0, 100_000));
    assert.throws(() => readSnapshot(join(dir, "cut")), /cut: truncated or damaged Typix snapshot$/);
    assert.throws(() => readSnapshot(join(dir, "none")), /none: No such file or directory$/);
  } finally {
    await base.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("boot({ keepWarm: true }) hands out machines booted ahead, each fresh", async () => {
  const first = await boot({ keepWarm: true });
  await first.writeFile("/tmp/mark", "first\n");
  await first.shutdown();
  const second = await boot({ keepWarm: true });
  try {
    assert.equal((await second.run("cat /tmp/mark; echo $?")).stdout, "1\n");
    assert.match(await second.readTextFile("/proc/version"), /^Linux version 6\.6\.0-typix /);
  } finally {
    await second.shutdown();
  }
});
