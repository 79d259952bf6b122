// The in-thread kernel harness itself: open, write, read back, and errno for bad calls.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest } from "./ktest.js";
import { ENOENT, EBADF, EFAULT, ENOSYS, EACCES } from "../include/uapi/errno.js";
import { O_CREAT, O_RDWR, O_RDONLY } from "../include/uapi/fcntl.js";

test("open, write, lseek and read a tmpfs file", async () => {
  const k = ktest().task();
  const fd = await k.sys("open", k.str("/tmp/a"), O_CREAT | O_RDWR, 0o644);
  assert.ok(fd >= 0);
  assert.equal(await k.sys("write", fd, k.str("hello"), 5), 5);
  assert.equal(await k.sys("lseek", fd, 0, 0), 0);
  const b = k.buf(16);
  assert.equal(await k.sys("read", fd, b, 16), 5);
  assert.equal(k.text(b, 5), "hello");
  assert.equal(await k.sys("close", fd), 0);
});

test("errno for bad descriptors, paths, pointers and numbers", async () => {
  const k = ktest().task();
  assert.equal(await k.sys("read", 99, k.buf(1), 1), -EBADF);
  assert.equal(await k.sys("open", k.str("/nonexistent"), O_RDONLY, 0), -ENOENT);
  assert.equal(await k.sys("open", 0, O_RDONLY, 0), -EFAULT);
  assert.equal(await k.sys("nfsservctl"), -ENOSYS);
  const u = ktest().task({ uid: 1000 });
  assert.equal(await u.sys("open", u.str("/root/x"), O_CREAT | O_RDWR, 0o644), -EACCES);
});
