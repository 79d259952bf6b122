// stat, lstat, fstat, newfstatat and statx: the fields of struct stat and struct statx, and
// the errno of bad calls, as Linux gives them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import { O_CREAT, O_RDWR, O_PATH, O_NOFOLLOW, AT_FDCWD, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH } from "../include/uapi/fcntl.js";
import { STAT, S_IFREG, S_IFLNK, S_IFDIR, S_IFCHR } from "../include/uapi/stat.js";

const k = ktest();
const root = k.task();
const user = k.task({ uid: 1000 });

async function ok(t: KTask, name: string, ...args: (number | string)[]): Promise<number> {
  const r = await t.sys(name, ...args.map((a) => (typeof a === "string" ? t.str(a) : a)));
  assert.ok(r >= 0, `${name}(${args.join(", ")}) = ${r}`);
  return r;
}

test("stat of a regular file: type, mode, owner, size, blocks, links, times", async () => {
  await ok(root, "mkdir", "/tmp/s", 0o755);
  const fd = await ok(user, "open", "/tmp/s2", O_CREAT | O_RDWR, 0o640);
  await ok(user, "write", fd, "hello", 5);
  const b = user.buf(144);
  assert.equal(await user.sys("fstat", fd, b), 0);
  assert.equal(user.u32(b + STAT.st_mode), S_IFREG | 0o640);
  assert.equal(user.u32(b + STAT.st_uid), 1000);
  assert.equal(user.u32(b + STAT.st_gid), 1000);
  assert.equal(user.i64(b + STAT.st_size), 5);
  assert.equal(user.i64(b + STAT.st_blocks), 8);
  assert.equal(user.i64(b + STAT.st_blksize), 4096);
  assert.equal(user.i64(b + STAT.st_nlink), 1);
  const now = Date.now() / 1000;
  assert.ok(Math.abs(user.i64(b + STAT.st_mtime) - now) < 5);
  const nsec = user.i64(b + STAT.st_mtime_nsec);
  assert.ok(nsec >= 0 && nsec < 1e9);
  const b2 = user.buf(144);
  assert.equal(await user.sys("stat", user.str("/tmp/s2"), b2), 0);
  assert.deepEqual(user.bytes(b2, 144), user.bytes(b, 144));
  assert.equal(await ok(user, "close", fd), 0);
});

test("lstat sees the link, stat its target; dev numbers in the user encoding", async () => {
  await ok(root, "symlink", "/tmp/s2", "/tmp/s/ln");
  const b = root.buf(144);
  assert.equal(await root.sys("lstat", root.str("/tmp/s/ln"), b), 0);
  assert.equal(root.u32(b + STAT.st_mode), S_IFLNK | 0o777);
  assert.equal(root.i64(b + STAT.st_size), 7);
  assert.equal(await root.sys("newfstatat", AT_FDCWD, root.str("/tmp/s/ln"), b, AT_SYMLINK_NOFOLLOW), 0);
  assert.equal(root.u32(b + STAT.st_mode), S_IFLNK | 0o777);
  assert.equal(await root.sys("stat", root.str("/tmp/s/ln"), b), 0);
  assert.equal(root.u32(b + STAT.st_mode), S_IFREG | 0o640);
  // A device node: major 4, minor 300 -> glibc's makedev encoding.
  const dev = (300 & 0xff) | (4 << 8) | ((300 & ~0xff) << 12);
  await ok(root, "mknod", "/tmp/s/tty", S_IFCHR | 0o600, dev);
  assert.equal(await root.sys("stat", root.str("/tmp/s/tty"), b), 0);
  assert.equal(root.i64(b + STAT.st_rdev), dev);
  assert.equal(root.u32(b + STAT.st_mode), S_IFCHR | 0o600);
  // st_dev of the root fs is major 0 (an anonymous device), same for two files on it.
  const b2 = root.buf(144);
  assert.equal(await root.sys("stat", root.str("/tmp/s"), b2), 0);
  assert.equal(root.i64(b2 + STAT.st_dev), root.i64(b + STAT.st_dev));
  assert.equal((root.i64(b2 + STAT.st_dev) >> 8) & 0xfff, 0);
  assert.equal(root.u32(b2 + STAT.st_mode), S_IFDIR | 0o755);
});

test("AT_EMPTY_PATH stats the descriptor itself, O_PATH ones included", async () => {
  const fd = await ok(root, "open", "/tmp/s/ln", O_PATH | O_NOFOLLOW, 0);
  const b = root.buf(144);
  assert.equal(await root.sys("newfstatat", fd, root.str(""), b, AT_EMPTY_PATH), 0);
  assert.equal(root.u32(b + STAT.st_mode), S_IFLNK | 0o777);
  assert.equal(await root.sys("fstat", fd, b), 0);
  assert.equal(root.u32(b + STAT.st_mode), S_IFLNK | 0o777);
  assert.equal(await root.sys("newfstatat", fd, root.str(""), b, 0), -E.ENOENT);
  assert.equal(await root.sys("newfstatat", AT_FDCWD, root.str(""), b, AT_EMPTY_PATH), 0);
  assert.equal(root.u32(b + STAT.st_mode) & 0o170000, S_IFDIR);
});

test("statx gives the basic fields and marks mount roots", async () => {
  const b = root.buf(256);
  assert.equal(await root.sys("statx", AT_FDCWD, root.str("/tmp/s2"), 0, 0xfff, b), 0);
  assert.equal(root.u32(b) & 0x7ff, 0x7ff);
  assert.equal(root.u32(b + 4), 4096);
  assert.equal(root.u32(b + 20), 1000);
  assert.equal(root.bytes(b + 28, 2)[0] | (root.bytes(b + 28, 2)[1] << 8), S_IFREG | 0o640);
  assert.equal(root.i64(b + 40), 5);
  assert.equal(root.i64(b + 48), 8);
  assert.equal(root.i64(b + 8) & 0x2000, 0);
  assert.equal(await root.sys("statx", AT_FDCWD, root.str("/"), 0, 0x7ff, b), 0);
  assert.equal(root.i64(b + 8) & 0x2000, 0x2000);
  assert.equal(await root.sys("statx", AT_FDCWD, root.str("/"), 0, 0x80000000, b), -E.EINVAL);
  assert.equal(await root.sys("statx", AT_FDCWD, root.str("/"), 0x6000, 0x7ff, b), -E.EINVAL);
});

const rows: [string, string, (t: KTask) => number[], number][] = [
  ["missing file", "stat", (t) => [t.str("/tmp/none"), t.buf(144)], -E.ENOENT],
  ["empty path", "stat", (t) => [t.str(""), t.buf(144)], -E.ENOENT],
  ["path through a file", "stat", (t) => [t.str("/tmp/s2/x"), t.buf(144)], -E.ENOTDIR],
  ["trailing slash on a file", "stat", (t) => [t.str("/tmp/s2/"), t.buf(144)], -E.ENOTDIR],
  ["bad path pointer", "stat", (t) => [0, t.buf(144)], -E.EFAULT],
  ["bad buffer", "stat", (t) => [t.str("/tmp/s2"), 0], -E.EFAULT],
  ["component too long", "stat", (t) => [t.str("/tmp/" + "x".repeat(256)), t.buf(144)], -E.ENAMETOOLONG],
  ["path too long", "stat", (t) => [t.str("/" + "a/".repeat(2100)), t.buf(144)], -E.ENAMETOOLONG],
  ["no search permission", "stat", (t) => [t.str("/root/x"), t.buf(144)], -E.EACCES],
  ["bad fd", "fstat", (t) => [99, t.buf(144)], -E.EBADF],
  ["negative fd", "fstat", (t) => [-1, t.buf(144)], -E.EBADF],
  ["bad flags", "newfstatat", (t) => [AT_FDCWD, t.str("/tmp/s2"), t.buf(144), 0x1], -E.EINVAL],
  ["relative path, bad dirfd", "newfstatat", (t) => [77, t.str("x"), t.buf(144), 0], -E.EBADF],
  ["absolute path ignores a bad dirfd", "newfstatat", (t) => [77, t.str("/tmp/s2"), t.buf(144), 0], 0],
];

for (const [desc, call, args, want] of rows) {
  test(`${call}: ${desc} -> ${want}`, async () => {
    assert.equal(await user.sys(call, ...args(user)), want);
  });
}

test("symlink loops are ELOOP, a dirfd that is a file is ENOTDIR", async () => {
  await ok(root, "symlink", "/tmp/s/l2", "/tmp/s/l1");
  await ok(root, "symlink", "/tmp/s/l1", "/tmp/s/l2");
  assert.equal(await root.sys("stat", root.str("/tmp/s/l1"), root.buf(144)), -E.ELOOP);
  assert.equal(await root.sys("lstat", root.str("/tmp/s/l1"), root.buf(144)), 0);
  const fd = await ok(root, "open", "/tmp/s2", 0, 0);
  assert.equal(await root.sys("newfstatat", fd, root.str("x"), root.buf(144), 0), -E.ENOTDIR);
});
