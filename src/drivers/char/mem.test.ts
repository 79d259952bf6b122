// The memory devices through the system calls: null, zero, full, urandom and kmsg as Linux's
// behave (reads, writes, seeks, errno), and their nodes and sysfs entries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../../tests/ktest.js";
import * as E from "../../include/uapi/errno.js";
import { O_RDONLY, O_WRONLY, O_RDWR, O_NONBLOCK, SEEK_SET, SEEK_END, SEEK_DATA, SEEK_CUR } from "../../include/uapi/fcntl.js";
import { STAT, S_IFCHR } from "../../include/uapi/stat.js";
import { pr_info, printk } from "../../kernel/printk.js";

const k = ktest();
const root = k.task();
const user = k.task({ uid: 1000 });

async function open(t: KTask, path: string, flags: number): Promise<number> {
  const fd = await t.sys("open", t.str(path), flags, 0);
  assert.ok(fd >= 0, `open ${path} = ${fd}`);
  return fd;
}

test("device nodes: numbers and modes as Linux's devtmpfs makes them", async () => {
  const want: [string, number, number, number][] = [
    ["null", 1, 3, 0o666], ["zero", 1, 5, 0o666], ["full", 1, 7, 0o666],
    ["random", 1, 8, 0o666], ["urandom", 1, 9, 0o666], ["kmsg", 1, 11, 0o644],
  ];
  for (const [name, major, minor, mode] of want) {
    const b = user.buf(144);
    assert.equal(await user.sys("stat", user.str(`/dev/${name}`), b), 0, name);
    assert.equal(user.u32(b + STAT.st_mode), S_IFCHR | mode, name);
    const rdev = user.i64(b + STAT.st_rdev);
    assert.equal(rdev, (major << 8) | minor, name);
  }
});

test("/dev/null: reads see end of file, writes take everything, seeks give 0", async () => {
  const fd = await open(user, "/dev/null", O_RDWR);
  const b = user.buf(64);
  assert.equal(await user.sys("read", fd, b, 64), 0);
  assert.equal(await user.sys("write", fd, b, 64), 64);
  assert.equal(await user.sys("write", fd, 0x10, 64), -E.EFAULT);
  assert.equal(await user.sys("lseek", fd, 100, SEEK_SET), 0);
  assert.equal(await user.sys("lseek", fd, 5, SEEK_END), 0);
  assert.equal(await user.sys("close", fd), 0);
});

test("/dev/zero gives zeros; /dev/full gives zeros and refuses writes with ENOSPC", async () => {
  const b = user.buf(4096);
  user.task.mm!.bytes.fill(0xaa, b, b + 4096);
  const z = await open(user, "/dev/zero", O_RDWR);
  assert.equal(await user.sys("read", z, b, 4096), 4096);
  assert.ok(user.bytes(b, 4096).every((x) => x === 0));
  assert.equal(await user.sys("write", z, b, 100), 100);
  assert.equal(await user.sys("lseek", z, 10, SEEK_CUR), 0);
  const f = await open(user, "/dev/full", O_RDWR);
  user.task.mm!.bytes.fill(0xaa, b, b + 16);
  assert.equal(await user.sys("read", f, b, 16), 16);
  assert.ok(user.bytes(b, 16).every((x) => x === 0));
  assert.equal(await user.sys("write", f, b, 1), -E.ENOSPC);
});

test("/dev/urandom and /dev/random give random bytes, however many are asked for", async () => {
  const n = 200000;
  const b = user.buf(n);
  for (const dev of ["/dev/urandom", "/dev/random"]) {
    const fd = await open(user, dev, O_RDONLY);
    assert.equal(await user.sys("read", fd, b, n), n);
    const bytes = user.bytes(b, n);
    const zeros = bytes.filter((x) => x === 0).length;
    assert.ok(zeros < n / 64, `${dev}: ${zeros} zero bytes`);
    assert.notDeepEqual(bytes.subarray(0, 32), bytes.subarray(100000, 100032));
  }
});

test("a device number with no driver: ENXIO", async () => {
  assert.equal(await root.sys("mknod", root.str("/tmp/nodrv"), S_IFCHR | 0o666, (1 << 8) | 2), 0);
  assert.equal(await root.sys("open", root.str("/tmp/nodrv"), O_RDONLY), -E.ENXIO);
  assert.equal(await root.sys("mknod", root.str("/tmp/nodrv2"), S_IFCHR | 0o666, (200 << 8) | 0), 0);
  assert.equal(await root.sys("open", root.str("/tmp/nodrv2"), O_RDONLY), -E.ENXIO);
});

test("/dev/kmsg: one record per read, in the <prio>,<seq>,<usec>,-;text form", async () => {
  const fd = await open(user, "/dev/kmsg", O_RDONLY | O_NONBLOCK);
  assert.equal(await user.sys("lseek", fd, 0, SEEK_END), 0);
  pr_info("kmsg test line");
  const b = user.buf(2048);
  const n = await user.sys("read", fd, b, 2048);
  assert.ok(n > 0);
  assert.match(user.text(b, n), /^6,\d+,\d+,-;kmsg test line\n$/);
  assert.equal(await user.sys("read", fd, b, 2048), -E.EAGAIN);
  pr_info("a record longer than the buffer");
  assert.equal(await user.sys("read", fd, b, 8), -E.EINVAL);
  assert.ok(await user.sys("read", fd, b, 2048) > 0);
  assert.equal(await user.sys("lseek", fd, 1, SEEK_SET), -E.ESPIPE);
  assert.equal(await user.sys("lseek", fd, 0, 7), -E.EINVAL);
  assert.equal(await user.sys("lseek", fd, 0, SEEK_SET), 0);
  const first = await user.sys("read", fd, b, 2048);
  assert.match(user.text(b, first), /^[56],0,\d+,-;Linux version /);
  assert.equal(await user.sys("lseek", fd, 0, SEEK_DATA), 0);
});

test("/dev/kmsg: a write is a record, its level and facility from a leading <N>", async () => {
  const r = await open(user, "/dev/kmsg", O_RDONLY | O_NONBLOCK);
  await user.sys("lseek", r, 0, SEEK_END);
  const w = await open(root, "/dev/kmsg", O_WRONLY);
  for (const s of ["<3>bad thing\n", "plain words", "<30>daemon says\n"]) {
    assert.equal(await root.sys("write", w, root.str(s), s.length), s.length);
  }
  const b = user.buf(512);
  const lines: string[] = [];
  for (let i = 0; i < 3; i++) lines.push(user.text(b, await user.sys("read", r, b, 512)));
  assert.match(lines[0], /^11,\d+,\d+,-;bad thing\n$/);
  assert.match(lines[1], /^12,\d+,\d+,-;plain words\n$/);
  assert.match(lines[2], /^30,\d+,\d+,-;daemon says\n$/);
});

test("/dev/kmsg: a reader that fell behind the ring gets EPIPE once, then goes on", async () => {
  const fd = await open(user, "/dev/kmsg", O_RDONLY | O_NONBLOCK);
  for (let i = 0; i < 5000; i++) printk(`\x016filler line ${i} ${"x".repeat(40)}\n`);
  const b = user.buf(512);
  assert.equal(await user.sys("read", fd, b, 512), -E.EPIPE);
  assert.ok(await user.sys("read", fd, b, 512) > 0);
});

test("/dev/kmsg: a blocking read sleeps until a record comes", async () => {
  const fd = await open(user, "/dev/kmsg", O_RDONLY);
  await user.sys("lseek", fd, 0, SEEK_END);
  const b = user.buf(512);
  setTimeout(() => pr_info("wake up"), 20);
  // Other kernel messages may come first (init is starting): read until ours.
  for (;;) {
    const n = await user.sys("read", fd, b, 512);
    assert.ok(n > 0);
    if (/;wake up\n$/.test(user.text(b, n))) break;
  }
});
