// A character driver written in Linux's style against the module API, used through syscalls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest } from "../../tests/ktest.js";
import { register_chrdev, unregister_chrdev, default_llseek, type file_operations } from "./fs.js";
import { kmalloc, kfree, slabUsage, GFP_KERNEL, type KBuffer } from "./slab.js";
import { copy_to_user, copy_from_user } from "./uaccess.js";
import { spin_lock_init, spin_lock, spin_unlock } from "./spinlock.js";
import { class_create, class_destroy, device_create, device_destroy, type class_ } from "./device.js";
import { MKDEV, new_encode_dev } from "../uapi/stat.js";
import { EFAULT } from "../uapi/errno.js";
import { findSymbol } from "../../kernel/module/ksyms.js";
import { O_RDWR } from "../uapi/fcntl.js";

test("a chrdev with a kmalloc'd buffer: write then read through syscalls; the heap is clean after kfree", async () => {
  const k = ktest().task();
  const before = slabUsage().bytes;
  const buf = kmalloc(64, GFP_KERNEL) as KBuffer;
  let len = 0;
  const lock = spin_lock_init();
  const fops: file_operations = {
    llseek: default_llseek,
    read(_f, ubuf, count, ppos) {
      spin_lock(lock);
      const n = Math.min(count, len - ppos.value);
      if (n <= 0) { spin_unlock(lock); return 0; }
      const left = copy_to_user(ubuf, buf.subarray(ppos.value, ppos.value + n), n);
      spin_unlock(lock);
      if (left) return -EFAULT;
      ppos.value += n;
      return n;
    },
    write(_f, ubuf, count) {
      const n = Math.min(count, buf.length);
      if (copy_from_user(buf, ubuf, n)) return -EFAULT;
      len = n;
      return n;
    },
  };
  const major = register_chrdev(0, "hello", fops);
  assert.ok(major > 0);
  assert.equal(await k.sys("mknod", k.str("/tmp/hello"), 0o20666, new_encode_dev(MKDEV(major, 0))), 0);
  const fd = await k.sys("open", k.str("/tmp/hello"), O_RDWR);
  assert.ok(fd >= 0, `open: ${fd}`);
  assert.equal(await k.sys("write", fd, k.str("kernel"), 6), 6);
  assert.equal(await k.sys("lseek", fd, 0, 0), 0);
  const out = k.buf(16);
  assert.equal(await k.sys("read", fd, out, 16), 6);
  assert.equal(k.text(out, 6), "kernel");
  assert.equal(await k.sys("read", fd, 0x10, 16), 0); // at end: nothing to copy
  assert.equal(await k.sys("lseek", fd, 0, 0), 0);
  assert.equal(await k.sys("read", fd, 0x10, 16), -EFAULT);
  await k.sys("close", fd);
  unregister_chrdev(major, "hello");
  assert.equal(slabUsage().bytes, before + 64);
  kfree(buf);
  assert.equal(slabUsage().bytes, before);
  kfree(buf); // a double free: KASAN reports it (mm/kasan.ts) and leaves the heap alone
  assert.equal(slabUsage().bytes, before);
});

test("device_create makes /dev/NAME and /sys/class/CLS/NAME/dev; the GPL-only marks", async () => {
  const k = ktest().task();
  const cls = class_create("typixtest") as class_;
  device_create(cls, null, MKDEV(240, 3), null, "tdev%d", 3);
  const st = k.buf(144);
  assert.equal(await k.sys("stat", k.str("/dev/tdev3"), st), 0);
  const fd = await k.sys("open", k.str("/sys/class/typixtest/tdev3/dev"), 0);
  const b = k.buf(32);
  const n = await k.sys("read", fd, b, 32);
  assert.equal(k.text(b, n), "240:3\n");
  device_destroy(cls, MKDEV(240, 3));
  class_destroy(cls);
  assert.ok((await k.sys("stat", k.str("/dev/tdev3"), st)) < 0);
  assert.equal(findSymbol("device_create")?.gpl, true);
  assert.equal(findSymbol("copy_to_user")?.gpl, false);
});
