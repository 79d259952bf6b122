// The include graph of the kernel headers Typix has: for a header, the headers it includes,
// as Linux 6.6's do (only edges between headers that exist here, direct or through a header
// Typix lacks, e.g. linux/kobject.h → linux/sysfs.h, linux/module.h → linux/moduleparam.h →
// linux/kernel.h → linux/printk.h). `import { pr_info } from "linux/module"` is valid C-wise
// because module.h brings printk; kbuild's import checks and type declarations use
// headerClosure(name): the header itself and everything it includes, transitively.
export const HEADER_INCLUDES: Record<string, readonly string[]> = {
  // kernel.h: kstrtox.h, minmax.h, printk.h, bitops.h, math.h ... (and through them errno).
  "linux/kernel": ["linux/kstrtox", "linux/minmax", "linux/printk", "linux/bitops", "linux/errno"],
  "linux/kstrtox": [],
  "linux/minmax": [],
  "linux/printk": [],
  // bug.h: asm/bug.h → asm-generic/bug.h, which includes printk.h.
  "linux/bug": ["linux/printk"],
  "linux/errno": [],
  "linux/bitops": [],
  "linux/atomic": [],
  "linux/init": [],
  "linux/export": [],
  "linux/ioctl": [],
  // moduleparam.h includes init.h, stringify.h and kernel.h.
  "linux/moduleparam": ["linux/init", "linux/kernel"],
  // module.h: init, moduleparam, export, kobject, stat, kmod, elf, percpu, srcu ...
  "linux/module": ["linux/init", "linux/moduleparam", "linux/export", "linux/kobject", "linux/kernel"],
  // kobject.h: types, list, sysfs, spinlock, kref, wait, atomic, workqueue, uidgid.
  "linux/kobject": ["linux/sysfs", "linux/spinlock", "linux/wait", "linux/atomic", "linux/workqueue"],
  // sysfs.h: kernfs.h (mutex, wait ...), errno.h, stat.h, atomic.h.
  "linux/sysfs": ["linux/errno", "linux/stat", "linux/atomic", "linux/mutex", "linux/kernel"],
  "linux/stat": [],
  // spinlock.h: preempt, irqflags, bottom_half, lockdep; its bug.h reaches printk.
  "linux/spinlock": ["linux/printk", "linux/atomic"],
  "linux/mutex": ["linux/spinlock", "linux/atomic"],
  "linux/semaphore": ["linux/spinlock"],
  // wait.h: list, stddef, spinlock, asm/current.
  "linux/wait": ["linux/spinlock"],
  "linux/completion": ["linux/wait"],
  "linux/jiffies": ["linux/kernel"],
  "linux/timer": ["linux/jiffies", "linux/kernel"],
  "linux/delay": ["linux/kernel", "linux/sched"],
  // workqueue.h: timer.h, atomic.h, ...
  "linux/workqueue": ["linux/timer", "linux/atomic"],
  // sched.h: pid, sem, mutex, hrtimer, refcount, ... and through them spinlock, wait, capability.
  "linux/sched": ["linux/mutex", "linux/spinlock", "linux/kernel", "linux/capability"],
  "linux/capability": [],
  // interrupt.h: kernel.h, bitops.h, irqreturn.h, hardirq.h, ... atomic.h.
  "linux/interrupt": ["linux/kernel", "linux/bitops", "linux/atomic"],
  // kthread.h: err.h, sched.h.
  "linux/kthread": ["linux/sched"],
  // slab.h: gfp, overflow, types, workqueue, percpu-refcount; vmalloc.h likewise.
  "linux/slab": ["linux/workqueue"],
  "linux/vmalloc": ["linux/spinlock"],
  // mm/kasan/kasan.h: internal (the compiler's __asan_* checks, which kbuild's instrumentation calls).
  "mm/kasan": [],
  // uaccess.h: fault-inject-usermode, instrumented, minmax, sched.
  "linux/uaccess": ["linux/minmax", "linux/sched"],
  // fs.h: wait_bit, kdev_t, dcache, path, stat, list, mutex, capability, semaphore, fcntl,
  // atomic, uidgid, workqueue, cred, slab ...
  "linux/fs": ["linux/wait", "linux/mutex", "linux/capability", "linux/semaphore", "linux/atomic", "linux/workqueue",
    "linux/slab", "linux/init", "linux/kernel"],
  // cdev.h: kobject.h, kdev_t.h, list.h, device.h.
  "linux/cdev": ["linux/kobject", "linux/device"],
  // device.h: dev_printk, kobject, klist, mutex, pm (workqueue, spinlock, wait, timer,
  // completion), atomic, gfp ...
  "linux/device": ["linux/kobject", "linux/mutex", "linux/atomic", "linux/workqueue", "linux/completion",
    "linux/printk", "linux/kernel"],
  // miscdevice.h: major.h, list.h, types.h, device.h.
  "linux/miscdevice": ["linux/device"],
  // seq_file.h: types, string, mutex, cpumask, nodemask, fs, cred.
  "linux/seq_file": ["linux/mutex", "linux/fs"],
  // proc_fs.h: compiler, types, fs.
  "linux/proc_fs": ["linux/fs"],
};

/** The header and every header it includes, transitively (an unknown name: just itself). */
export function headerClosure(name: string): Set<string> {
  const seen = new Set<string>();
  const walk = (h: string) => {
    if (seen.has(h)) return;
    seen.add(h);
    for (const inc of HEADER_INCLUDES[h] ?? []) walk(inc);
  };
  walk(name);
  return seen;
}
