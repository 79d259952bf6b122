// hello: a character-device driver. It takes a device number (alloc_chrdev_region), adds a
// cdev for it, and creates the class "hello" with one device, so /dev/hello and
// /sys/class/hello/hello appear. The device is a 256-byte memory: write stores bytes at the
// file position, read returns what was stored, lseek moves within it. A spinlock guards the
// buffer; user memory is copied outside the lock, since copying from or to user space may sleep.
import { pr_info, pr_err } from "linux/printk";
import { alloc_chrdev_region, unregister_chrdev_region, MAJOR, MINOR, SEEK_SET, SEEK_CUR, SEEK_END, type file_operations } from "linux/fs";
import { cdev_alloc, cdev_init, cdev_add, cdev_del, type cdev } from "linux/cdev";
import { class_create, class_destroy, device_create, device_destroy } from "linux/device";
import { kmalloc, kzalloc, kfree, GFP_KERNEL, type KBuffer } from "linux/slab";
import { spin_lock_init, spin_lock, spin_unlock } from "linux/spinlock";
import { copy_to_user, copy_from_user } from "linux/uaccess";
import { ENOMEM, EFAULT, EINVAL, ENOSPC, IS_ERR, PTR_ERR } from "linux/errno";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";

const DEVICE_NAME = "hello";
const BUF_SIZE = 256;

let buffer: KBuffer | null = null; // the device's memory (kzalloc'd at init)
let length = 0; // how many bytes of it hold data
const lock = spin_lock_init(); // guards buffer and length
let opens = 0;

const dev = { value: 0 }; // dev_t, set by alloc_chrdev_region
let hello_cdev: cdev | null = null;
let hello_class: ReturnType<typeof class_create> | null = null;

const hello_fops: file_operations = {
  owner: THIS_MODULE, // the module cannot be removed while the device is open

  open(inode, file) {
    opens++;
    pr_info("hello: open #%d (minor %d)\n", opens, MINOR(inode.i_rdev));
    file.private_data = buffer;
    return 0;
  },

  release() {
    pr_info("hello: release\n");
    return 0;
  },

  async read(file, buf, count, ppos) {
    const mem = file.private_data as NonNullable<typeof buffer>;
    // Take a copy of the bytes under the lock; copy_to_user runs after it is dropped.
    await spin_lock(lock);
    const start = Math.min(ppos.value, length);
    const n = Math.min(count, length - start);
    const chunk = mem.slice(start, start + n);
    spin_unlock(lock);
    if (n === 0) return 0; // end of file
    if (copy_to_user(buf, chunk, n)) return -EFAULT;
    ppos.value += n;
    return n;
  },

  async write(file, buf, count, ppos) {
    const mem = file.private_data as NonNullable<typeof buffer>;
    if (ppos.value >= BUF_SIZE) return count ? -ENOSPC : 0;
    const n = Math.min(count, BUF_SIZE - ppos.value);
    const tmp = kmalloc(n, GFP_KERNEL);
    if (!tmp) return -ENOMEM;
    if (copy_from_user(tmp, buf, n)) { kfree(tmp); return -EFAULT; }
    await spin_lock(lock);
    mem.set(tmp.subarray(0, n), ppos.value);
    length = Math.max(length, ppos.value + n);
    spin_unlock(lock);
    kfree(tmp);
    ppos.value += n;
    return n;
  },

  llseek(file, offset, whence) {
    let pos: number;
    if (whence === SEEK_SET) pos = offset;
    else if (whence === SEEK_CUR) pos = file.f_pos + offset;
    else if (whence === SEEK_END) pos = length + offset;
    else return -EINVAL;
    if (pos < 0 || pos > BUF_SIZE) return -EINVAL;
    file.f_pos = pos;
    return pos;
  },
};

function hello_init(): number {
  buffer = kzalloc(BUF_SIZE, GFP_KERNEL);
  if (!buffer) return -ENOMEM;
  let err = alloc_chrdev_region(dev, 0, 1, DEVICE_NAME);
  if (err < 0) {
    pr_err("hello: cannot get a device number: %d\n", err);
    kfree(buffer);
    return err;
  }
  const c = cdev_alloc();
  cdev_init(c, hello_fops);
  err = cdev_add(c, dev.value, 1);
  if (err < 0) {
    unregister_chrdev_region(dev.value, 1);
    kfree(buffer);
    return err;
  }
  hello_cdev = c;
  const cls = class_create(DEVICE_NAME);
  if (IS_ERR(cls)) {
    cdev_del(c);
    unregister_chrdev_region(dev.value, 1);
    kfree(buffer);
    return PTR_ERR(cls);
  }
  // The class's devnode callback sets the node's mode: everybody may use /dev/hello.
  cls.devnode = (_dev, mode) => { mode.value = 0o666; return null; };
  hello_class = cls;
  const d = device_create(cls, null, dev.value, null, DEVICE_NAME);
  if (IS_ERR(d)) {
    class_destroy(cls);
    cdev_del(c);
    unregister_chrdev_region(dev.value, 1);
    kfree(buffer);
    return PTR_ERR(d);
  }
  pr_info("hello: registered /dev/%s as %d:%d\n", DEVICE_NAME, MAJOR(dev.value), MINOR(dev.value));
  return 0;
}

function hello_exit(): void {
  if (hello_class && !IS_ERR(hello_class)) {
    device_destroy(hello_class, dev.value);
    class_destroy(hello_class);
  }
  if (hello_cdev) cdev_del(hello_cdev);
  unregister_chrdev_region(dev.value, 1);
  kfree(buffer);
  buffer = null;
  pr_info("hello: unregistered\n");
}

module_init(hello_init);
module_exit(hello_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A /dev/hello character device with a kmalloc'd buffer and a spinlock");
