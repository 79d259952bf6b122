// sysfs-demo: /sys/kernel/sysfs_demo/value, a number that `cat` shows and `echo 5 >` sets
// (as root; the file is 0644). A write that is not an int is refused with EINVAL.
import { module_init, module_exit, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";
import { pr_info, pr_err } from "linux/printk";
import { kstrtoint } from "linux/kstrtox";
import { ENOMEM } from "linux/errno";
import { current } from "linux/sched";
import { kobject_create_and_add, kobject_put, kernel_kobj, kobject, kobj_attribute } from "linux/kobject";
import { sysfs_create_file, sysfs_emit, __ATTR_RW } from "linux/sysfs";

let value = 0;
let demo_kobj: kobject | null = null;

function value_show(_kobj: kobject, _attr: kobj_attribute, buf: Uint8Array): number {
  return sysfs_emit(buf, "%d\n", value);
}

function value_store(_kobj: kobject, _attr: kobj_attribute, buf: string, count: number): number {
  const res = { value: 0 };
  const err = kstrtoint(buf, 10, res);
  if (err) return err;
  value = res.value;
  pr_info("sysfs_demo: value set to %d by %s (pid %d)\n", value, current.comm, current.pid);
  return count;
}

const value_attr = __ATTR_RW("value", value_show, value_store);

function sysfs_demo_init(): number {
  demo_kobj = kobject_create_and_add("sysfs_demo", kernel_kobj);
  if (!demo_kobj) return -ENOMEM;
  const err = sysfs_create_file(demo_kobj, value_attr.attr);
  if (err) {
    pr_err("sysfs_demo: failed to create /sys/kernel/sysfs_demo/value\n");
    kobject_put(demo_kobj);
    return err;
  }
  pr_info("sysfs_demo: /sys/kernel/sysfs_demo/value created\n");
  return 0;
}

function sysfs_demo_exit(): void {
  kobject_put(demo_kobj);
  pr_info("sysfs_demo: removed\n");
}

module_init(sysfs_demo_init);
module_exit(sysfs_demo_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A kobject in /sys/kernel with a read-write attribute");
