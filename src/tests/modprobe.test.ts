// depmod and modprobe end to end: two modules built on the host, one using the other's export,
// installed under /lib/modules/6.6.0-typix/extra; depmod writes modules.dep, modules.alias and
// modules.symbols; modprobe loads the dependency first (with /etc/modprobe.d options), resolves
// aliases, and -r removes the module and its now-unused dependency.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";
import { buildModule } from "../kbuild/build.js";

const CORE = `import { pr_info } from "linux/printk";
import { MODULE_LICENSE, MODULE_ALIAS, EXPORT_SYMBOL, module_init, module_exit, module_param } from "linux/module";
let base = 0;
module_param(base, "int", 0o444);
function core_fn(a: number): number { return base + a; }
EXPORT_SYMBOL(core_fn);
module_init(() => { pr_info("core_mod: base=%d\\n", base); return 0; });
module_exit(() => {});
MODULE_LICENSE("GPL");
MODULE_ALIAS("char-major-240-*");
`;
const USER = `import { pr_info } from "linux/printk";
import { MODULE_LICENSE, MODULE_ALIAS, module_init, module_exit } from "linux/module";
declare function core_fn(a: number): number;
module_init(() => { pr_info("user_mod: %d\\n", core_fn(2)); return 0; });
module_exit(() => {});
MODULE_LICENSE("GPL");
MODULE_ALIAS("typix:user");
`;
const DIR = "/lib/modules/6.6.0-typix";

async function setup() {
  const m = await boot();
  const core = await buildModule({ name: "core_mod", source: CORE });
  const user = await buildModule({ name: "user_mod", source: USER, symvers: core.exports });
  assert.deepEqual([...core.messages, ...user.messages], []);
  assert.equal((await m.run(`sudo mkdir -p ${DIR}/extra /etc/modprobe.d`)).stderr, "");
  await m.writeFile(`${DIR}/extra/core_mod.ko`, core.ko!);
  await m.writeFile(`${DIR}/extra/user_mod.ko`, user.ko!);
  return m;
}

test("depmod writes modules.dep, modules.alias, modules.symbols", async () => {
  const m = await setup();
  try {
    const r = await m.run("sudo depmod");
    assert.equal(r.stderr, "");
    assert.equal(r.status, 0);
    // The image's own example modules share the directory: only this test's lines are checked.
    const ours = async (f: string) => (await m.readTextFile(`${DIR}/${f}`)).split("\n").filter((l) => l.startsWith("#") || /(core|user)_mod/.test(l)).join("\n");
    assert.equal(await ours("modules.dep"), "extra/core_mod.ko:\nextra/user_mod.ko: extra/core_mod.ko");
    assert.equal(await ours("modules.alias"), "# Aliases extracted from modules themselves.\nalias char-major-240-* core_mod\nalias typix:user user_mod");
    assert.equal(await ours("modules.symbols"), "# Aliases for symbols, used by symbol_request().\nalias symbol:core_fn core_mod");
    // A user cannot write the indexes.
    const u = await m.run("/sbin/depmod");
    assert.equal(u.status, 1);
    assert.match(u.stderr, /^depmod: ERROR: could not write \/lib\/modules\/6\.6\.0-typix\/modules\.dep: Permission denied\n$/);
    const none = await m.run("/sbin/depmod 9.9.9");
    assert.equal(none.stderr, "depmod: ERROR: could not open directory /lib/modules/9.9.9: No such file or directory\n" +
      "depmod: FATAL: could not search modules: No such file or directory\n");
  } finally {
    await m.shutdown();
  }
});

test("modprobe loads dependencies first, with options, and -r removes them", async () => {
  const m = await setup();
  try {
    await m.writeFile("/etc/modprobe.d/core.conf", "# test\noptions core-mod base=40\n");
    assert.equal((await m.run("sudo depmod -a")).status, 0);
    const dry = await m.run("sudo modprobe -n -v user_mod");
    assert.equal(dry.stdout, `insmod ${DIR}/extra/core_mod.ko base=40\ninsmod ${DIR}/extra/user_mod.ko \n`);
    assert.equal((await m.run("/sbin/lsmod")).stdout, "Module                  Size  Used by\n");
    const r = await m.run("sudo modprobe user_mod && /sbin/lsmod && dmesg -t | grep _mod:");
    assert.equal(r.stderr, "");
    const lines = r.stdout.split("\n");
    assert.match(lines[1], /^user_mod +\d+  0$/);
    assert.match(lines[2], /^core_mod +\d+  1 user_mod$/);
    assert.deepEqual(lines.slice(3), ["core_mod: loading out-of-tree module taints kernel.", "core_mod: base=40", "user_mod: 42", ""]);
    // Already loaded: a silent success.
    const again = await m.run("sudo modprobe user_mod");
    assert.deepEqual([again.status, again.stdout, again.stderr], [0, "", ""]);
    assert.equal((await m.run("sudo modprobe -r core_mod")).stderr, "modprobe: FATAL: Module core_mod is in use.\n");
    const rm = await m.run("sudo modprobe -r user_mod && /sbin/lsmod");
    assert.deepEqual([rm.status, rm.stdout, rm.stderr], [0, "Module                  Size  Used by\n", ""]);
    assert.equal((await m.run("sudo modprobe -r user_mod")).stderr, "modprobe: FATAL: Module user_mod is not in kernel.\n");
    // Through an alias, with a parameter on the command line after the configured ones.
    const a = await m.run("sudo modprobe -v char-major-240-7 base=1 && cat /sys/module/core_mod/parameters/base");
    assert.equal(a.stdout, `insmod ${DIR}/extra/core_mod.ko base=40 base=1\n1\n`);
    assert.equal((await m.run("sudo modprobe typix:user && /sbin/lsmod | wc -l")).stdout, "3\n");
    const nf = await m.run("sudo modprobe no_such_mod");
    assert.deepEqual([nf.status, nf.stderr], [1, "modprobe: FATAL: Module no_such_mod not found in directory /lib/modules/6.6.0-typix\n"]);
    assert.deepEqual([(await m.run("sudo modprobe -q no_such_mod")).stderr, (await m.run("sudo modprobe -q no_such_mod; echo $?")).stdout], ["", "1\n"]);
    const user = await m.run("sudo modprobe -r user_mod; /sbin/modprobe core_mod");
    assert.deepEqual([user.status, user.stderr], [1, "modprobe: ERROR: could not insert 'core_mod': Operation not permitted\n"]);
  } finally {
    await m.shutdown();
  }
});
