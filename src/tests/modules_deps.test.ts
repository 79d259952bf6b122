// Modules using each other: a module's exports reach the next module, the user holds the
// provider (lsmod's "Used by", holders/, rmmod refuses), duplicate exports are refused, a
// proprietary module taints the kernel P and cannot use GPL-only symbols.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";
import { buildModule } from "../kbuild/build.js";

const CORE = `import { pr_info } from "linux/printk";
import { MODULE_LICENSE, EXPORT_SYMBOL, module_init, module_exit } from "linux/module";
function core_add(a: number, b: number): number { return a + b; }
EXPORT_SYMBOL(core_add);
module_init(() => 0);
module_exit(() => {});
MODULE_LICENSE("GPL");
`;
const USER = `import { pr_info } from "linux/printk";
import { MODULE_LICENSE, module_init, module_exit } from "linux/module";
declare function core_add(a: number, b: number): number;
module_init(() => { pr_info("user: 2+3=%d\\n", core_add(2, 3)); return 0; });
module_exit(() => {});
MODULE_LICENSE("GPL");
`;

test("exports, holders, duplicate symbols, proprietary taint", async () => {
  const m = await boot();
  try {
    const core = await buildModule({ name: "core", source: CORE });
    const user = await buildModule({ name: "user", source: USER, symvers: core.exports });
    const dup = await buildModule({ name: "dup", source: CORE });
    const prop = await buildModule({ name: "prop", source: USER.replace('"GPL"', '"Proprietary"'), symvers: core.exports });
    await m.writeFile("/tmp/core.ko", core.ko!);
    await m.writeFile("/tmp/user.ko", user.ko!);
    await m.writeFile("/tmp/dup.ko", dup.ko!);
    await m.writeFile("/tmp/prop.ko", prop.ko!);
    assert.equal((await m.run("sudo insmod /tmp/user.ko")).stderr, "insmod: ERROR: could not insert module /tmp/user.ko: Unknown symbol in module\n");
    const r = await m.run("sudo insmod /tmp/core.ko && sudo insmod /tmp/user.ko && /sbin/lsmod && ls /sys/module/core/holders && cat /proc/modules");
    assert.equal(r.stderr, "");
    const lines = r.stdout.split("\n");
    assert.match(lines[1], /^user +\d+  0$/);
    assert.match(lines[2], /^core +\d+  1 user$/);
    assert.equal(lines[3], "user");
    assert.match(lines[5], /^core \d+ 1 user, Live 0x0{16} \(O\)$/);
    assert.ok((await m.run("cat /proc/kallsyms")).stdout.includes("0000000000000000 T core_add\t[core]\n"));
    assert.equal((await m.run("sudo rmmod core")).stderr, "rmmod: ERROR: Module core is in use by: user\n");
    assert.equal((await m.run("sudo insmod /tmp/dup.ko")).stderr, "insmod: ERROR: could not insert module /tmp/dup.ko: File exists\n");
    assert.equal((await m.run("cat /proc/sys/kernel/tainted")).stdout, "4096\n");
    // The proprietary module still links against a plain EXPORT_SYMBOL.
    assert.equal((await m.run("sudo insmod /tmp/prop.ko && sudo rmmod prop user core && /sbin/lsmod")).stdout, "Module                  Size  Used by\n");
    assert.equal((await m.run("cat /proc/sys/kernel/tainted")).stdout, "4097\n");
    const log = (await m.run("dmesg -t")).stdout;
    assert.ok(log.includes("user: Unknown symbol core_add (err -2)\n"));
    assert.ok(log.includes("dup: exports duplicate symbol core_add (owned by core)\n"));
    assert.ok(log.includes("user: 2+3=5\n"));
    assert.ok(log.includes("prop: module license 'Proprietary' taints kernel.\nDisabling lock debugging due to kernel taint\n"), log);
  } finally {
    await m.shutdown();
  }
});
