// Loadable modules end to end: kbuild on the host makes a .ko, the machine loads it with
// insmod, shows it in lsmod, /proc/modules and /sys/module, and removes it with rmmod; each
// refusal prints kmod's message and logs the kernel's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";
import { buildModule, type BuildInput } from "../kbuild/build.js";

const HELLO = `import { pr_info } from "linux/printk";
import { module_init, module_exit, module_param, MODULE_PARM_DESC, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION, MODULE_VERSION } from "linux/module";

let count = 1;
let verbose = false;
module_param(count, "int", 0o644);
MODULE_PARM_DESC(count, "how many greetings");
module_param(verbose, "bool", 0o444);

function hello_init(): number {
  for (let i = 0; i < count; i++) pr_info("Hello, world %d\\n", i);
  if (verbose) pr_info("hello: verbose\\n");
  return 0;
}
function hello_exit(): void {
  pr_info("Goodbye, world (count=%d)\\n", count);
}
module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A greeting");
MODULE_VERSION("1.0");
`;

async function ko(input: BuildInput): Promise<Uint8Array> {
  const r = await buildModule(input);
  assert.deepEqual(r.messages, []);
  return r.ko!;
}

test("insmod, lsmod, /proc/modules, /sys/module, parameters, rmmod", async () => {
  const m = await boot();
  try {
    await m.writeFile("/tmp/hello.ko", await ko({ name: "hello", source: HELLO }));
    const r = await m.run("sudo insmod /tmp/hello.ko count=2 && /sbin/lsmod && cat /proc/modules && cat /sys/module/hello/parameters/count /sys/module/hello/parameters/verbose /sys/module/hello/initstate /sys/module/hello/refcnt /sys/module/hello/taint /sys/module/hello/version && cat /proc/sys/kernel/tainted");
    assert.equal(r.stderr, "");
    const lines = r.stdout.split("\n");
    assert.equal(lines[0], "Module                  Size  Used by");
    assert.match(lines[1], /^hello {15} {3,}\d+  0$/);
    assert.match(lines[2], /^hello \d+ 0 - Live 0x0000000000000000 \(O\)$/);
    assert.deepEqual(lines.slice(3), ["2", "N", "live", "0", "O", "1.0", "4096", ""]);
    // A root write to a 0644 parameter changes the module's variable.
    const w = await m.run("echo 5 | sudo tee /sys/module/hello/parameters/count >/dev/null; sudo rmmod hello && dmesg -t | tail -4 && /sbin/lsmod");
    assert.equal(w.stdout, "hello: loading out-of-tree module taints kernel.\nHello, world 0\nHello, world 1\nGoodbye, world (count=5)\nModule                  Size  Used by\n");
    assert.equal((await m.run("test -e /sys/module/hello; echo $?")).stdout, "1\n");
    const info = await m.run("/sbin/modinfo /tmp/hello.ko");
    const il = info.stdout.split("\n");
    assert.deepEqual(il.slice(0, 5), ["filename:       /tmp/hello.ko", "version:        1.0", "description:    A greeting", "author:         Typix", "license:        GPL"]);
    assert.match(il[5], /^srcversion:     [0-9A-F]{23}$/);
    assert.deepEqual(il.slice(6), ["depends:        ", "name:           hello", "vermagic:       6.6.0-typix SMP preempt mod_unload ",
      "parm:           count:how many greetings (int)", "parm:           verbose: (bool)", ""]);
    assert.equal((await m.run("/sbin/modinfo -F license /tmp/hello.ko; /sbin/modinfo -p /tmp/hello.ko")).stdout, "GPL\ncount:how many greetings (int)\nverbose: (bool)\n");
  } finally {
    await m.shutdown();
  }
});

test("load failures: permissions, format, symbols, parameters, EEXIST, init errors, rmmod", async () => {
  const m = await boot();
  try {
    await m.writeFile("/tmp/hello.ko", await ko({ name: "hello", source: HELLO }));
    await m.writeFile("/tmp/bad.ko", "\x7fELF not a module");
    const missing = HELLO.replace('import { pr_info } from "linux/printk";', 'import { pr_info } from "linux/printk";\ndeclare function no_such_thing(): void;').replace("return 0;", "no_such_thing(); return 0;");
    const built = await buildModule({ name: "ghost", source: missing });
    assert.deepEqual(built.messages, ['WARNING: modpost: "no_such_thing" [ghost.ko] undefined!']);
    await m.writeFile("/tmp/ghost.ko", built.ko!);
    await m.writeFile("/tmp/fails.ko", await ko({ name: "fails", source: `import { module_init, MODULE_LICENSE } from "linux/module";\nimport { EINVAL } from "linux/errno";\nmodule_init(() => -EINVAL);\nMODULE_LICENSE("GPL");\n` }));
    await m.writeFile("/tmp/perm.ko", await ko({ name: "perm", source: `import { module_init, MODULE_LICENSE } from "linux/module";\nmodule_init(() => -1);\nMODULE_LICENSE("GPL");\n` }));
    const cases: [string, string][] = [
      ["/sbin/insmod /tmp/hello.ko", "insmod: ERROR: could not insert module /tmp/hello.ko: Operation not permitted\n"],
      ["sudo insmod /tmp/none.ko", "insmod: ERROR: could not load module /tmp/none.ko: No such file or directory\n"],
      ["sudo insmod /tmp/bad.ko", "insmod: ERROR: could not insert module /tmp/bad.ko: Invalid module format\n"],
      ["sudo insmod /tmp/ghost.ko", "insmod: ERROR: could not insert module /tmp/ghost.ko: Unknown symbol in module\n"],
      ["sudo insmod /tmp/hello.ko count=x", "insmod: ERROR: could not insert module /tmp/hello.ko: Invalid parameters\n"],
      ["sudo insmod /tmp/fails.ko", "insmod: ERROR: could not insert module /tmp/fails.ko: Invalid parameters\n"],
      ["sudo insmod /tmp/perm.ko", "insmod: ERROR: could not insert module /tmp/perm.ko: Operation not permitted\n"],
      ["sudo insmod /tmp/hello.ko bogus=1", ""],
      ["sudo insmod /tmp/hello.ko", "insmod: ERROR: could not insert module /tmp/hello.ko: File exists\n"],
      ["/sbin/rmmod hello", "rmmod: ERROR: could not remove module hello: Operation not permitted\n"],
      ["sudo rmmod hello", ""],
      ["sudo rmmod hello", "rmmod: ERROR: Module hello is not currently loaded\n"],
    ];
    for (const [cmd, err] of cases) assert.equal((await m.run(cmd)).stderr, err, cmd);
    const log = (await m.run("dmesg -t")).stdout;
    assert.ok(log.includes("ghost: Unknown symbol no_such_thing (err -2)\n"), log);
    assert.ok(log.includes("hello: `x' invalid for parameter `count'\n"));
    assert.ok(log.includes("hello: unknown parameter 'bogus' ignored\n"));
    assert.equal(log.split("loading out-of-tree module taints kernel.").length, 2);
    assert.equal((await m.run("/sbin/lsmod")).stdout, "Module                  Size  Used by\n");
  } finally {
    await m.shutdown();
  }
});
