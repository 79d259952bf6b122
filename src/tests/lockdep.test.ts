// lockdep end to end: recursive locking, a lock held on the way back to user space, sleeping
// with a spinlock held, a bad unlock; one report and lockdep is off, as Linux; a proprietary
// module's taint switches it off ("Disabling lock debugging due to kernel taint").
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildModule } from "../kbuild/build.js";
import { kdbgMachine, logged, logLines, taint, stillServes, lineIndex } from "./kdebug_support.js";

const MUTEX = /^ffffffffc1a[0-9a-f]{5} \(kdbg_mutex\)\{\+\.\+\.\}-\{3:3\}, at: mutex_twice\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/;
const LOCK = /^ffffffffc1a[0-9a-f]{5} \(&kdbg_lock\)\{\+\.\+\.\}-\{2:2\}, at: kdbg_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/;

test("lockdep: possible recursive locking detected, then lockdep is off", async () => {
  const m = await kdbgMachine();
  try {
    // The second mutex_lock sleeps for ever (the task waits for itself): run it aside.
    const before = (await logLines(m)).length;
    await m.run("printf mutex-twice > /dev/kdbg 2>/dev/null </dev/null &");
    let l: string[] = [];
    for (let i = 0; i < 200 && !l.some((x) => x.startsWith(" mutex_twice")); i++) {
      await new Promise((r) => setTimeout(r, 10));
      l = (await logLines(m)).slice(before);
    }
    const i = lineIndex(l, /^WARNING: possible recursive locking detected$/);
    assert.equal(l[i - 1], "=".repeat(44));
    assert.match(l[i + 1], /^6\.6\.0-typix #1 Tainted: G {11}O/);
    assert.equal(l[i + 2], "-".repeat(44));
    assert.match(l[i + 3], /^sh\/\d+ is trying to acquire lock:$/);
    assert.match(l[i + 4], MUTEX);
    assert.deepEqual([l[i + 5], l[i + 6]], ["", "but task is already holding lock:"]);
    assert.match(l[i + 7], MUTEX);
    const s = lineIndex(l, /^ Possible unsafe locking scenario:$/);
    assert.deepEqual(l.slice(s + 1, s + 11), ["", "       CPU0", "       ----", "  lock(kdbg_mutex);", "  lock(kdbg_mutex);", "",
      " *** DEADLOCK ***", "", " May be due to missing lock nesting notation", ""]);
    assert.match(l[s + 11], /^1 lock held by sh\/\d+:$/);
    assert.match(l[s + 12], /^ #0: /);
    lineIndex(l, /^stack backtrace:$/);
    lineIndex(l, /^ mutex_twice\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/);
    // Lockdep does not taint; after its report it is off.
    assert.equal(await taint(m), 4096);
    const after = await logged(m, "printf bad-unlock > /dev/kdbg");
    assert.equal(after.lines.some((x) => x.startsWith("WARNING:")), false, after.lines.join("\n"));
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});

test("lockdep: a lock held when returning to user space", async () => {
  const m = await kdbgMachine();
  try {
    const r = await logged(m, "printf spin-held > /dev/kdbg; echo $?");
    assert.equal(r.stdout, "0\n");
    const l = r.lines;
    const i = lineIndex(l, /^WARNING: lock held when returning to user space!$/);
    assert.equal(l[i - 1], "=".repeat(48));
    assert.equal(l[i + 2], "-".repeat(48));
    assert.match(l[i + 3], /^sh\/\d+ is leaving the kernel with locks still held!$/);
    assert.match(l[i + 4], /^1 lock held by sh\/\d+:$/);
    assert.match(l[i + 5].replace(/^ #0: /, ""), LOCK);
    assert.equal(await taint(m), 4096);
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});

test("sleeping function called from invalid context: a mutex under a spinlock; taint W", async () => {
  const m = await kdbgMachine();
  try {
    const r = await logged(m, "printf sleep-atomic > /dev/kdbg; echo $?");
    assert.equal(r.stdout, "0\n");
    const l = r.lines;
    const i = lineIndex(l, /^BUG: sleeping function called from invalid context at kernel\/locking\/mutex\.c:580$/);
    assert.match(l[i + 1], /^in_atomic\(\): 1, irqs_disabled\(\): 0, non_block: 0, pid: \d+, name: sh$/);
    assert.deepEqual(l.slice(i + 2, i + 4), ["preempt_count: 1, expected: 0", "RCU nest depth: 0, expected: 0"]);
    assert.match(l[i + 4], /^1 lock held by sh\/\d+:$/);
    assert.equal(l[i + 6], "Preemption disabled at:");
    assert.match(l[i + 7], /^\[<[0-9a-f]{16}>\] sleep_atomic\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/);
    assert.match(l[i + 8], /^CPU: 0 PID: \d+ Comm: sh Tainted: G {11}O/);
    lineIndex(l, /^ sleep_atomic\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/);
    assert.equal(await taint(m), 4096 | 512);
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});

test("lockdep: bad unlock balance (a mutex that is not held)", async () => {
  const m = await kdbgMachine();
  try {
    const r = await logged(m, "printf bad-unlock > /dev/kdbg; echo $?");
    const l = r.lines;
    const i = lineIndex(l, /^WARNING: bad unlock balance detected!$/);
    assert.equal(l[i - 1], "=".repeat(37));
    assert.match(l[i + 3], /^sh\/\d+ is trying to release lock \(kdbg_mutex\) at:$/);
    assert.match(l[i + 4], /^\[<[0-9a-f]{16}>\] kdbg_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/);
    assert.deepEqual(l.slice(i + 5, i + 8), ["but there are no more locks to release!", "", "other info that might help us debug this:"]);
    assert.match(l[i + 8], /^no locks held by sh\/\d+\.$/);
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});

test("lockdep is off after a proprietary module taints the kernel (P)", async () => {
  const m = await kdbgMachine();
  try {
    const prop = await buildModule({ name: "prop", source: `import { module_init, module_exit, MODULE_LICENSE } from "linux/module";\nmodule_init(() => 0);\nmodule_exit(() => {});\nMODULE_LICENSE("Proprietary");\n` });
    await m.writeFile("/tmp/prop.ko", prop.ko!);
    const load = await logged(m, "sudo insmod /tmp/prop.ko");
    assert.deepEqual(load.lines, ["prop: module license 'Proprietary' taints kernel.", "Disabling lock debugging due to kernel taint"]);
    assert.equal(await taint(m), 4096 | 1);
    const r = await logged(m, "printf bad-unlock > /dev/kdbg; printf spin-held > /dev/kdbg");
    assert.equal(r.lines.some((x) => x.startsWith("WARNING:")), false, r.lines.join("\n"));
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});
