// An exception in kernel code reached through a system call is an oops: the splat goes to the
// log in Linux's layout, the kernel is tainted D, the calling task is killed, and the kernel
// goes on serving other tasks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest } from "../tests/ktest.js";
import { register_chrdev } from "../fs/char_dev.js";
import { logRecords } from "./printk.js";
import { getTaint } from "./taint.js";
import { O_RDONLY } from "../include/uapi/fcntl.js";
import { S_IFCHR, MKDEV, new_encode_dev } from "../include/uapi/stat.js";

test("a driver's read that dereferences null oopses, kills the reader, and the kernel goes on", async () => {
  const k = ktest();
  const major = register_chrdev(0, "buggy", {
    read(): number {
      const p = null as unknown as { data: number };
      return p.data;
    },
  });
  assert.ok(major > 0);
  const root = k.task();
  assert.equal(await root.sys("mknod", root.str("/dev/buggy"), S_IFCHR | 0o666, new_encode_dev(MKDEV(major, 0))), 0);
  const victim = k.task();
  const fd = await victim.sys("open", victim.str("/dev/buggy"), O_RDONLY, 0);
  assert.ok(fd >= 0);
  await victim.sys("read", fd, victim.buf(8), 8);
  const log = logRecords().map((r) => r.text);
  assert.ok(log.includes("BUG: kernel NULL pointer dereference, address: 0000000000000000"), log.join("\n"));
  assert.ok(log.some((l) => /^Oops: 0000 \[#1\] PREEMPT SMP$/.test(l)));
  assert.ok(log.some((l) => /^CPU: 0 PID: \d+ Comm: ktest Tainted: G {6}D/.test(l) || /^CPU: 0 PID: \d+ Comm: ktest /.test(l)));
  assert.ok(log.includes("---[ end trace 0000000000000000 ]---"));
  assert.equal(getTaint() & 128, 128);
  assert.equal(victim.task.exitState !== 0 || victim.task.exiting, true);
  assert.equal(victim.task.exitCode & 0x7f, 11);
  // The kernel keeps serving others.
  const other = k.task();
  assert.ok((await other.sys("getpid")) > 0);
  assert.ok((await other.sys("open", other.str("/etc/passwd"), O_RDONLY, 0)) >= 0);
});
