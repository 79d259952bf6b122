// Device attributes end to end: a module adds DEVICE_ATTR files to a misc device and to a
// class device (with groups), under /sys/class/CLASS/NAME/; a file read through an open
// descriptor after the module is gone gets ENODEV; `current` is the task on the CPU.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../../index.js";
import { buildModule } from "../../kbuild/build.js";
import { ktest } from "../../tests/ktest.js";
import { kobject_create_and_add, kobject_put, kernel_kobj } from "./kobject.js";
import { sysfs_create_file, sysfs_emit, __ATTR_RO } from "./sysfs.js";
import { current } from "./sched.js";
import { ENODEV } from "../uapi/errno.js";
import { O_RDONLY } from "../uapi/fcntl.js";

const DEVMOD = `import { module_init, module_exit, MODULE_LICENSE } from "linux/module";
import { pr_info } from "linux/printk";
import { EINVAL } from "linux/errno";
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, miscdevice } from "linux/miscdevice";
import { class_create, class_destroy, device_create_with_groups, device_destroy, device_create_file, device_remove_file,
  dev_get_drvdata, dev_name, DEVICE_ATTR_RW, DEVICE_ATTR_RO, class_ } from "linux/device";
import { sysfs_emit } from "linux/sysfs";
import { kstrtouint } from "linux/kstrtox";
import { IS_ERR, PTR_ERR } from "linux/errno";
import { MKDEV } from "linux/fs";

const state = { speed: 9600 };
const speed = DEVICE_ATTR_RW("speed", (dev, _a, buf) => sysfs_emit(buf, "%u\\n", (dev_get_drvdata(dev) as typeof state).speed),
  (dev, _a, buf, count) => {
    const r = { value: 0 };
    const err = kstrtouint(buf, 0, r);
    if (err) return err;
    if (r.value === 0) return -EINVAL;
    (dev_get_drvdata(dev) as typeof state).speed = r.value;
    pr_info("%s: speed %u\\n", dev_name(dev), r.value);
    return count;
  });
const name = DEVICE_ATTR_RO("devname", (dev, _a, buf) => sysfs_emit(buf, "%s\\n", dev_name(dev)));
const misc: miscdevice = { minor: MISC_DYNAMIC_MINOR, name: "attrdemo", fops: {} };
let cls: class_ | null = null;

function init(): number {
  const err = misc_register(misc);
  if (err) return err;
  device_create_file(misc.this_device!, name);
  const c = class_create("attrcls");
  if (IS_ERR(c)) return PTR_ERR(c);
  cls = c as class_;
  const d = device_create_with_groups(cls, null, MKDEV(240, 1), state, [{ name: "settings", attrs: [speed, null] }, { attrs: [name] }], "ttyD%d", 1);
  if (IS_ERR(d)) return PTR_ERR(d);
  return 0;
}
function exit(): void {
  device_remove_file(misc.this_device!, name);
  misc_deregister(misc);
  device_destroy(cls!, MKDEV(240, 1));
  class_destroy(cls);
}
module_init(init);
module_exit(exit);
MODULE_LICENSE("GPL");
`;

test("DEVICE_ATTR files on a misc device and on a class device with groups", async () => {
  const r = await buildModule({ name: "attrdemo", source: DEVMOD });
  assert.deepEqual(r.messages, []);
  const m = await boot();
  try {
    await m.writeFile("/tmp/attrdemo.ko", r.ko!);
    const before = (await m.run("find /sys | sort")).stdout;
    assert.equal((await m.run("sudo insmod /tmp/attrdemo.ko")).stderr, "");
    const c = "/sys/class/attrcls/ttyD1";
    const out = await m.run(`cat /sys/class/misc/attrdemo/devname ${c}/devname ${c}/settings/speed ${c}/dev; stat -c '%a %U' ${c}/settings/speed; ls ${c}`);
    assert.equal(out.stderr, "");
    assert.equal(out.stdout, "attrdemo\nttyD1\n9600\n240:1\n644 root\ndev\ndevname\npower\nsettings\nsubsystem\nuevent\n");
    const w = await m.run(`echo 0x100 | sudo tee ${c}/settings/speed >/dev/null; cat ${c}/settings/speed; echo 0 | sudo tee ${c}/settings/speed; echo 5 > ${c}/settings/speed`);
    assert.equal(w.stdout, "256\n0\n"); // tee copies its input even when the file refuses it
    assert.equal(w.stderr, `tee: ${c}/settings/speed: Invalid argument\n/bin/sh: 1: cannot create ${c}/settings/speed: Permission denied\n`);
    assert.ok((await m.run("dmesg -t")).stdout.includes("ttyD1: speed 256\n"));
    assert.equal((await m.run("sudo rmmod attrdemo")).stderr, "");
    assert.equal((await m.run("find /sys | sort")).stdout, before);
  } finally {
    await m.shutdown();
  }
});

test("an attribute read through a descriptor opened before its kobject went: ENODEV; current is the reader", async () => {
  const k = ktest().task({ uid: 1000 });
  const kobj = kobject_create_and_add("typix_gone", kernel_kobj)!;
  assert.ok(kobj);
  let shows = 0;
  assert.equal(sysfs_create_file(kobj, __ATTR_RO("who", (_k, _a, buf) => { shows++; return sysfs_emit(buf, "%d %s %d\n", current.pid, current.comm, current.cred.uid); })), 0);
  const fd = await k.ok("open", "/sys/kernel/typix_gone/who", O_RDONLY);
  const b = k.buf(64);
  const n = await k.sys("read", fd, b, 64);
  assert.equal(k.text(b, n), `${k.task.pid} ktest 1000\n`);
  assert.equal(kobject_create_and_add("typix_gone", kernel_kobj), null); // EEXIST
  kobject_put(kobj);
  assert.equal(await k.sys("pread64", fd, b, 64, 0), -ENODEV);
  assert.equal(shows, 1);
  await k.sys("close", fd);
  assert.equal(await k.call("open", "/sys/kernel/typix_gone/who", O_RDONLY), -2);
  // With no task on the CPU, current reads as the idle task.
  assert.equal(current.pid, 0);
  assert.equal(current.comm, "swapper/0");
});
