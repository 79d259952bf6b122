// Table-driven errno tests of mkdir, mknod, symlink, link, unlink, rmdir, rename and readlink,
// with the values Linux returns for the same calls; and the dentry cache after a rename.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import { O_CREAT, O_RDWR, O_RDONLY, O_DIRECTORY, AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_FOLLOW, RENAME_NOREPLACE, RENAME_EXCHANGE } from "../include/uapi/fcntl.js";
import { S_IFCHR, S_IFIFO, S_IFDIR, S_IFREG, S_IFSOCK, STAT } from "../include/uapi/stat.js";

const k = ktest();
const root = k.task();
const user = k.task({ uid: 1000 });
const other = k.task({ uid: 1001 });

const ok = (t: KTask, name: string, ...args: (number | string)[]) => t.ok(name, ...args);
const touch = (t: KTask, path: string, mode?: number) => t.touch(path, mode);
async function statOf(t: KTask, path: string, call = "stat"): Promise<{ mode: number; uid: number; gid: number; nlink: number; ino: number; rdev: number }> {
  const b = t.buf(144);
  assert.equal(await t.sys(call, t.str(path), b), 0, `${call} ${path}`);
  return { mode: t.u32(b + STAT.st_mode), uid: t.u32(b + STAT.st_uid), gid: t.u32(b + STAT.st_gid), nlink: t.i64(b + STAT.st_nlink), ino: t.i64(b + STAT.st_ino), rdev: t.i64(b + STAT.st_rdev) };
}

test("setup", async () => {
  await ok(root, "mkdir", "/tmp/n", 0o777);
  await ok(root, "chmod", "/tmp/n", 0o777);
  await ok(root, "mkdir", "/tmp/n/mnt", 0o755);
  await ok(root, "mount", "none", "/tmp/n/mnt", "tmpfs", 0, 0);
  await ok(root, "mkdir", "/tmp/n/d", 0o755);
  await ok(root, "mkdir", "/tmp/n/full", 0o755);
  await touch(root, "/tmp/n/full/x");
  await touch(root, "/tmp/n/f");
  await ok(root, "symlink", "/tmp/n/nowhere", "/tmp/n/dangling");
  await ok(root, "symlink", "loop", "/tmp/n/loop");
  await ok(root, "mkdir", "/tmp/n/ro", 0o555);
  await ok(root, "mkdir", "/tmp/n/sticky", 0o1777);
  await ok(root, "chmod", "/tmp/n/sticky", 0o1777);
  await touch(user, "/tmp/n/sticky/users");
  await ok(user, "mkdir", "/tmp/n/mine", 0o755);
});

const rows: [string, () => KTask, string, (t: KTask) => number[], number][] = [
  ["mkdir existing", () => root, "mkdir", (t) => [t.str("/tmp/n/d"), 0o755], -E.EEXIST],
  ["mkdir over dangling symlink", () => root, "mkdir", (t) => [t.str("/tmp/n/dangling"), 0o755], -E.EEXIST],
  ["mkdir /", () => root, "mkdir", (t) => [t.str("/"), 0o755], -E.EEXIST],
  ["mkdir .", () => root, "mkdir", (t) => [t.str("/tmp/n/."), 0o755], -E.EEXIST],
  ["mkdir no parent", () => root, "mkdir", (t) => [t.str("/tmp/n/none/x"), 0o755], -E.ENOENT],
  ["mkdir through a file", () => root, "mkdir", (t) => [t.str("/tmp/n/f/x"), 0o755], -E.ENOTDIR],
  ["mkdir unwritable parent", () => user, "mkdir", (t) => [t.str("/tmp/n/d/x"), 0o755], -E.EACCES],
  ["mkdir existing in unwritable parent", () => user, "mkdir", (t) => [t.str("/etc"), 0o755], -E.EEXIST],
  ["mkdir empty path", () => root, "mkdir", (t) => [t.str(""), 0o755], -E.ENOENT],
  ["mkdir bad pointer", () => root, "mkdir", () => [0, 0o755], -E.EFAULT],
  ["mkdir name too long", () => root, "mkdir", (t) => [t.str("/tmp/n/" + "a".repeat(256)), 0o755], -E.ENAMETOOLONG],
  ["mkdir through symlink loop", () => root, "mkdir", (t) => [t.str("/tmp/n/loop/x"), 0o755], -E.ELOOP],
  ["mknod char dev as user", () => user, "mknod", (t) => [t.str("/tmp/n/c"), S_IFCHR | 0o600, 0x0103], -E.EPERM],
  ["mknod directory type", () => root, "mknod", (t) => [t.str("/tmp/n/dd"), S_IFDIR | 0o755, 0], -E.EPERM],
  ["mknod bad type", () => root, "mknod", (t) => [t.str("/tmp/n/bad"), 0o170000 & 0o030000, 0], -E.EINVAL],
  ["mknod existing", () => root, "mknod", (t) => [t.str("/tmp/n/f"), S_IFIFO | 0o644, 0], -E.EEXIST],
  ["mknod trailing slash", () => root, "mknod", (t) => [t.str("/tmp/n/p/"), S_IFIFO | 0o644, 0], -E.ENOENT],
  ["symlink empty target", () => root, "symlink", (t) => [t.str(""), t.str("/tmp/n/s0")], -E.ENOENT],
  ["symlink existing", () => root, "symlink", (t) => [t.str("x"), t.str("/tmp/n/f")], -E.EEXIST],
  ["symlink unwritable dir", () => user, "symlink", (t) => [t.str("x"), t.str("/tmp/n/ro/s")], -E.EACCES],
  ["link a directory", () => root, "link", (t) => [t.str("/tmp/n/d"), t.str("/tmp/n/d2")], -E.EPERM],
  ["link missing", () => root, "link", (t) => [t.str("/tmp/n/none"), t.str("/tmp/n/l")], -E.ENOENT],
  ["link existing", () => root, "link", (t) => [t.str("/tmp/n/f"), t.str("/tmp/n/d")], -E.EEXIST],
  ["link across mounts", () => root, "link", (t) => [t.str("/tmp/n/f"), t.str("/tmp/n/mnt/f")], -E.EXDEV],
  ["link bad flags", () => root, "linkat", (t) => [AT_FDCWD, t.str("/tmp/n/f"), AT_FDCWD, t.str("/tmp/n/l"), 0x8], -E.EINVAL],
  ["unlink a directory", () => root, "unlink", (t) => [t.str("/tmp/n/d")], -E.EISDIR],
  ["unlink missing", () => root, "unlink", (t) => [t.str("/tmp/n/none")], -E.ENOENT],
  ["unlink file/", () => root, "unlink", (t) => [t.str("/tmp/n/f/")], -E.ENOTDIR],
  ["unlink .", () => root, "unlink", (t) => [t.str("/tmp/n/.")], -E.EISDIR],
  ["unlink unwritable dir", () => user, "unlink", (t) => [t.str("/tmp/n/full/x")], -E.EACCES],
  ["unlink other's file in sticky dir", () => other, "unlink", (t) => [t.str("/tmp/n/sticky/users")], -E.EPERM],
  ["unlinkat bad flags", () => root, "unlinkat", (t) => [AT_FDCWD, t.str("/tmp/n/f"), 1], -E.EINVAL],
  ["rmdir .", () => root, "rmdir", (t) => [t.str("/tmp/n/d/.")], -E.EINVAL],
  ["rmdir ..", () => root, "rmdir", (t) => [t.str("/tmp/n/d/..")], -E.ENOTEMPTY],
  ["rmdir /", () => root, "rmdir", (t) => [t.str("/")], -E.EBUSY],
  ["rmdir a file", () => root, "rmdir", (t) => [t.str("/tmp/n/f")], -E.ENOTDIR],
  ["rmdir non-empty", () => root, "rmdir", (t) => [t.str("/tmp/n/full")], -E.ENOTEMPTY],
  ["rmdir a mount point", () => root, "rmdir", (t) => [t.str("/tmp/n/mnt")], -E.EBUSY],
  ["rmdir missing", () => root, "rmdir", (t) => [t.str("/tmp/n/none")], -E.ENOENT],
  ["unlinkat AT_REMOVEDIR on a file", () => root, "unlinkat", (t) => [AT_FDCWD, t.str("/tmp/n/f"), AT_REMOVEDIR], -E.ENOTDIR],
  ["rename missing", () => root, "rename", (t) => [t.str("/tmp/n/none"), t.str("/tmp/n/z")], -E.ENOENT],
  ["rename across mounts", () => root, "rename", (t) => [t.str("/tmp/n/f"), t.str("/tmp/n/mnt/f")], -E.EXDEV],
  ["rename dir into itself", () => root, "rename", (t) => [t.str("/tmp/n/d"), t.str("/tmp/n/d/sub")], -E.EINVAL],
  ["rename dir over file", () => root, "rename", (t) => [t.str("/tmp/n/d"), t.str("/tmp/n/f")], -E.ENOTDIR],
  ["rename file over dir", () => root, "rename", (t) => [t.str("/tmp/n/f"), t.str("/tmp/n/d")], -E.EISDIR],
  ["rename over non-empty dir", () => root, "rename", (t) => [t.str("/tmp/n/d"), t.str("/tmp/n/full")], -E.ENOTEMPTY],
  ["rename a mount point", () => root, "rename", (t) => [t.str("/tmp/n/mnt"), t.str("/tmp/n/mnt2")], -E.EBUSY],
  ["rename .", () => root, "rename", (t) => [t.str("/tmp/n/d/."), t.str("/tmp/n/q")], -E.EBUSY],
  ["rename file/ ", () => root, "rename", (t) => [t.str("/tmp/n/f/"), t.str("/tmp/n/q")], -E.ENOTDIR],
  ["rename unwritable source dir", () => user, "rename", (t) => [t.str("/tmp/n/full/x"), t.str("/tmp/n/q")], -E.EACCES],
  ["rename other's file in sticky dir", () => other, "rename", (t) => [t.str("/tmp/n/sticky/users"), t.str("/tmp/n/q")], -E.EPERM],
  ["renameat2 NOREPLACE existing", () => root, "renameat2", (t) => [AT_FDCWD, t.str("/tmp/n/f"), AT_FDCWD, t.str("/tmp/n/dangling"), RENAME_NOREPLACE], -E.EEXIST],
  ["renameat2 NOREPLACE|EXCHANGE", () => root, "renameat2", (t) => [AT_FDCWD, t.str("/tmp/n/f"), AT_FDCWD, t.str("/tmp/n/g"), RENAME_NOREPLACE | RENAME_EXCHANGE], -E.EINVAL],
  ["renameat2 EXCHANGE missing target", () => root, "renameat2", (t) => [AT_FDCWD, t.str("/tmp/n/f"), AT_FDCWD, t.str("/tmp/n/g"), RENAME_EXCHANGE], -E.ENOENT],
  ["renameat2 bad flags", () => root, "renameat2", (t) => [AT_FDCWD, t.str("/tmp/n/f"), AT_FDCWD, t.str("/tmp/n/g"), 8], -E.EINVAL],
  ["readlink a file", () => root, "readlink", (t) => [t.str("/tmp/n/f"), t.buf(64), 64], -E.EINVAL],
  ["readlink bufsiz 0", () => root, "readlink", (t) => [t.str("/tmp/n/dangling"), t.buf(64), 0], -E.EINVAL],
  ["readlink missing", () => root, "readlink", (t) => [t.str("/tmp/n/none"), t.buf(64), 64], -E.ENOENT],
  ["readlink bad buffer", () => root, "readlink", (t) => [t.str("/tmp/n/dangling"), 0, 64], -E.EFAULT],
  ["readlinkat empty path on a dir fd", () => root, "readlinkat", (t) => [AT_FDCWD, t.str(""), t.buf(64), 64], -E.ENOENT],
];

for (const [desc, who, call, args, want] of rows) {
  test(`${call}: ${desc} -> ${want}`, async () => {
    const t = who();
    assert.equal(await t.sys(call, ...args(t)), want);
  });
}

test("mkdir, mknod and symlink make what they say, owned by the caller, umask applied", async () => {
  await ok(user, "mkdir", "/tmp/n/mine/a", 0o777);
  let s = await statOf(user, "/tmp/n/mine/a");
  assert.equal(s.mode, S_IFDIR | 0o755);
  assert.equal(s.uid, 1000);
  assert.equal(s.gid, 1000);
  await ok(root, "mknod", "/tmp/n/null", S_IFCHR | 0o666, (1 << 8) | 3);
  s = await statOf(root, "/tmp/n/null");
  assert.equal(s.mode, S_IFCHR | 0o644);
  assert.equal(s.rdev, 0x103);
  await ok(user, "mknod", "/tmp/n/mine/fifo", S_IFIFO | 0o666, 0);
  assert.equal((await statOf(user, "/tmp/n/mine/fifo")).mode, S_IFIFO | 0o644);
  await ok(user, "mknod", "/tmp/n/mine/reg", 0o600, 0);
  assert.equal((await statOf(user, "/tmp/n/mine/reg")).mode, S_IFREG | 0o600);
  await ok(user, "mknod", "/tmp/n/mine/sock", S_IFSOCK | 0o600, 0);
  assert.equal((await statOf(user, "/tmp/n/mine/sock")).mode, S_IFSOCK | 0o600);
  await ok(user, "symlink", "target/path", "/tmp/n/mine/ln");
  const b = user.buf(64);
  assert.equal(await user.sys("readlink", user.str("/tmp/n/mine/ln"), b, 64), 11);
  assert.equal(user.text(b, 11), "target/path");
  assert.equal(await user.sys("readlink", user.str("/tmp/n/mine/ln"), b, 3), 3);
});

test("a setgid directory passes its group and its setgid bit on", async () => {
  await ok(root, "mkdir", "/tmp/n/sg", 0o777);
  await ok(root, "chown", "/tmp/n/sg", 0, 50);
  await ok(root, "chmod", "/tmp/n/sg", 0o2777);
  await ok(user, "mkdir", "/tmp/n/sg/sub", 0o755);
  const s = await statOf(user, "/tmp/n/sg/sub");
  assert.equal(s.gid, 50);
  assert.equal(s.mode, S_IFDIR | 0o2755);
  await touch(user, "/tmp/n/sg/file");
  assert.equal((await statOf(user, "/tmp/n/sg/file")).gid, 50);
});

test("link counts, unlink and rmdir remove the names", async () => {
  await touch(root, "/tmp/n/h1");
  await ok(root, "link", "/tmp/n/h1", "/tmp/n/h2");
  assert.equal((await statOf(root, "/tmp/n/h1")).nlink, 2);
  assert.equal((await statOf(root, "/tmp/n/h1")).ino, (await statOf(root, "/tmp/n/h2")).ino);
  await ok(root, "unlink", "/tmp/n/h1");
  assert.equal(await root.sys("stat", root.str("/tmp/n/h1"), root.buf(144)), -E.ENOENT);
  assert.equal((await statOf(root, "/tmp/n/h2")).nlink, 1);
  // linkat with AT_SYMLINK_FOLLOW links the target; without it, the link itself.
  await ok(root, "linkat", AT_FDCWD, "/tmp/n/mine/ln", AT_FDCWD, "/tmp/n/lnlink", 0);
  assert.equal((await statOf(root, "/tmp/n/lnlink", "lstat")).mode & 0o170000, 0o120000);
  await ok(root, "symlink", "/tmp/n/h2", "/tmp/n/toh2");
  await ok(root, "linkat", AT_FDCWD, "/tmp/n/toh2", AT_FDCWD, "/tmp/n/h3", AT_SYMLINK_FOLLOW);
  assert.equal((await statOf(root, "/tmp/n/h3", "lstat")).mode & 0o170000, S_IFREG);
  await ok(root, "mkdir", "/tmp/n/gone", 0o755);
  await ok(root, "unlinkat", AT_FDCWD, "/tmp/n/gone", AT_REMOVEDIR);
  assert.equal(await root.sys("open", root.str("/tmp/n/gone"), O_RDONLY | O_DIRECTORY, 0), -E.ENOENT);
  // The owner of a file in a sticky directory may remove it.
  await ok(user, "unlink", "/tmp/n/sticky/users");
});

test("rename moves names, replaces files and empty dirs, and getcwd follows a moved tree", async () => {
  await ok(root, "mkdir", "/tmp/n/r1", 0o777);
  await ok(root, "mkdir", "/tmp/n/r1/deep", 0o777);
  const t = k.task();
  await ok(t, "chdir", "/tmp/n/r1/deep");
  await ok(root, "rename", "/tmp/n/r1", "/tmp/n/r2");
  const b = t.buf(256);
  const n = await t.sys("getcwd", b, 256);
  assert.equal(t.text(b, n - 1), "/tmp/n/r2/deep");
  assert.equal(await root.sys("stat", root.str("/tmp/n/r1"), root.buf(144)), -E.ENOENT);
  // Over an existing file, and over an empty directory.
  await touch(root, "/tmp/n/ra");
  await touch(root, "/tmp/n/rb");
  const ino = (await statOf(root, "/tmp/n/ra")).ino;
  await ok(root, "rename", "/tmp/n/ra", "/tmp/n/rb");
  assert.equal((await statOf(root, "/tmp/n/rb")).ino, ino);
  await ok(root, "mkdir", "/tmp/n/empty", 0o755);
  await ok(root, "rename", "/tmp/n/r2/deep", "/tmp/n/empty");
  assert.equal(await t.sys("getcwd", b, 256), 13);
  assert.equal(t.text(b, 12), "/tmp/n/empty");
  // Hard links to the same file: nothing happens.
  await ok(root, "link", "/tmp/n/rb", "/tmp/n/rc");
  await ok(root, "rename", "/tmp/n/rb", "/tmp/n/rc");
  assert.equal((await statOf(root, "/tmp/n/rb")).nlink, 2);
});
