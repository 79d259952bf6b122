// waitq: a misc device, /dev/waitq, whose read sleeps on a wait queue until a writer brings
// data. A write appends to a 1 KiB buffer and wakes the readers; a read takes what is there
// (as a pipe does). Opened with O_NONBLOCK, a read with nothing to take fails with EAGAIN;
// a signal ends the wait with -ERESTARTSYS, which the kernel turns into a restart of the read
// (SA_RESTART handler) or EINTR (other handlers), or lets the signal's default action run.
import { pr_info } from "linux/printk";
import { get_current } from "linux/sched";
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from "linux/miscdevice";
import { init_waitqueue_head, wait_event_interruptible, wake_up_interruptible } from "linux/wait";
import { kzalloc, kfree, GFP_KERNEL, type KBuffer } from "linux/slab";
import { copy_to_user, copy_from_user } from "linux/uaccess";
import { EAGAIN, EFAULT, ENOMEM, ENOSPC, ERESTARTSYS } from "linux/errno";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";

const BUF_SIZE = 1024;
const O_NONBLOCK = 0o4000; // <uapi/asm-generic/fcntl.h>


const readers = init_waitqueue_head();
let buffer: KBuffer | null = null;
let count = 0; // bytes waiting in buffer

const waitq_dev: miscdevice = {
  minor: MISC_DYNAMIC_MINOR,
  name: "waitq",
  mode: 0o666,
  fops: {
    owner: THIS_MODULE,

    async read(file, buf, len) {
      while (count === 0) {
        if (file.f_flags & O_NONBLOCK) return -EAGAIN;
        const me = get_current();
        pr_info("waitq: %s (%d) waits for a writer\n", me?.comm, me?.pid);
        // Sleeps until count > 0; a signal ends the wait first.
        if (await wait_event_interruptible(readers, () => count > 0)) return -ERESTARTSYS;
      }
      const mem = buffer!;
      const n = Math.min(len, count);
      if (copy_to_user(buf, mem.subarray(0, n), n)) return -EFAULT;
      mem.copyWithin(0, n, count);
      count -= n;
      return n;
    },

    write(_file, buf, len) {
      const mem = buffer!;
      if (count === BUF_SIZE) return len ? -ENOSPC : 0;
      const n = Math.min(len, BUF_SIZE - count);
      if (copy_from_user(mem.subarray(count), buf, n)) return -EFAULT;
      count += n;
      wake_up_interruptible(readers);
      return n;
    },
  },
};

function waitq_init(): number {
  buffer = kzalloc(BUF_SIZE, GFP_KERNEL);
  if (!buffer) return -ENOMEM;
  const err = misc_register(waitq_dev);
  if (err) {
    kfree(buffer);
    buffer = null;
    return err;
  }
  pr_info("waitq: /dev/waitq is minor %d\n", waitq_dev.minor);
  return 0;
}

function waitq_exit(): void {
  misc_deregister(waitq_dev);
  kfree(buffer);
  buffer = null;
  count = 0;
}

module_init(waitq_init);
module_exit(waitq_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A device whose read sleeps on a wait queue until a writer comes");
