// mount, umount2, statfs and fstatfs; getcwd, chdir, fchdir and chroot; sync and fsync.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import { O_CREAT, O_RDWR, O_RDONLY, O_WRONLY, O_PATH } from "../include/uapi/fcntl.js";

const k = ktest();
const root = k.task();
const user = k.task({ uid: 1000 });
const MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_REMOUNT = 32, MS_BIND = 4096;
const MNT_DETACH = 2, MNT_EXPIRE = 4;
const TMPFS_MAGIC = 0x01021994;

async function ok(t: KTask, name: string, ...args: (number | string)[]): Promise<number> {
  const r = await t.sys(name, ...args.map((a) => (typeof a === "string" ? t.str(a) : a)));
  assert.ok(r >= 0, `${name}(${args.join(", ")}) = ${r}`);
  return r;
}
async function cwd(t: KTask): Promise<string> {
  const b = t.buf(4096);
  const n = await t.sys("getcwd", b, 4096);
  assert.ok(n > 0, `getcwd = ${n}`);
  assert.equal(t.bytes(b + n - 1, 1)[0], 0);
  return t.text(b, n - 1);
}
const mount = (t: KTask, src: string, target: string, type: string | null, flags: number, data = "") =>
  t.sys("mount", t.str(src), t.str(target), type === null ? 0 : t.str(type), flags, data ? t.str(data) : 0);

test("mount a tmpfs, use it, statfs it, unmount it", async () => {
  await ok(root, "mkdir", "/tmp/m", 0o755);
  assert.equal(await mount(root, "none", "/tmp/m", "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755"), 0);
  await ok(root, "close", await ok(root, "open", "/tmp/m/f", O_CREAT | O_RDWR, 0o644));
  const b = root.buf(120);
  assert.equal(await root.sys("statfs", root.str("/tmp/m/f"), b), 0);
  assert.equal(root.i64(b), TMPFS_MAGIC);
  assert.equal(root.i64(b + 8), 4096);
  assert.equal(root.i64(b + 16), 256);
  assert.equal(root.i64(b + 24), 256);
  assert.equal(root.i64(b + 64), 255);
  assert.equal(root.i64(b + 80) & 0x3f, 0x20 | MS_NOSUID | MS_NODEV);
  const fd = await ok(root, "open", "/tmp/m/f", O_WRONLY, 0);
  await ok(root, "write", fd, root.str("x".repeat(5000)), 5000);
  assert.equal(await root.sys("fstatfs", fd, b), 0);
  assert.equal(root.i64(b + 24), 254);
  // An open file keeps it busy; so does a cwd inside it.
  assert.equal(await root.sys("umount2", root.str("/tmp/m"), 0), -E.EBUSY);
  await ok(root, "close", fd);
  const t = k.task();
  await ok(t, "chdir", "/tmp/m");
  assert.equal(await cwd(t), "/tmp/m");
  assert.equal(await root.sys("umount2", root.str("/tmp/m"), 0), -E.EBUSY);
  await ok(t, "chdir", "/");
  assert.equal(await root.sys("umount2", root.str("/tmp/m"), 0), 0);
  assert.equal(await root.sys("stat", root.str("/tmp/m/f"), root.buf(144)), -E.ENOENT);
});

test("errno of mount and umount2", async () => {
  await ok(root, "mkdir", "/tmp/m2", 0o755);
  await ok(root, "close", await ok(root, "open", "/tmp/mfile", O_CREAT | O_RDWR, 0o644));
  const rows: [string, () => Promise<number>, number][] = [
    ["mount as a user", () => mount(user, "none", "/tmp/m2", "tmpfs", 0), -E.EPERM],
    ["user, missing target", () => mount(user, "none", "/tmp/none", "tmpfs", 0), -E.ENOENT],
    ["unknown type", () => mount(root, "none", "/tmp/m2", "nosuchfs", 0), -E.ENODEV],
    ["no type", () => mount(root, "none", "/tmp/m2", null, 0), -E.EINVAL],
    ["missing target", () => mount(root, "none", "/tmp/none", "tmpfs", 0), -E.ENOENT],
    ["target through a file", () => mount(root, "none", "/tmp/mfile/x", "tmpfs", 0), -E.ENOTDIR],
    ["target a file", () => mount(root, "none", "/tmp/mfile", "tmpfs", 0), -E.ENOTDIR],
    ["bind a missing source", () => mount(root, "/tmp/none", "/tmp/m2", null, MS_BIND), -E.ENOENT],
    ["remount a non-mount-point", () => mount(root, "none", "/tmp/m2", null, MS_REMOUNT), -E.EINVAL],
    ["umount a non-mount-point", () => root.sys("umount2", root.str("/tmp/m2"), 0), -E.EINVAL],
    ["umount as a user", () => user.sys("umount2", user.str("/tmp"), 0), -E.EPERM],
    ["umount missing", () => root.sys("umount2", root.str("/tmp/none"), 0), -E.ENOENT],
    ["umount bad flags", () => root.sys("umount2", root.str("/tmp/m2"), 0x10), -E.EINVAL],
    ["umount expire|detach", () => root.sys("umount2", root.str("/tmp/m2"), MNT_EXPIRE | MNT_DETACH), -E.EINVAL],
    ["statfs missing", () => root.sys("statfs", root.str("/tmp/none"), root.buf(120)), -E.ENOENT],
    ["statfs bad buffer", () => root.sys("statfs", root.str("/tmp"), 0), -E.EFAULT],
    ["fstatfs bad fd", () => root.sys("fstatfs", 99, root.buf(120)), -E.EBADF],
  ];
  for (const [desc, call, want] of rows) assert.equal(await call(), want, desc);
});

test("read-only mounts: EROFS for changes, remount rw, bind mounts", async () => {
  await ok(root, "mkdir", "/tmp/ro", 0o755);
  assert.equal(await mount(root, "none", "/tmp/ro", "tmpfs", 0), 0);
  await ok(root, "close", await ok(root, "open", "/tmp/ro/f", O_CREAT | O_RDWR, 0o644));
  await ok(root, "mkdir", "/tmp/ro/d", 0o755);
  const w = await ok(root, "open", "/tmp/ro/f", O_WRONLY, 0);
  assert.equal(await mount(root, "none", "/tmp/ro", null, MS_REMOUNT | MS_RDONLY), -E.EBUSY);
  await ok(root, "close", w);
  assert.equal(await mount(root, "none", "/tmp/ro", null, MS_REMOUNT | MS_RDONLY), 0);
  const rows: [string, () => Promise<number>, number][] = [
    ["mkdir", () => root.sys("mkdir", root.str("/tmp/ro/x"), 0o755), -E.EROFS],
    ["mkdir existing is still EEXIST", () => root.sys("mkdir", root.str("/tmp/ro/d"), 0o755), -E.EEXIST],
    ["unlink", () => root.sys("unlink", root.str("/tmp/ro/f"), 0), -E.EROFS],
    ["rmdir", () => root.sys("rmdir", root.str("/tmp/ro/d")), -E.EROFS],
    ["rename", () => root.sys("rename", root.str("/tmp/ro/f"), root.str("/tmp/ro/g")), -E.EROFS],
    ["chmod", () => root.sys("chmod", root.str("/tmp/ro/f"), 0o600), -E.EROFS],
    ["chown", () => root.sys("chown", root.str("/tmp/ro/f"), 1, 1), -E.EROFS],
    ["truncate", () => root.sys("truncate", root.str("/tmp/ro/f"), 0), -E.EROFS],
    ["utimensat", () => root.sys("utimensat", -100, root.str("/tmp/ro/f"), 0, 0), -E.EROFS],
    ["access W_OK", () => root.sys("access", root.str("/tmp/ro/f"), 2), -E.EROFS],
    ["access R_OK", () => root.sys("access", root.str("/tmp/ro/f"), 4), 0],
    ["open for writing", () => root.sys("open", root.str("/tmp/ro/f"), O_WRONLY, 0), -E.EROFS],
  ];
  for (const [desc, call, want] of rows) assert.equal(await call(), want, desc);
  const b = root.buf(120);
  assert.equal(await root.sys("statfs", root.str("/tmp/ro"), b), 0);
  assert.equal(root.i64(b + 80) & 1, 1);
  assert.equal(await mount(root, "none", "/tmp/ro", null, MS_REMOUNT), 0);
  await ok(root, "mkdir", "/tmp/ro/x", 0o755);
  // A bind mount shows the same files; a read-only bind leaves the original writable.
  await ok(root, "mkdir", "/tmp/bind", 0o755);
  assert.equal(await mount(root, "/tmp/ro/d", "/tmp/bind", null, MS_BIND), 0);
  await ok(root, "close", await ok(root, "open", "/tmp/bind/inside", O_CREAT | O_RDWR, 0o644));
  await ok(root, "stat", "/tmp/ro/d/inside", root.buf(144));
  // Linking and renaming between two mounts of one filesystem is still EXDEV.
  assert.equal(await root.sys("link", root.str("/tmp/ro/f"), root.str("/tmp/bind/f2")), -E.EXDEV);
  assert.equal(await root.sys("rename", root.str("/tmp/ro/f"), root.str("/tmp/bind/f2")), -E.EXDEV);
  assert.equal(await mount(root, "none", "/tmp/bind", null, MS_REMOUNT | MS_BIND | MS_RDONLY), 0);
  assert.equal(await root.sys("unlink", root.str("/tmp/bind/inside")), -E.EROFS);
  assert.equal(await root.sys("umount2", root.str("/tmp/bind"), 0), 0);
  await ok(root, "unlink", "/tmp/ro/d/inside");
  // MNT_DETACH unmounts even when busy.
  const t = k.task();
  await ok(t, "chdir", "/tmp/ro/d");
  assert.equal(await root.sys("umount2", root.str("/tmp/ro"), 0), -E.EBUSY);
  assert.equal(await root.sys("umount2", root.str("/tmp/ro"), MNT_DETACH), 0);
  assert.equal(await root.sys("stat", root.str("/tmp/ro/d"), root.buf(144)), -E.ENOENT);
});

test("noexec mounts refuse X_OK", async () => {
  await ok(root, "mkdir", "/tmp/nx", 0o755);
  assert.equal(await mount(root, "none", "/tmp/nx", "tmpfs", MS_NOEXEC), 0);
  await ok(root, "close", await ok(root, "open", "/tmp/nx/prog", O_CREAT | O_RDWR, 0o755));
  assert.equal(await root.sys("access", root.str("/tmp/nx/prog"), 1), -E.EACCES);
  assert.equal(await root.sys("umount2", root.str("/tmp/nx"), 0), 0);
});

test("getcwd, chdir, fchdir and chroot", async () => {
  const t = k.task({ uid: 1000 });
  assert.equal(await cwd(t), "/");
  await ok(t, "chdir", "/home/user");
  assert.equal(await cwd(t), "/home/user");
  await ok(t, "chdir", "..");
  assert.equal(await cwd(t), "/home");
  const b = t.buf(16);
  assert.equal(await t.sys("getcwd", b, 5), -E.ERANGE);
  assert.equal(await t.sys("getcwd", b, 6), 6);
  assert.equal(await t.sys("getcwd", 0, 6), -E.EFAULT);
  const rows: [string, () => Promise<number>, number][] = [
    ["chdir to a file", () => t.sys("chdir", t.str("/etc/passwd")), -E.ENOTDIR],
    ["chdir missing", () => t.sys("chdir", t.str("/none")), -E.ENOENT],
    ["chdir without search permission", () => t.sys("chdir", t.str("/root")), -E.EACCES],
    ["chdir empty", () => t.sys("chdir", t.str("")), -E.ENOENT],
    ["fchdir bad fd", () => t.sys("fchdir", 99), -E.EBADF],
    ["chroot as a user", () => t.sys("chroot", t.str("/tmp")), -E.EPERM],
    ["chroot to a file, as a user", () => t.sys("chroot", t.str("/etc/passwd")), -E.ENOTDIR],
  ];
  for (const [desc, call, want] of rows) assert.equal(await call(), want, desc);
  const fd = await ok(t, "open", "/etc/passwd", O_RDONLY, 0);
  assert.equal(await t.sys("fchdir", fd), -E.ENOTDIR);
  const dfd = await ok(t, "open", "/home/user", O_PATH, 0);
  await ok(t, "fchdir", dfd);
  assert.equal(await cwd(t), "/home/user");
  // A removed working directory: getcwd is ENOENT.
  await ok(t, "mkdir", "/tmp/cwdgone", 0o755);
  await ok(t, "chdir", "/tmp/cwdgone");
  await ok(t, "rmdir", "/tmp/cwdgone");
  assert.equal(await t.sys("getcwd", t.buf(64), 64), -E.ENOENT);
  // chroot: "/" is the new root, ".." stops there, the cwd outside is "(unreachable)".
  const r = k.task();
  await ok(r, "mkdir", "/tmp/jail", 0o755);
  await ok(r, "mkdir", "/tmp/jail/in", 0o755);
  await ok(r, "chroot", "/tmp/jail");
  assert.equal(await cwd(r), "(unreachable)/");
  await ok(r, "chdir", "/in");
  assert.equal(await cwd(r), "/in");
  await ok(r, "chdir", "../../..");
  assert.equal(await cwd(r), "/");
  assert.equal(await r.sys("stat", r.str("/etc/passwd"), r.buf(144)), -E.ENOENT);
});

test("sync, syncfs, fsync, fdatasync", async () => {
  const f = await ok(root, "open", "/tmp/syncme", O_CREAT | O_RDWR, 0o644);
  const p = await ok(root, "open", "/tmp", O_PATH, 0);
  const d = await ok(root, "open", "/tmp", O_RDONLY, 0);
  assert.equal(await root.sys("sync"), 0);
  assert.equal(await root.sys("fsync", f), 0);
  assert.equal(await root.sys("fdatasync", f), 0);
  assert.equal(await root.sys("fsync", d), 0);
  assert.equal(await root.sys("syncfs", f), 0);
  assert.equal(await root.sys("fsync", 99), -E.EBADF);
  assert.equal(await root.sys("fdatasync", 99), -E.EBADF);
  assert.equal(await root.sys("syncfs", 99), -E.EBADF);
  assert.equal(await root.sys("fsync", p), -E.EBADF);
});
