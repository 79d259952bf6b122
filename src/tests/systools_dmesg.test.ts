// dmesg: the kernel log through syslog(2), with and without timestamps, filtered by level and
// by time (--since, --until), and cleared by root only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

test("dmesg prints, filters and clears the kernel log", async () => {
  const m = await boot();
  try {
    const log = (await m.spawn(["/bin/dmesg"])).stdout.split("\n");
    assert.match(log[0], /^\[ {4}0\.\d{6}\] Linux version 6\.6\.0-typix \(typix@typix\) .*$/);
    assert.ok(log.filter(Boolean).every((l) => /^\[ *\d+\.\d{6}\] /.test(l)));
    const plain = (await m.spawn(["/bin/dmesg", "-t"])).stdout.split("\n");
    assert.match(plain[0], /^Linux version 6\.6\.0-typix /);
    // The banner is /proc/version's line.
    assert.equal(plain[0] + "\n", (await m.run("cat /proc/version")).stdout);
    assert.equal(plain.length, log.length);

    assert.equal((await m.run("echo '<3>typix: disk on fire' > /dev/kmsg", { user: "root" })).status, 0);
    assert.equal((await m.run("echo '<4>typix: disk warm' > /dev/kmsg", { user: "root" })).status, 0);
    assert.match((await m.spawn(["/bin/dmesg", "-l", "err"])).stdout, /^\[ *\d+\.\d{6}\] typix: disk on fire\n$/);
    assert.equal((await m.spawn(["/bin/dmesg", "-t", "-l", "err,warn"])).stdout, "typix: disk on fire\ntypix: disk warm\n");
    assert.equal((await m.spawn(["/bin/dmesg", "-l", "bogus"])).stderr, "dmesg: unknown level 'bogus'\n");

    const denied = await m.spawn(["/bin/dmesg", "-C"]);
    assert.equal(denied.stderr, "dmesg: klogctl failed: Operation not permitted\n");
    assert.equal(denied.status, 1);
    assert.ok((await m.spawn(["/bin/dmesg"])).stdout.includes("disk on fire"));
    assert.equal((await m.spawn(["/bin/dmesg", "-C"], { user: "root" })).status, 0);
    assert.equal((await m.spawn(["/bin/dmesg"])).stdout, "");
  } finally {
    await m.shutdown();
  }
});

test("dmesg --since and --until keep the records of a span of time", async () => {
  const m = await boot();
  try {
    const r = await m.run("echo '<4>typix: before' > /dev/kmsg; sleep 1.1; t=$(date '+%Y-%m-%d %H:%M:%S'); echo '<4>typix: after' > /dev/kmsg;"
      + " dmesg -t --since \"$t\" | grep typix:; echo --; dmesg -t --until \"$t\" | grep typix:", { user: "root" });
    assert.equal(r.stdout, "typix: after\n--\ntypix: before\n");
    assert.match((await m.run("dmesg -t --since '1h ago'")).stdout, /^Linux version 6\.6\.0-typix /);
    assert.equal((await m.run("dmesg --since tomorrow; dmesg --until yesterday")).stdout, "");
    const bad = await m.run("dmesg --since 5min");
    assert.equal(bad.stderr, 'dmesg: invalid time value "5min"\n');
    assert.equal(bad.status, 1);
  } finally {
    await m.shutdown();
  }
});
