// A module whose init oopses leaves what Linux leaves: the insmod dies (Segmentation fault),
// the module stays in the list as Loading with its char-device region, class and device node,
// rmmod (even -f) says it is busy, and loading a fixed module of the same name waits for the
// old one, interruptibly, as add_unformed_module does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine } from "./harness.js";
import { buildModule } from "../kbuild/build.js";

const source = (oops: boolean) => `import { pr_info } from "linux/printk";
import { register_chrdev, unregister_chrdev, MKDEV } from "linux/fs";
import { class_create, class_destroy, device_create, device_destroy } from "linux/device";
import { module_init, module_exit, MODULE_LICENSE } from "linux/module";
let cls: any;
module_init(() => {
  const r = register_chrdev(240, "oopsy", {});
  if (r < 0) return r;
  cls = class_create("oopsy");
  device_create(cls, null, MKDEV(240, 0), null, "oopsy");
  ${oops ? "const p: any = null; p.x = 1;" : ""}
  pr_info("oopsy loaded\\n");
  return 0;
});
module_exit(() => { device_destroy(cls, MKDEV(240, 0)); class_destroy(cls); unregister_chrdev(240, "oopsy"); });
MODULE_LICENSE("GPL");
`;

test("an init that oopses leaves the module Loading, its region and device taken, until reboot", async () => {
  const bad = await buildModule({ name: "oopsy", source: source(true) });
  const good = await buildModule({ name: "oopsy", source: source(false) });
  assert.deepEqual([...bad.messages, ...good.messages], []);
  await withMachine(async (m) => {
    await m.writeFile("/tmp/bad.ko", bad.ko!);
    await m.writeFile("/tmp/good.ko", good.ko!);
    let r = await m.run("sudo insmod /tmp/bad.ko; echo rc=$?");
    assert.equal(r.stdout, "rc=139\n");
    assert.match(r.stderr, /Segmentation fault/);
    r = await m.run("lsmod | grep oopsy; grep oopsy /proc/modules /proc/devices; ls /sys/class/oopsy /dev/oopsy");
    assert.equal(r.stdout, [
      "oopsy                  12288  0", "/proc/modules:oopsy 12288 0 - Loading 0x0000000000000000 (O)",
      "/proc/devices:240 oopsy", "/dev/oopsy", "", "/sys/class/oopsy:", "oopsy", "",
    ].join("\n"));
    r = await m.run("sudo rmmod oopsy; sudo rmmod -f oopsy");
    assert.equal(r.stderr, "rmmod: ERROR: could not remove module oopsy: Device or resource busy\n".repeat(2));
    // The fixed module waits for the old one to finish loading, which it never will.
    r = await m.run("sudo sh -c 'timeout 1 insmod /tmp/good.ko; echo rc=$?'; dmesg | grep -c 'oopsy loaded'");
    assert.equal(r.stdout, "rc=124\n0\n");
  });
});
