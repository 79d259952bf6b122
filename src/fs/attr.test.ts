// chmod, chown, truncate, utimensat, umask and access: Linux's rules on who may change what,
// the bits a change clears, and the errno of each refusal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import { O_CREAT, O_RDWR, O_RDONLY, O_WRONLY, O_PATH, AT_FDCWD, AT_SYMLINK_NOFOLLOW, AT_EACCESS } from "../include/uapi/fcntl.js";
import { STAT } from "../include/uapi/stat.js";

const k = ktest();
const root = k.task();
const user = k.task({ uid: 1000, gid: 1000, groups: [100] });
const other = k.task({ uid: 1001 });

const ok = (t: KTask, name: string, ...args: (number | string)[]) => t.ok(name, ...args);
const touch = (t: KTask, path: string, mode?: number) => t.touch(path, mode);
async function st(t: KTask, path: string) {
  const b = t.buf(144);
  assert.equal(await t.sys("lstat", t.str(path), b), 0);
  return {
    mode: t.u32(b + STAT.st_mode) & 0o7777, uid: t.u32(b + STAT.st_uid), gid: t.u32(b + STAT.st_gid), size: t.i64(b + STAT.st_size),
    atime: t.i64(b + STAT.st_atime), atimeNs: t.i64(b + STAT.st_atime_nsec), mtime: t.i64(b + STAT.st_mtime), mtimeNs: t.i64(b + STAT.st_mtime_nsec),
  };
}

test("setup", async () => {
  await ok(root, "mkdir", "/tmp/a", 0o755);
  await ok(root, "chmod", "/tmp/a", 0o777);
  await touch(user, "/tmp/a/u");
  await touch(root, "/tmp/a/r");
  await ok(root, "mkdir", "/tmp/a/dir", 0o755);
  await ok(root, "symlink", "/tmp/a/u", "/tmp/a/ln");
});

test("chmod: owner and root may, others get EPERM; setgid dropped for a foreign group", async () => {
  await ok(user, "chmod", "/tmp/a/u", 0o600);
  assert.equal((await st(user, "/tmp/a/u")).mode, 0o600);
  assert.equal(await other.sys("chmod", other.str("/tmp/a/u"), 0o777), -E.EPERM);
  assert.equal(await user.sys("chmod", user.str("/tmp/a/r"), 0o777), -E.EPERM);
  await ok(root, "chmod", "/tmp/a/u", 0o644);
  // Setgid kept while the file's group is one of the caller's.
  await ok(user, "chmod", "/tmp/a/u", 0o2755);
  assert.equal((await st(user, "/tmp/a/u")).mode, 0o2755);
  await ok(root, "chown", "/tmp/a/u", -1, 50);
  await ok(user, "chmod", "/tmp/a/u", 0o2755);
  assert.equal((await st(user, "/tmp/a/u")).mode, 0o755);
  await ok(root, "chown", "/tmp/a/u", -1, 1000);
  // chmod follows symlinks; fchmod works on the descriptor; O_PATH ones are EBADF.
  await ok(user, "chmod", "/tmp/a/ln", 0o640);
  assert.equal((await st(user, "/tmp/a/u")).mode, 0o640);
  const fd = await ok(user, "open", "/tmp/a/u", O_RDONLY, 0);
  await ok(user, "fchmod", fd, 0o644);
  assert.equal((await st(user, "/tmp/a/u")).mode, 0o644);
  const pfd = await ok(user, "open", "/tmp/a/u", O_PATH, 0);
  assert.equal(await user.sys("fchmod", pfd, 0o600), -E.EBADF);
  assert.equal(await user.sys("fchmod", 99, 0o600), -E.EBADF);
  assert.equal(await user.sys("fchmodat2", AT_FDCWD, user.str("/tmp/a/ln"), 0o600, AT_SYMLINK_NOFOLLOW), -E.EOPNOTSUPP);
});

test("chown: giving away is root's; chgrp only to one's own groups; setuid/setgid cleared", async () => {
  assert.equal(await user.sys("chown", user.str("/tmp/a/u"), 1001, -1), -E.EPERM);
  assert.equal(await user.sys("chown", user.str("/tmp/a/u"), 1000, -1), 0);
  assert.equal(await user.sys("chown", user.str("/tmp/a/u"), -1, 100), 0);
  assert.equal((await st(user, "/tmp/a/u")).gid, 100);
  assert.equal(await user.sys("chown", user.str("/tmp/a/u"), -1, 0), -E.EPERM);
  assert.equal(await other.sys("chown", other.str("/tmp/a/u"), -1, 1001), -E.EPERM);
  assert.equal(await user.sys("chown", user.str("/tmp/a/missing"), -1, 100), -E.ENOENT);
  await ok(root, "chmod", "/tmp/a/u", 0o6755);
  await ok(root, "chown", "/tmp/a/u", 1000, 1000);
  assert.equal((await st(root, "/tmp/a/u")).mode, 0o755);
  // Without group execute the setgid bit stays (it marks mandatory locking, not a privilege).
  await ok(root, "chmod", "/tmp/a/u", 0o6644);
  await ok(root, "chown", "/tmp/a/u", -1, -1);
  assert.equal((await st(root, "/tmp/a/u")).mode, 0o2644);
  await ok(root, "chmod", "/tmp/a/u", 0o644);
  // lchown changes the link itself, chown its target.
  await ok(root, "lchown", "/tmp/a/ln", 7, 7);
  assert.equal((await st(root, "/tmp/a/ln")).uid, 7);
  assert.equal((await st(root, "/tmp/a/u")).uid, 1000);
  assert.equal(await root.sys("fchownat", AT_FDCWD, root.str("/tmp/a/u"), 0, 0, 0x1), -E.EINVAL);
});

test("truncate and ftruncate", async () => {
  const fd = await ok(user, "open", "/tmp/a/u", O_RDWR, 0);
  await ok(user, "write", fd, "0123456789", 10);
  await ok(user, "truncate", "/tmp/a/u", 4);
  assert.equal((await st(user, "/tmp/a/u")).size, 4);
  await ok(user, "ftruncate", fd, 8192);
  assert.equal((await st(user, "/tmp/a/u")).size, 8192);
  const b = user.buf(16);
  assert.equal(await user.sys("pread64", fd, b, 8, 2), 8);
  assert.deepEqual([...user.bytes(b, 8)], [50, 51, 0, 0, 0, 0, 0, 0]);
  const rfd = await ok(user, "open", "/tmp/a/u", O_RDONLY, 0);
  const dfd = await ok(user, "open", "/tmp/a/dir", O_RDONLY, 0);
  const rows: [string, () => Promise<number>, number][] = [
    ["negative length", () => user.sys("truncate", user.str("/tmp/a/u"), -1), -E.EINVAL],
    ["a directory", () => user.sys("truncate", user.str("/tmp/a/dir"), 0), -E.EISDIR],
    ["no write permission", () => user.sys("truncate", user.str("/tmp/a/r"), 0), -E.EACCES],
    ["missing", () => user.sys("truncate", user.str("/tmp/a/none"), 0), -E.ENOENT],
    ["ftruncate read-only fd", () => user.sys("ftruncate", rfd, 0), -E.EINVAL],
    ["ftruncate directory fd", () => user.sys("ftruncate", dfd, 0), -E.EINVAL],
    ["ftruncate bad fd", () => user.sys("ftruncate", 99, 0), -E.EBADF],
    ["ftruncate negative", () => user.sys("ftruncate", fd, -5), -E.EINVAL],
  ];
  for (const [desc, call, want] of rows) assert.equal(await call(), want, desc);
  // A write-only descriptor on a file the caller cannot read still truncates.
  const wfd = await ok(root, "open", "/tmp/a/r", O_WRONLY, 0);
  await ok(root, "ftruncate", wfd, 3);
  assert.equal((await st(root, "/tmp/a/r")).size, 3);
  // A non-root truncation strips setuid.
  await ok(user, "chmod", "/tmp/a/u", 0o4755);
  await ok(user, "ftruncate", fd, 0);
  assert.equal((await st(user, "/tmp/a/u")).mode, 0o755);
});

test("utimensat: explicit times need ownership, 'now' needs write access", async () => {
  const UTIME_NOW = (1 << 30) - 1, UTIME_OMIT = (1 << 30) - 2;
  const times = (a: [number, number], m: [number, number]) => {
    const p = user.buf(32);
    const v = new DataView(new ArrayBuffer(32));
    v.setBigInt64(0, BigInt(a[0]), true); v.setBigInt64(8, BigInt(a[1]), true);
    v.setBigInt64(16, BigInt(m[0]), true); v.setBigInt64(24, BigInt(m[1]), true);
    user.task.mm!.bytes.set(new Uint8Array(v.buffer), p);
    return p;
  };
  const path = user.str("/tmp/a/u");
  assert.equal(await user.sys("utimensat", AT_FDCWD, path, times([1000, 5], [2000, 6]), 0), 0);
  let s = await st(user, "/tmp/a/u");
  assert.deepEqual([s.atime, s.atimeNs, s.mtime, s.mtimeNs], [1000, 5, 2000, 6]);
  assert.equal(await user.sys("utimensat", AT_FDCWD, path, times([0, UTIME_OMIT], [3000, 0]), 0), 0);
  s = await st(user, "/tmp/a/u");
  assert.deepEqual([s.atime, s.mtime], [1000, 3000]);
  assert.equal(await user.sys("utimensat", AT_FDCWD, path, times([0, UTIME_NOW], [0, UTIME_OMIT]), 0), 0);
  s = await st(user, "/tmp/a/u");
  assert.ok(Math.abs(s.atime - Date.now() / 1000) < 5);
  assert.equal(s.mtime, 3000);
  // Both omitted: nothing is done, not even the path checked.
  assert.equal(await user.sys("utimensat", AT_FDCWD, user.str("/none"), times([0, UTIME_OMIT], [0, UTIME_OMIT]), 0), 0);
  assert.equal(await user.sys("utimensat", AT_FDCWD, path, times([0, 1e9], [0, 0]), 0), -E.EINVAL);
  assert.equal(await user.sys("utimensat", AT_FDCWD, path, 0, 0x4), -E.EINVAL);
  assert.equal(await user.sys("utimensat", AT_FDCWD, 0, 0, 0), -E.EFAULT);
  // Not the owner: explicit times EPERM; "now" needs write permission.
  assert.equal(await other.sys("utimensat", AT_FDCWD, other.str("/tmp/a/u"), times([1, 0], [1, 0]), 0), -E.EPERM);
  assert.equal(await other.sys("utimensat", AT_FDCWD, other.str("/tmp/a/u"), 0, 0), -E.EACCES);
  await ok(user, "chmod", "/tmp/a/u", 0o666);
  assert.equal(await other.sys("utimensat", AT_FDCWD, other.str("/tmp/a/u"), 0, 0), 0);
  // A NULL path with a descriptor sets that file's times.
  const fd = await ok(user, "open", "/tmp/a/u", O_RDONLY, 0);
  assert.equal(await user.sys("utimensat", fd, 0, times([7, 0], [8, 0]), 0), 0);
  assert.equal((await st(user, "/tmp/a/u")).mtime, 8);
  assert.equal(await user.sys("utimensat", 99, 0, 0, 0), -E.EBADF);
  // utimes takes microseconds, utime whole seconds.
  assert.equal(await user.sys("utimes", user.str("/tmp/a/u"), times([10, 5], [20, 999999])), 0);
  s = await st(user, "/tmp/a/u");
  assert.deepEqual([s.atime, s.atimeNs, s.mtime, s.mtimeNs], [10, 5000, 20, 999999000]);
  assert.equal(await user.sys("utimes", user.str("/tmp/a/u"), times([10, 1000000], [20, 0])), -E.EINVAL);
  assert.equal(await user.sys("utimes", user.str("/tmp/a/u"), times([10, 0], [20, UTIME_NOW])), -E.EINVAL);
  assert.equal(await user.sys("utime", user.str("/tmp/a/u"), times([30, 40], [0, 0])), 0);
  s = await st(user, "/tmp/a/u");
  assert.deepEqual([s.atime, s.atimeNs, s.mtime, s.mtimeNs], [30, 0, 40, 0]);
  assert.equal(await other.sys("utime", other.str("/tmp/a/r"), 0), -E.EACCES);
});

test("umask returns the old mask and masks new files", async () => {
  const t = k.task({ uid: 1000 });
  assert.equal(await t.sys("umask", 0o077), 0o022);
  assert.equal(await t.sys("umask", 0o7777), 0o077);
  assert.equal(await t.sys("umask", 0o027), 0o777);
  await touch(t, "/tmp/a/um", 0o666);
  assert.equal((await st(t, "/tmp/a/um")).mode, 0o640);
});

test("access uses the real ids; root gets X only with some x bit", async () => {
  await touch(root, "/tmp/a/noexec", 0o644);
  await touch(root, "/tmp/a/exec", 0o744);
  const rows: [string, KTask, string, number, number][] = [
    ["root reads anything", root, "/tmp/a/r", 4, 0],
    ["root may not exec without x bits", root, "/tmp/a/noexec", 1, -E.EACCES],
    ["root may exec with any x bit", root, "/tmp/a/exec", 1, 0],
    ["user may not write root's file", user, "/tmp/a/r", 2, -E.EACCES],
    ["user may read it", user, "/tmp/a/r", 4, 0],
    ["F_OK of missing", user, "/tmp/a/none", 0, -E.ENOENT],
    ["bad mode bits", user, "/tmp/a/r", 8, -E.EINVAL],
    ["no search permission", user, "/root/x", 0, -E.EACCES],
  ];
  for (const [desc, t, path, mode, want] of rows) assert.equal(await t.sys("access", t.str(path), mode), want, desc);
  assert.equal(await user.sys("faccessat2", AT_FDCWD, user.str("/tmp/a/r"), 4, 0x1), -E.EINVAL);
  // A task whose effective uid is root but real uid is not: access checks the real one.
  const suid = k.task({ uid: 1000 });
  suid.task.cred.euid = 0; suid.task.cred.fsuid = 0;
  assert.equal(await suid.sys("access", suid.str("/tmp/a/r"), 2), -E.EACCES);
  assert.equal(await suid.sys("faccessat2", AT_FDCWD, suid.str("/tmp/a/r"), 2, AT_EACCESS), 0);
});
