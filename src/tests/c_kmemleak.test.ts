// kmemleak over C modules' kmalloc'd memory, scanned as Linux scans it: an object whose only
// pointer was a local variable is unreferenced; one kept in a static, and one reached only
// through a pointer inside another object, are not; the report is Linux's format with the
// module's frame; rmmod makes what the module left a suspect.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";
import { buildModules, logSince, logLength } from "./c_module_support.js";

const CLEAK = `#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

MODULE_LICENSE("GPL");

struct node { struct node *next; char name[24]; };
static struct node *head;

static int __init cleak_init(void)
{
	char *lost = kmalloc(100, GFP_KERNEL);

	if (!lost)
		return -ENOMEM;
	memset(lost, 'A', 100);
	head = kzalloc(sizeof(*head), GFP_KERNEL);
	head->next = kzalloc(sizeof(*head), GFP_KERNEL);
	strscpy(head->next->name, "second", sizeof(head->next->name));
	pr_info("cleak: loaded\\n");
	return 0;
}

static void __exit cleak_exit(void)
{
	kfree(head);
}

module_init(cleak_init);
module_exit(cleak_exit);
`;

const FILE = "/sys/kernel/debug/kmemleak";

test("kmemleak in C: a lost kmalloc is unreferenced, kept and chained ones are not; rmmod leaves the unfreed chain", async () => {
  const m = await boot();
  try {
    const b = await buildModules(m, "/tmp/cleak", { cleak: CLEAK });
    assert.equal(b.status, 0, b.stdout + b.stderr);
    assert.equal((await m.run("sudo insmod cleak.ko", { cwd: "/tmp/cleak" })).status, 0);
    let mark = await logLength(m);
    await m.run(`echo scan | sudo tee ${FILE} >/dev/null`);
    assert.deepEqual(await logSince(m, mark), ["kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"]);
    const out = (await m.run(`sudo cat ${FILE}`)).stdout.split("\n");
    assert.match(out[0], /^unreferenced object 0x[0-9a-f]+ \(size 100\):$/);
    assert.match(out[1], /^ {2}comm "insmod", pid \d+, jiffies \d+ \(age \d+\.\d{3}s\)$/);
    assert.deepEqual(out.slice(2, 6), ["  hex dump (first 32 bytes):", `    ${"41 ".repeat(16).trim()}  ${"A".repeat(16)}`,
      `    ${"41 ".repeat(16).trim()}  ${"A".repeat(16)}`, "  backtrace:"]);
    assert.match(out[6], /^ {4}\[<[0-9a-f]{16}>\] cleak_init\+0x[0-9a-f]+\/0x[0-9a-f]+ \[cleak\]$/);
    assert.equal(out.filter((x) => x.startsWith("unreferenced object")).length, 1);
    // exit frees head but not head->next: removing the module makes the second node a suspect.
    mark = await logLength(m);
    await m.run("sudo rmmod cleak");
    assert.deepEqual(await logSince(m, mark), ["kmemleak: 1 new suspected memory leaks (see /sys/kernel/debug/kmemleak)"]);
    const after = (await m.run(`sudo cat ${FILE}`)).stdout;
    assert.match(after, /unreferenced object 0x[0-9a-f]+ \(size 28\):\n.*\n  hex dump \(first 28 bytes\):\n {4}00 00 00 00 73 65 63 6f 6e 64 00 00 00 00 00 00  \.\.\.\.second\.\.\.\.\.\.\n {4}(00 ){11}00 {14}\.{12}\n  backtrace:\n {4}\[<[0-9a-f]{16}>\] cleak_init\+/);
    assert.equal(after.match(/^unreferenced object/gm)?.length, 2);
  } finally {
    await m.shutdown();
  }
});
