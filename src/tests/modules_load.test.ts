// Loading and unloading end to end: a module loaded on demand when its device node is opened
// (request_module of "char-major-M-m" through modprobe and modules.alias), a file open on a
// module's device holding it, try_module_get/module_put from module code, and permanent modules
// (init without exit) in /proc/modules, lsmod and rmmod.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";
import { buildModule } from "../kbuild/build.js";
import { writeKo, VERMAGIC } from "../kernel/module/format.js";

const DIR = "/lib/modules/6.6.0-typix";

/** A driver for major MAJOR, minors 0-255, announcing itself with ALIAS. */
const driver = (major: number, alias: string, register = true) => `import { pr_info } from "linux/printk";
import { register_chrdev, unregister_chrdev } from "linux/fs";
import { simple_read_from_buffer } from "linux/uaccess";
import { module_init, module_exit, MODULE_LICENSE, MODULE_ALIAS, THIS_MODULE } from "linux/module";
const fops = {
  owner: THIS_MODULE,
  read: (_f: unknown, buf: number, count: number, ppos: { value: number }) => simple_read_from_buffer(buf, count, ppos, "hello from ${major}\\n"),
};
module_init(() => {
  pr_info("drv${major}: init\\n");
  ${register ? `const r = register_chrdev(${major}, "drv${major}", fops);\n  return r < 0 ? r : 0;` : "return 0;"}
});
module_exit(() => { ${register ? `unregister_chrdev(${major}, "drv${major}");` : ""} });
MODULE_LICENSE("GPL");
MODULE_ALIAS("${alias}");
`;

async function ko(name: string, source: string): Promise<Uint8Array> {
  const r = await buildModule({ name, source });
  assert.deepEqual(r.messages, []);
  return r.ko!;
}

test("opening a device node without a driver loads its module through modprobe, or fails ENXIO", async () => {
  const m = await boot();
  try {
    assert.equal((await m.run(`sudo mkdir -p ${DIR}/extra`)).stderr, "");
    await m.writeFile(`${DIR}/extra/drv240.ko`, await ko("drv240", driver(240, "char-major-240-*")));
    // The old two-part alias: asked for after "char-major-243-0" finds nothing.
    await m.writeFile(`${DIR}/extra/drv243.ko`, await ko("drv243", driver(243, "char-major-243")));
    // Loads, but registers nothing: the open still fails.
    await m.writeFile(`${DIR}/extra/drv242.ko`, await ko("drv242", driver(242, "char-major-242-0", false)));
    const r = await m.run("sudo depmod -a && grep char-major " + DIR + "/modules.alias && sudo mknod /dev/x c 240 0 && sudo mknod /dev/x3 c 243 0 && " +
      "sudo mknod /dev/x2 c 242 0 && sudo mknod /dev/none c 241 0 && sudo chmod 666 /dev/x /dev/x2 /dev/x3 /dev/none");
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, "alias char-major-240-* drv240\nalias char-major-242-0 drv242\nalias char-major-243 drv243\n");
    assert.equal((await m.run("/sbin/lsmod | grep drv")).stdout, "");
    // A plain user's open runs modprobe as root; the driver answers the same open.
    const cat = await m.run("cat /dev/x && /sbin/lsmod | grep drv");
    assert.equal(cat.stderr, "");
    assert.match(cat.stdout, /^hello from 240\ndrv240 +\d+  0\n$/);
    assert.equal((await m.run("cat /dev/x3")).stdout, "hello from 243\n");
    // Nothing serves 241: modprobe -q fails quietly, every time, and nothing stays behind.
    for (let i = 0; i < 2; i++) {
      const none = await m.run("cat /dev/none");
      assert.deepEqual([none.status, none.stdout, none.stderr], [1, "", "cat: /dev/none: No such device or address\n"]);
    }
    const x2 = await m.run("cat /dev/x2; /sbin/lsmod | grep -c drv242");
    assert.deepEqual([x2.stdout, x2.stderr], ["1\n", "cat: /dev/x2: No such device or address\n"]);
    assert.equal((await m.run("ps -e | grep -c modprobe")).stdout, "0\n");
    const log = (await m.run("dmesg -t | grep drv")).stdout;
    assert.equal(log, "drv240: loading out-of-tree module taints kernel.\ndrv240: init\ndrv243: init\ndrv242: init\n");
    // An open file holds the driver's module (fops.owner): lsmod counts it, rmmod refuses.
    const held = await m.run("exec 3</dev/x; cat /sys/module/drv240/refcnt; /sbin/lsmod | grep drv240; sudo rmmod drv240; echo $?; exec 3<&-; cat /sys/module/drv240/refcnt; sudo rmmod drv240 && echo removed");
    assert.match(held.stdout, /^1\ndrv240 +\d+  1\n1\n0\nremoved\n$/);
    assert.equal(held.stderr, "rmmod: ERROR: Module drv240 is in use\n");
    // Removed, it comes back on the next open.
    assert.equal((await m.run("cat /dev/x; cat /sys/module/drv240/initstate")).stdout, "hello from 240\nlive\n");
  } finally {
    await m.shutdown();
  }
});

// module_param_cb's declaration and rewrite are not in kbuild yet (see the module README), so this
// module's .ko is written directly, as kbuild would make it: its code binds the kernel's
// symbols (__ksym) and the macros (__mod), and the parameter's variable goes as an accessor.
const PIN_CODE = `"use strict"; const { pr_info, try_module_get, module_put, module_refcount, param_set_int } = __ksym;
const { module_init, module_exit, module_param_cb } = __mod;
let pins = 0;
// Writing N takes N references (or drops -N); reading shows module_refcount.
const pin_ops = {
  set: (val, kp) => {
    const r = param_set_int(val, kp);
    if (r) return r;
    for (; pins > 0; pins--) if (!try_module_get(THIS_MODULE)) return -1;
    for (; pins < 0; pins++) module_put(THIS_MODULE);
    return 0;
  },
  get: (buffer) => { buffer.value = "refs=" + module_refcount(THIS_MODULE) + "\\n"; return buffer.value.length; },
};
module_param_cb("pin", pin_ops, { get: () => pins, set: (v) => { pins = v; } }, 0o644);
module_init(() => { pr_info("pin: init\\n"); return 0; });
module_exit(() => { pr_info("pin: exit\\n"); });
`;
const pinKo = () => writeKo({
  modinfo: [["license", "GPL"], ["depends", ""], ["name", "pin"], ["vermagic", VERMAGIC]],
  imports: ["pr_info", "try_module_get", "module_put", "module_refcount", "param_set_int"], exports: [],
  text: { format: "js", code: PIN_CODE },
});

test("try_module_get and module_put from module code; permanent modules", async () => {
  const m = await boot();
  try {
    await m.writeFile("/tmp/pin.ko", pinKo());
    await m.writeFile("/tmp/perm.ko", await ko("perm", `import { module_init, MODULE_LICENSE } from "linux/module";\nmodule_init(() => 0);\nMODULE_LICENSE("GPL");\n`));
    await m.writeFile("/tmp/noinit.ko", await ko("noinit", `import { MODULE_LICENSE } from "linux/module";\nMODULE_LICENSE("GPL");\n`));
    await m.writeFile("/tmp/exitonly.ko", await ko("exitonly", `import { module_exit, MODULE_LICENSE } from "linux/module";\nmodule_exit(() => {});\nMODULE_LICENSE("GPL");\n`));
    const r = await m.run("sudo insmod /tmp/pin.ko pin=2 && cat /sys/module/pin/parameters/pin /sys/module/pin/refcnt && /sbin/lsmod | grep pin; sudo rmmod pin; " +
      "echo -1 | sudo tee /sys/module/pin/parameters/pin >/dev/null; cat /sys/module/pin/parameters/pin; sudo rmmod pin; " +
      "echo -1 | sudo tee /sys/module/pin/parameters/pin >/dev/null; sudo rmmod pin && echo gone");
    assert.match(r.stdout, /^refs=2\n2\npin +\d+  2\nrefs=1\ngone\n$/);
    assert.equal(r.stderr, "rmmod: ERROR: Module pin is in use\nrmmod: ERROR: Module pin is in use\n");
    // A module with init and no exit cannot be unloaded: "[permanent]" in /proc/modules. kmod's
    // lsmod prints holders from /sys/module/NAME/holders, so it shows none.
    const p = await m.run("sudo insmod /tmp/perm.ko && sudo insmod /tmp/noinit.ko && sudo insmod /tmp/exitonly.ko && cat /proc/modules && /sbin/lsmod");
    assert.equal(p.stderr, "");
    const lines = p.stdout.split("\n");
    assert.match(lines[0], /^exitonly \d+ 0 - Live 0x0{16} \(O\)$/);
    assert.match(lines[1], /^noinit \d+ 0 - Live 0x0{16} \(O\)$/);
    assert.match(lines[2], /^perm \d+ 0 \[permanent\], Live 0x0{16} \(O\)$/);
    assert.match(lines[6], /^perm +\d+  0$/);
    const rm = await m.run("sudo rmmod perm; echo $?; sudo rmmod noinit exitonly && cat /proc/modules");
    assert.equal(rm.stderr, "rmmod: ERROR: could not remove module perm: Device or resource busy\n");
    assert.match(rm.stdout, /^1\nperm \d+ 0 \[permanent\], Live 0x0{16} \(O\)\n$/);
    assert.equal((await m.run("dmesg -t | grep pin:")).stdout, "pin: loading out-of-tree module taints kernel.\npin: init\npin: exit\n");
  } finally {
    await m.shutdown();
  }
});
