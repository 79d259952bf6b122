// The character-device registries: regions (fixed and dynamic majors, overlaps), cdevs, the
// /proc/devices listing, and opening a node reaching the driver's operations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import { O_RDONLY } from "../include/uapi/fcntl.js";
import { MKDEV, MAJOR, MINOR, S_IFCHR } from "../include/uapi/stat.js";
import {
  register_chrdev_region, alloc_chrdev_region, unregister_chrdev_region, register_chrdev, unregister_chrdev,
  cdev_alloc, cdev_init, cdev_add, cdev_del, procDevicesShow, chrdevMissingHook,
} from "./char_dev.js";
import type { FileOperations } from "./file.js";

const k = ktest();
const root = k.task();

test("regions: fixed ranges, overlaps refused, dynamic majors from 254 down", () => {
  assert.equal(register_chrdev_region(MKDEV(60, 0), 4, "sixty"), 0);
  assert.equal(register_chrdev_region(MKDEV(60, 2), 4, "clash"), -E.EBUSY);
  assert.equal(register_chrdev_region(MKDEV(60, 4), 4, "sixty-more"), 0);
  assert.equal(register_chrdev_region(MKDEV(600, 0), 1, "too big"), -E.EINVAL);
  const a = alloc_chrdev_region(0, 1, "dyn-a");
  const b = alloc_chrdev_region(3, 2, "dyn-b");
  assert.equal(MAJOR(a), 254);
  assert.equal(MAJOR(b), 253);
  assert.equal(MINOR(b), 3);
  const text = procDevicesShow();
  assert.match(text, /^Character devices:\n/);
  assert.match(text, /\n 60 sixty\n 60 sixty-more\n/);
  assert.match(text, /\n253 dyn-b\n254 dyn-a\n\nBlock devices:\n$/);
  unregister_chrdev_region(a, 1);
  assert.equal(MAJOR(alloc_chrdev_region(0, 1, "dyn-c")), 254);
  unregister_chrdev_region(MKDEV(60, 0), 4);
  assert.doesNotMatch(procDevicesShow(), /sixty\n/);
});

test("opening a node reaches the cdev's operations; cdev_del makes it ENXIO again", async () => {
  const dev = alloc_chrdev_region(0, 2, "testdev");
  assert.equal(await root.sys("mknod", root.str("/tmp/cd0"), S_IFCHR | 0o666, (MAJOR(dev) << 8) | 1), 0);
  assert.equal(await root.sys("open", root.str("/tmp/cd0"), O_RDONLY), -E.ENXIO);
  let opened = 0;
  const fops: FileOperations = { open: () => { opened++; }, readIter: (_f, to) => to.copyOut(new Uint8Array([65, 66])) };
  const cdev = cdev_alloc();
  cdev_init(cdev, fops);
  assert.equal(cdev_add(cdev, dev, 2), 0);
  const fd = await root.sys("open", root.str("/tmp/cd0"), O_RDONLY);
  assert.ok(fd >= 0);
  assert.equal(opened, 1);
  const b = root.buf(8);
  assert.equal(await root.sys("read", fd, b, 8), 2);
  assert.equal(root.text(b, 2), "AB");
  cdev_del(cdev);
  assert.equal(await root.sys("open", root.str("/tmp/cd0"), O_RDONLY), -E.ENXIO);
  // The open file keeps its operations.
  assert.equal(await root.sys("read", fd, b, 8), 2);
});

test("register_chrdev: major 0 is dynamic and returned; the missing-driver hook is asked first", async () => {
  const fops: FileOperations = { readIter: () => 0 };
  const major = register_chrdev(0, "whole", fops);
  assert.ok(major >= 234 && major <= 254);
  assert.match(procDevicesShow(), new RegExp(`\\n${major} whole\\n`));
  assert.equal(register_chrdev(major, "again", fops), -E.EBUSY);
  unregister_chrdev(major, "whole");
  assert.doesNotMatch(procDevicesShow(), / whole\n/);
  assert.equal(await root.sys("mknod", root.str("/tmp/cd1"), S_IFCHR | 0o666, (77 << 8) | 5), 0);
  const asked: number[] = [];
  chrdevMissingHook.fn = (dev) => {
    asked.push(dev);
    register_chrdev(77, "loaded", fops);
  };
  try {
    const fd = await root.sys("open", root.str("/tmp/cd1"), O_RDONLY);
    assert.ok(fd >= 0);
    assert.deepEqual(asked, [MKDEV(77, 5)]);
  } finally {
    chrdevMissingHook.fn = null;
    unregister_chrdev(77, "loaded");
  }
});
