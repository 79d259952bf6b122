// missing-unlock: a misc device, /dev/missing_unlock, with a bug. Its write takes the spinlock
// that guards a counter and returns without spin_unlock(). The first write works; the next
// one spins in spin_lock() for ever: the soft-lockup watchdog reports
// "watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [trigger:PID]" and keeps reporting,
// the writer cannot be killed, and the module stays in use. Everything else keeps running;
// `sudo reboot` recovers. README.md says what to look at and how to fix it.
import { pr_info } from "linux/printk";
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from "linux/miscdevice";
import { spin_lock_init, spin_lock, spin_unlock } from "linux/spinlock";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";

const lock = spin_lock_init(); // guards writes
let writes = 0;

async function missing_unlock_write(_file: unknown, _buf: number, count: number): Promise<number> {
  await spin_lock(lock);
  writes++;
  pr_info("missing_unlock: write #%d of %d bytes\n", writes, count);
  if (count === 0) {
    spin_unlock(lock);
    return 0;
  }
  return count; // BUG: returns with the lock held (no spin_unlock)
}

const missing_unlock_dev: miscdevice = {
  minor: MISC_DYNAMIC_MINOR,
  name: "missing_unlock",
  mode: 0o666,
  fops: {
    owner: THIS_MODULE,
    write: missing_unlock_write,
  },
};

function missing_unlock_init(): number {
  const err = misc_register(missing_unlock_dev);
  if (err) return err;
  pr_info("missing_unlock: /dev/missing_unlock is minor %d\n", missing_unlock_dev.minor);
  return 0;
}

function missing_unlock_exit(): void {
  misc_deregister(missing_unlock_dev);
  pr_info("missing_unlock: %d writes\n", writes);
}

module_init(missing_unlock_init);
module_exit(missing_unlock_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A misc device whose write forgets spin_unlock()");
