// The lock-bug example bugs/abba as a learner uses it: make inside Typix, insmod, ./trigger
// (a write takes lock_a then lock_b, a read lock_b then lock_a): lockdep's circular locking
// dependency report with both chains and the scenario table; nothing deadlocks, no taint beyond
// O, the machine goes on; and nothing is reported when a proprietary module switched lockdep off.
// The report is the same for the driver in C (abba.c, what make builds) and in TypeScript (abba.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { buildModule } from "../kbuild/build.js";
import { logged, lineIndex, taint, stillServes } from "./kdebug_support.js";
import { readExample } from "./examples_support.js";

/** make in a copy of bugs/abba (abba.c); from abba.ts, abba.ko is then the one built from it. */
async function makeAbba(m: Machine, from: "abba.c" | "abba.ts" = "abba.c"): Promise<void> {
  const r = await m.run("cp -r /usr/src/examples/bugs/abba ~/abba && cd ~/abba && make >/dev/null && ls");
  assert.deepEqual([r.stderr, r.status], ["", 0]);
  for (const f of ["abba.ko", "trigger"]) assert.ok(r.stdout.split("\n").includes(f), r.stdout);
  if (from === "abba.ts") await m.writeFile("/home/user/abba/abba.ko", (await buildModule({ name: "abba", source: readExample("bugs/abba", "abba.ts") })).ko!);
}

const LOCK = (name: string, fn: string) => new RegExp(`^ffffffffc1a[0-9a-f]{5} \\(${name}\\)\\{\\+\\.\\+\\.\\}-\\{3:3\\}, at: ${fn}\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[abba\\]$`);

for (const from of ["abba.c", "abba.ts"] as const) test(`bugs/abba (${from}): possible circular locking dependency detected, both chains, the scenario`, async () => {
  const m = await boot();
  try {
    await makeAbba(m, from);
    const run = await logged(m, "cd ~/abba && sudo insmod abba.ko && ./trigger");
    assert.deepEqual([run.stdout, run.stderr], ["counter 4 after 1 updates\n", ""]);
    const l = run.lines;
    const i = lineIndex(l, /^WARNING: possible circular locking dependency detected$/);
    assert.equal(l[i - 1], "=".repeat(54));
    assert.match(l[i + 1], /^6\.6\.0-typix #1 Tainted: G {11}O/);
    assert.equal(l[i + 2], "-".repeat(54));
    assert.match(l[i + 3], /^trigger\/\d+ is trying to acquire lock:$/);
    assert.match(l[i + 4], LOCK("lock_a", "abba_read"));
    assert.equal(l[i + 6], "but task is already holding lock:");
    assert.match(l[i + 7], LOCK("lock_b", "abba_read"));
    assert.deepEqual(l.slice(i + 8, i + 13), ["", "which lock already depends on the new lock.", "", "", "the existing dependency chain (in reverse order) is:"]);
    const c1 = lineIndex(l, /^-> #1 \(lock_b\)\{\+\.\+\.\}-\{3:3\}:$/);
    assert.match(l[c1 + 1], /^ {7}abba_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[abba\]$/);
    const c0 = lineIndex(l, /^-> #0 \(lock_a\)\{\+\.\+\.\}-\{3:3\}:$/);
    assert.match(l[c0 + 1], /^ {7}abba_read\+0x[0-9a-f]+\/0x[0-9a-f]+ \[abba\]$/);
    const s = lineIndex(l, /^ Possible unsafe locking scenario:$/);
    assert.deepEqual(l.slice(s + 1, s + 12), ["", "       CPU0                    CPU1", "       ----                    ----",
      "  lock(lock_b);", "                               lock(lock_a);", "                               lock(lock_b);", "  lock(lock_a);", "",
      " *** DEADLOCK ***", "", l[s + 11]]);
    assert.match(l[s + 11], /^1 lock held by trigger\/\d+:$/);
    assert.match(l[s + 12].replace(/^ #0: /, ""), LOCK("lock_b", "abba_read"));
    lineIndex(l, /^stack backtrace:$/);
    assert.equal(await taint(m), 4096);
    // Reported once: lockdep is off now; the device keeps working.
    const again = await logged(m, "cd ~/abba && ./trigger");
    assert.deepEqual([again.stdout, again.lines], ["counter 8 after 2 updates\n", []]);
    await stillServes(m);
    assert.equal((await m.run("sudo rmmod abba; echo $?")).stdout, "0\n");
  } finally {
    await m.shutdown();
  }
});

test("bugs/abba: no report once a proprietary module has switched lock debugging off", async () => {
  const m = await boot();
  try {
    await makeAbba(m);
    const prop = await buildModule({ name: "prop", source: `import { module_init, module_exit, MODULE_LICENSE } from "linux/module";\nmodule_init(() => 0);\nmodule_exit(() => {});\nMODULE_LICENSE("Proprietary");\n` });
    await m.writeFile("/tmp/prop.ko", prop.ko!);
    const load = await logged(m, "sudo insmod /tmp/prop.ko");
    assert.ok(load.lines.includes("Disabling lock debugging due to kernel taint"), load.lines.join("\n"));
    const run = await logged(m, "cd ~/abba && sudo insmod abba.ko && ./trigger");
    assert.equal(run.stdout, "counter 4 after 1 updates\n");
    assert.deepEqual(run.lines, ["abba: /dev/abba is ready"]); // O was set by prop already
    assert.equal(await taint(m), 4096 | 1);
  } finally {
    await m.shutdown();
  }
});
