// null-write: a misc device, /dev/null_write, with a bug. Its write copies the user's bytes
// into `buffer`, which init never allocated: the store goes through a NULL pointer and the
// kernel oopses ("BUG: kernel NULL pointer dereference ... #PF: supervisor write access").
// The writer is killed with SIGSEGV, the kernel is tainted D, and the machine goes on.
// README.md says how to find the line from the oops and how to fix it.
import { pr_info } from "linux/printk";
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from "linux/miscdevice";
import { kmalloc, kfree, GFP_KERNEL, type KBuffer } from "linux/slab";
import { copy_from_user } from "linux/uaccess";
import { EFAULT, ENOMEM } from "linux/errno";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";

const BUF_SIZE = 64;

let buffer: KBuffer | null = null; // BUG: init never kzalloc's it
let used = 0;

async function null_write_write(_file: unknown, buf: number, count: number): Promise<number> {
  const n = Math.min(count, BUF_SIZE);
  const tmp = kmalloc(n, GFP_KERNEL);
  if (!tmp) return -ENOMEM;
  if (copy_from_user(tmp, buf, n)) { kfree(tmp); return -EFAULT; }
  for (let i = 0; i < n; i++) {
    buffer![i] = tmp[i]; // the NULL pointer dereference
  }
  used = n;
  kfree(tmp);
  return n;
}

const null_write_dev: miscdevice = {
  minor: MISC_DYNAMIC_MINOR,
  name: "null_write",
  mode: 0o666,
  fops: {
    owner: THIS_MODULE,
    write: null_write_write,
  },
};

function null_write_init(): number {
  const err = misc_register(null_write_dev);
  if (err) return err;
  pr_info("null_write: /dev/null_write is minor %d\n", null_write_dev.minor);
  return 0;
}

function null_write_exit(): void {
  misc_deregister(null_write_dev);
  kfree(buffer);
  pr_info("null_write: %d bytes were stored\n", used);
}

module_init(null_write_init);
module_exit(null_write_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A misc device whose write stores through a NULL buffer");
