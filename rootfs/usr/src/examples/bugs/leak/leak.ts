// leak: a driver with a memory leak, for kmemleak. /dev/leak keeps the last message written to
// it: each write kmallocs a buffer for the new message and puts it in `last`, but forgets to
// kfree the buffer `last` held before. Exit frees only the last one, so every write but the
// last leaves a buffer nobody points to. When the module is removed, kmemleak finds them.
import { pr_info } from "linux/printk";
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from "linux/miscdevice";
import { kmalloc, kfree, GFP_KERNEL, type KBuffer } from "linux/slab";
import { copy_to_user, copy_from_user } from "linux/uaccess";
import { EFAULT, EINVAL, ENOMEM } from "linux/errno";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";

const MAX_MESSAGE = 64;

let last: KBuffer | null = null; // the last message written
let lastLength = 0;

function leak_read(_file: unknown, buf: number, len: number, ppos: { value: number }): number {
  if (!last || ppos.value >= lastLength) return 0;
  const n = Math.min(len, lastLength - ppos.value);
  if (copy_to_user(buf, last.subarray(ppos.value, ppos.value + n), n)) return -EFAULT;
  ppos.value += n;
  return n;
}

function leak_write(_file: unknown, buf: number, len: number): number {
  if (len > MAX_MESSAGE) return -EINVAL;
  const msg = kmalloc(MAX_MESSAGE, GFP_KERNEL);
  if (!msg) return -ENOMEM;
  if (copy_from_user(msg, buf, len)) { kfree(msg); return -EFAULT; }
  // BUG: the buffer `last` points to is never freed; assigning over it loses it.
  last = msg;
  lastLength = len;
  return len;
}

const leak_dev: miscdevice = {
  minor: MISC_DYNAMIC_MINOR,
  name: "leak",
  mode: 0o666,
  fops: { owner: THIS_MODULE, read: leak_read, write: leak_write },
};

function leak_init(): number {
  const err = misc_register(leak_dev);
  if (err) return err;
  pr_info("leak: /dev/leak is ready\n");
  return 0;
}

function leak_exit(): void {
  misc_deregister(leak_dev);
  kfree(last);
  last = null;
  pr_info("leak: unloaded\n");
}

module_init(leak_init);
module_exit(leak_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A /dev/leak that forgets to free its old messages (for kmemleak)");
