// abba: two locks taken in opposite orders, for lockdep. /dev/abba keeps a counter guarded by
// lock_a and a log of updates guarded by lock_b. write takes lock_a then lock_b; read takes
// lock_b then lock_a. One task doing a write and then a read never deadlocks, but a writer and
// a reader at the same time can each hold one lock and wait forever for the other. lockdep
// sees the two orders and reports the possible deadlock the first time the second order is
// used.
import { pr_info } from "linux/printk";
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from "linux/miscdevice";
import { DEFINE_MUTEX, mutex_lock, mutex_unlock } from "linux/mutex";
import { simple_read_from_buffer } from "linux/uaccess";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";

const lock_a = DEFINE_MUTEX("lock_a"); // guards counter
const lock_b = DEFINE_MUTEX("lock_b"); // guards updates
let counter = 0;
let updates = 0;

async function abba_write(_file: unknown, _buf: number, len: number): Promise<number> {
  await mutex_lock(lock_a);
  await mutex_lock(lock_b); // order: lock_a, then lock_b
  counter += len;
  updates++;
  mutex_unlock(lock_b);
  mutex_unlock(lock_a);
  return len;
}

async function abba_read(_file: unknown, buf: number, len: number, ppos: { value: number }): Promise<number> {
  await mutex_lock(lock_b);
  await mutex_lock(lock_a); // BUG: order lock_b, then lock_a: the opposite of abba_write
  const text = `counter ${counter} after ${updates} updates\n`;
  mutex_unlock(lock_a);
  mutex_unlock(lock_b);
  return simple_read_from_buffer(buf, len, ppos, text);
}

const abba_dev: miscdevice = {
  minor: MISC_DYNAMIC_MINOR,
  name: "abba",
  mode: 0o666,
  fops: { owner: THIS_MODULE, read: abba_read, write: abba_write },
};

function abba_init(): number {
  const err = misc_register(abba_dev);
  if (!err) pr_info("abba: /dev/abba is ready\n");
  return err;
}

function abba_exit(): void {
  misc_deregister(abba_dev);
}

module_init(abba_init);
module_exit(abba_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A /dev/abba whose read and write take two locks in opposite orders (for lockdep)");
