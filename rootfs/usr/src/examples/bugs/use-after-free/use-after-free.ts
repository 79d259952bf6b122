// use-after-free: a driver that uses memory after freeing it, for KASAN. A write to /dev/uaf
// copies the message into a kmalloc'd buffer, logs it and frees the buffer, but keeps the
// pointer in `last` so that a later read can return "the last message". The read then copies
// from freed memory: KASAN reports a slab-use-after-free, with the stacks that allocated and
// freed the object.
import { pr_info } from "linux/printk";
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from "linux/miscdevice";
import { kmalloc, kfree, GFP_KERNEL, type KBuffer } from "linux/slab";
import { copy_to_user, copy_from_user } from "linux/uaccess";
import { EFAULT, EINVAL, ENOMEM } from "linux/errno";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";

const MAX_MESSAGE = 32;

let last: KBuffer | null = null; // BUG: still points at the buffer after kfree
let lastLength = 0;

function uaf_write(_file: unknown, buf: number, len: number): number {
  if (len > MAX_MESSAGE) return -EINVAL;
  const msg = kmalloc(MAX_MESSAGE, GFP_KERNEL);
  if (!msg) return -ENOMEM;
  if (copy_from_user(msg, buf, len)) { kfree(msg); return -EFAULT; }
  pr_info("uaf: got %d bytes\n", len);
  last = msg;
  lastLength = len;
  kfree(msg); // the message is logged, so it seemed done with
  return len;
}

function uaf_read(_file: unknown, buf: number, len: number, ppos: { value: number }): number {
  if (!last || ppos.value >= lastLength) return 0;
  const n = Math.min(len, lastLength - ppos.value);
  if (copy_to_user(buf, last.subarray(ppos.value), n)) return -EFAULT; // reads freed memory
  ppos.value += n;
  return n;
}

const uaf_dev: miscdevice = {
  minor: MISC_DYNAMIC_MINOR,
  name: "uaf",
  mode: 0o666,
  fops: { owner: THIS_MODULE, read: uaf_read, write: uaf_write },
};

function uaf_init(): number {
  return misc_register(uaf_dev);
}

function uaf_exit(): void {
  misc_deregister(uaf_dev);
}

module_init(uaf_init);
module_exit(uaf_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A /dev/uaf that reads a message after freeing it (for KASAN)");
