// The memory-bug examples of /usr/src/examples/bugs as a learner uses them: `make` in a copy of
// the directory builds the module and `trigger` inside Typix, insmod and ./trigger show the bug
// (leak: on rmmod), the report has the lines the README points at, the taint is what Linux's
// would be, and the machine goes on serving.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { logged, lineIndex, taint, stillServes } from "./kdebug_support.js";

/** Copy an example to ~/NAME and build it with its Makefile; the files make left. */
async function make(m: Machine, name: string): Promise<string[]> {
  const r = await m.run(`cp -r /usr/src/examples/bugs/${name} ~/${name} && cd ~/${name} && make >/dev/null && ls`);
  assert.deepEqual([r.stderr, r.status], ["", 0], name);
  return r.stdout.split("\n").filter(Boolean);
}

test("bugs/leak: make, insmod, ./trigger, rmmod: kmemleak reports the two lost messages", async () => {
  const m = await boot();
  try {
    const files = await make(m, "leak");
    for (const f of ["leak.ko", "trigger", "README.md"]) assert.ok(files.includes(f), files.join(" "));
    const run = await logged(m, "cd ~/leak && sudo insmod leak.ko && ./trigger");
    assert.deepEqual([run.stdout, run.stderr], ["last message: third message\n", ""]);
    const rm = await logged(m, "sudo rmmod leak");
    assert.deepEqual(rm.lines, ["leak: unloaded", "kmemleak: 2 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"]);
    const out = (await m.run("sudo cat /sys/kernel/debug/kmemleak")).stdout.split("\n");
    const objects = out.filter((l) => l.startsWith("unreferenced object"));
    assert.equal(objects.length, 2);
    for (const o of objects) assert.match(o, /^unreferenced object 0xffff888[0-9a-f]{9} \(size 64\):$/);
    assert.match(out[1], /^ {2}comm "trigger", pid \d+, jiffies \d+ /);
    assert.ok(out[3].endsWith("  first messagekkk"), out[3]);
    assert.ok(out.some((l) => l.endsWith("  second messagekk")), out.join("\n"));
    assert.match(out[6], /^ {4}\[<[0-9a-f]{16}>\] leak_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[leak\]$/);
    assert.equal(await taint(m), 4096);
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});

test("bugs/use-after-free: make, insmod, ./trigger: KASAN's slab-use-after-free with both stacks", async () => {
  const m = await boot();
  try {
    await make(m, "use-after-free");
    const run = await logged(m, "cd ~/use-after-free && sudo insmod use-after-free.ko && ./trigger");
    assert.deepEqual([run.stdout, run.stderr], ["read 5 bytes: 6b 6b 6b 6b 6b\n", ""]);
    const l = run.lines;
    const i = lineIndex(l, /^BUG: KASAN: slab-use-after-free in uaf_read\+0x[0-9a-f]+\/0x[0-9a-f]+ \[use_after_free\]$/);
    assert.equal(l[i - 1], "=".repeat(66));
    assert.match(l[i + 1], /^Read of size 5 at addr ffff888[0-9a-f]{9} by task trigger\/\d+$/);
    assert.match(l[i + 3], /^CPU: 0 PID: \d+ Comm: trigger Tainted: G {11}O/);
    const alloc = lineIndex(l, /^Allocated by task \d+:$/);
    const freed = lineIndex(l, /^Freed by task \d+:$/);
    assert.match(l[alloc + 1], /^ uaf_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[use_after_free\]$/);
    assert.match(l[freed + 1], /^ uaf_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[use_after_free\]$/);
    const obj = lineIndex(l, /^The buggy address belongs to the object at ffff888[0-9a-f]{9}$/);
    assert.deepEqual(l.slice(obj + 1, obj + 3), [" which belongs to the cache kmalloc-32 of size 32", "The buggy address is located 0 bytes inside of"]);
    assert.match(l[obj + 3], /^ freed 32-byte region \[ffff888[0-9a-f]{9}, ffff888[0-9a-f]{9}\)$/);
    assert.deepEqual(l.slice(-2), ["=".repeat(66), "Disabling lock debugging due to kernel taint"]);
    assert.equal(await taint(m), 4096 | 32);
    await stillServes(m);
    // The module still goes away.
    assert.equal((await m.run("sudo rmmod use_after_free; echo $?")).stdout, "0\n");
  } finally {
    await m.shutdown();
  }
});
