// kmemleak end to end: what a module allocated and lost is found by a scan while the module is
// loaded (the log line, then /sys/kernel/debug/kmemleak in Linux's format); root only; scan,
// clear and dump=. kmemleak_scan.test.ts has a module's init, kept and dropped pointers, the
// unload rule, the automatic scan and kmemleak=off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { kdbgMachine, logged, stillServes, taint } from "./kdebug_support.js";

const FILE = "/sys/kernel/debug/kmemleak";

test("kmemleak: a lost allocation is reported by a scan while its module is loaded, with comm, hex dump and backtrace", async () => {
  const m = await kdbgMachine();
  try {
    // One lost 100-byte buffer, one kept in the module's variable (freed at exit).
    await m.run("printf leak > /dev/kdbg; printf keep > /dev/kdbg");
    const scan = await logged(m, `echo scan | sudo tee ${FILE} >/dev/null`);
    assert.deepEqual(scan.lines, ["kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"]);
    assert.match((await m.run("cat /proc/modules")).stdout, /^kdbg /m);
    const out = (await m.run(`sudo cat ${FILE}`)).stdout.split("\n");
    assert.match(out[0], /^unreferenced object 0x(ffff888[0-9a-f]{9}) \(size 100\):$/);
    assert.match(out[1], /^ {2}comm "sh", pid \d+, jiffies \d+ \(age \d+\.\d{3}s\)$/);
    assert.deepEqual(out.slice(2, 6), ["  hex dump (first 32 bytes):", `    ${"41 ".repeat(16).trim()}  ${"A".repeat(16)}`,
      `    ${"41 ".repeat(16).trim()}  ${"A".repeat(16)}`, "  backtrace:"]);
    assert.match(out[6], /^ {4}\[<[0-9a-f]{16}>\] kdbg_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/);
    assert.equal(out.filter((x) => x.startsWith("unreferenced object")).length, 1);
    // rmmod finds nothing new: the lost buffer is known, the kept one was freed at exit.
    assert.deepEqual((await logged(m, "sudo rmmod kdbg")).lines, []);
    const after = (await m.run(`sudo cat ${FILE}`)).stdout.split("\n");
    const noAge = (l: string[]) => l.map((x) => x.replace(/\(age [\d.]+s\)/, ""));
    assert.deepEqual(noAge(after), noAge(out)); // named as while the module was there
    // Not for users: debugfs is root's.
    assert.match((await m.run(`cat ${FILE}`)).stderr, /Permission denied/);
    // dump= logs one object; a second scan finds nothing new; clear empties the list.
    const addr = /0x(\w+)/.exec(out[0])![1];
    const dump = await logged(m, `echo dump=0x${addr} | sudo tee ${FILE} >/dev/null`);
    assert.equal(dump.lines[0], `kmemleak: Object 0x${addr} (size 100):`);
    assert.deepEqual((await logged(m, `echo scan | sudo tee ${FILE} >/dev/null`)).lines, []);
    await m.run(`echo clear | sudo tee ${FILE} >/dev/null`);
    assert.equal((await m.run(`sudo cat ${FILE}`)).stdout, "");
    assert.match((await m.run(`echo nonsense | sudo tee ${FILE}`)).stderr, /Invalid argument/);
    assert.equal(await taint(m), 4096); // kmemleak does not taint
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});

test("debugfs: a filesystem type, mounted at /sys/kernel/debug at boot, root only (0700)", async () => {
  const m = await kdbgMachine();
  try {
    assert.match((await m.run("cat /proc/filesystems")).stdout, /^nodev\tdebugfs$/m);
    assert.match((await m.run("cat /proc/mounts")).stdout, /^debugfs \/sys\/kernel\/debug debugfs rw/m);
    assert.match((await m.run("ls -ld /sys/kernel/debug")).stdout, /^drwx------ \d+ root root 0 .* \/sys\/kernel\/debug\n$/);
    assert.match((await m.run("ls /sys/kernel/debug")).stderr, /Permission denied/);
    assert.equal((await m.run("sudo ls /sys/kernel/debug")).stdout, "failslab\nkmemleak\n");
    // Another mount shows the same files.
    const r = await m.run("sudo mkdir /tmp/dbg && sudo mount -t debugfs none /tmp/dbg && sudo ls /tmp/dbg && sudo umount /tmp/dbg");
    assert.deepEqual([r.stdout, r.stderr], ["failslab\nkmemleak\n", ""]);
  } finally {
    await m.shutdown();
  }
});
