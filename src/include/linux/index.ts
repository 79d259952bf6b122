// The kernel API that modules import by Linux header name. Importing this file (from
// kernel/all_subsystems.ts) registers every header's symbols in the kernel symbol table.
import "./printk.js";
import "./errno.js";
import "./slab.js";
import "./uaccess.js";
import "./spinlock.js";
import "./mutex.js";
import "./wait.js";
import "./completion.js";
import "./atomic.js";
import "./sched.js";
import "./delay.js";
import "./jiffies.js";
import "./timer.js";
import "./kthread.js";
import "./workqueue.js";
import "./interrupt.js";
import "./fs.js";
import "./device.js";
import "./miscdevice.js";
import "./seq_file.js";
import "./proc_fs.js";
import "./kernel.js";
import "./sysfs.js";
import "./kobject.js";
import "./ioctl.js";
import "./bug.js";
