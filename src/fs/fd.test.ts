// dup, dup2, dup3, fcntl and close_range: what each returns and its errno, shared offsets and
// status flags, close-on-exec, and POSIX and OFD record locks between two processes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import {
  O_CREAT, O_RDWR, O_RDONLY, O_WRONLY, O_APPEND, O_NONBLOCK, O_CLOEXEC, O_PATH, O_NOATIME, O_TRUNC, O_EXCL,
  O_LARGEFILE, F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETLK, F_SETLK, F_SETLKW,
  F_GETOWN, F_SETOWN, FD_CLOEXEC, SEEK_SET, SEEK_CUR, SEEK_END,
} from "../include/uapi/fcntl.js";

const k = ktest();
let seq = 0;

async function openTmp(t: KTask, flags = O_CREAT | O_RDWR): Promise<number> {
  const fd = await t.sys("open", t.str(`/tmp/fdtest${seq++}`), flags, 0o644);
  assert.ok(fd >= 0, `open: ${fd}`);
  return fd;
}

test("dup, dup2, dup3: results and errno", async () => {
  const t = k.task();
  const fd = await openTmp(t);
  const rows: [string, number[], number][] = [
    ["dup", [fd], fd + 1],
    ["dup", [-1], -E.EBADF],
    ["dup", [999], -E.EBADF],
    ["dup2", [fd, fd], fd],
    ["dup2", [999, 999], -E.EBADF],
    ["dup2", [-1, -1], -E.EBADF],
    ["dup2", [fd, 10], 10],
    ["dup2", [fd, -1], -E.EBADF],
    ["dup2", [fd, 1024], -E.EBADF],
    ["dup2", [999, 11], -E.EBADF],
    ["dup3", [fd, fd, 0], -E.EINVAL],
    ["dup3", [-1, -1, 0], -E.EINVAL],
    ["dup3", [fd, 12, O_NONBLOCK], -E.EINVAL],
    ["dup3", [fd, 12, O_CLOEXEC], 12],
    ["dup3", [fd, -5, 0], -E.EBADF],
    ["dup3", [999, 13, 0], -E.EBADF],
  ];
  for (const [name, args, want] of rows) assert.equal(await t.sys(name, ...args), want, `${name}(${args})`);
  assert.equal(await t.sys("fcntl", 10, F_GETFD), 0);
  assert.equal(await t.sys("fcntl", 12, F_GETFD), FD_CLOEXEC);
  assert.equal(await t.sys("fcntl", 13, F_GETFD), -E.EBADF);
});

test("dup shares the offset and status flags; close-on-exec stays with the descriptor", async () => {
  const t = k.task();
  const fd = await openTmp(t);
  assert.equal(await t.sys("write", fd, t.str("abcdef"), 6), 6);
  const d = await t.sys("dup", fd);
  assert.equal(await t.sys("lseek", d, 0, SEEK_CUR), 6);
  assert.equal(await t.sys("lseek", fd, 2, SEEK_SET), 2);
  assert.equal(await t.sys("lseek", d, 0, SEEK_CUR), 2);
  assert.equal(await t.sys("fcntl", fd, F_SETFL, O_APPEND), 0);
  assert.equal(await t.sys("fcntl", d, F_GETFL) & O_APPEND, O_APPEND);
  assert.equal(await t.sys("fcntl", fd, F_SETFD, FD_CLOEXEC), 0);
  assert.equal(await t.sys("fcntl", d, F_GETFD), 0);
  // dup2 onto an open descriptor closes it first.
  const other = await openTmp(t);
  assert.equal(await t.sys("dup2", fd, other), other);
  assert.equal(await t.sys("lseek", other, 0, SEEK_CUR), 2);
});

test("fcntl F_DUPFD and F_DUPFD_CLOEXEC take the lowest free descriptor at or above arg", async () => {
  const t = k.task();
  const fd = await openTmp(t);
  assert.equal(await t.sys("fcntl", fd, F_DUPFD, 100), 100);
  assert.equal(await t.sys("fcntl", fd, F_DUPFD, 100), 101);
  assert.equal(await t.sys("fcntl", fd, F_DUPFD_CLOEXEC, 100), 102);
  assert.equal(await t.sys("fcntl", 102, F_GETFD), FD_CLOEXEC);
  assert.equal(await t.sys("fcntl", fd, F_DUPFD, 0), fd + 1);
  assert.equal(await t.sys("fcntl", fd, F_DUPFD, 1024), -E.EINVAL);
  assert.equal(await t.sys("fcntl", fd, F_DUPFD, -1), -E.EINVAL);
  assert.equal(await t.sys("fcntl", fd, F_DUPFD, 1023), 1023);
  assert.equal(await t.sys("fcntl", fd, F_DUPFD, 1023), -E.EMFILE);
  assert.equal(await t.sys("dup", 9999), -E.EBADF);
});

test("EMFILE when the table is full", async () => {
  const t = k.task();
  t.task.files.max = 8;
  const fd = await openTmp(t);
  while ((await t.sys("dup", fd)) >= 0);
  assert.equal(await t.sys("dup", fd), -E.EMFILE);
  assert.equal(await t.sys("open", t.str("/tmp"), O_RDONLY, 0), -E.EMFILE);
  assert.equal(await t.sys("pipe2", t.buf(8), 0), -E.EMFILE);
  assert.equal(await t.sys("dup2", fd, 8), -E.EBADF);
});

test("fcntl F_GETFL and F_SETFL", async () => {
  const t = k.task({ uid: 1000 });
  const root = k.task();
  const rootFile = await openTmp(root);
  assert.equal(await root.sys("fchmod", rootFile, 0o644), 0);
  const path = `/tmp/fdtest${seq - 1}`;
  const fd = await openTmp(t, O_CREAT | O_EXCL | O_TRUNC | O_WRONLY | O_CLOEXEC | O_NONBLOCK);
  // Only the access mode and status flags show; open adds O_LARGEFILE on 64-bit.
  assert.equal(await t.sys("fcntl", fd, F_GETFL), O_WRONLY | O_NONBLOCK | O_LARGEFILE);
  // The access mode and other flags in arg are ignored; O_APPEND and O_NONBLOCK change.
  assert.equal(await t.sys("fcntl", fd, F_SETFL, O_RDWR | O_APPEND | O_TRUNC), 0);
  assert.equal(await t.sys("fcntl", fd, F_GETFL), O_WRONLY | O_APPEND | O_LARGEFILE);
  // O_NOATIME only for the owner of the file.
  assert.equal(await t.sys("fcntl", fd, F_SETFL, O_NOATIME), 0);
  assert.equal(await t.sys("fcntl", fd, F_GETFL), O_WRONLY | O_NOATIME | O_LARGEFILE);
  const theirs = await t.sys("open", t.str(path), O_RDONLY, 0);
  assert.ok(theirs >= 0);
  assert.equal(await t.sys("fcntl", theirs, F_SETFL, O_NOATIME), -E.EPERM);
  assert.equal(await root.sys("fcntl", rootFile, F_SETFL, O_NOATIME), 0);
  assert.equal(await t.sys("fcntl", fd, 9999), -E.EINVAL);
  assert.equal(await t.sys("fcntl", -1, F_GETFL), -E.EBADF);
});

test("fcntl on an O_PATH descriptor: only dup, FD flags and F_GETFL", async () => {
  const t = k.task();
  const fd = await t.sys("open", t.str("/tmp"), O_PATH, 0);
  assert.ok(fd >= 0);
  assert.equal(await t.sys("fcntl", fd, F_GETFL), O_PATH);
  assert.ok((await t.sys("fcntl", fd, F_DUPFD, 0)) > fd);
  assert.equal(await t.sys("fcntl", fd, F_SETFD, FD_CLOEXEC), 0);
  assert.equal(await t.sys("fcntl", fd, F_SETFL, O_NONBLOCK), -E.EBADF);
  assert.equal(await t.sys("fcntl", fd, F_GETLK, t.buf(32)), -E.EBADF);
  assert.equal(await t.sys("fcntl", fd, F_GETOWN), -E.EBADF);
});

test("F_SETOWN and F_GETOWN", async () => {
  const t = k.task();
  const fd = await openTmp(t);
  assert.equal(await t.sys("fcntl", fd, F_GETOWN), 0);
  assert.equal(await t.sys("fcntl", fd, F_SETOWN, t.task.pid), 0);
  assert.equal(await t.sys("fcntl", fd, F_GETOWN), t.task.pid);
  assert.equal(await t.sys("fcntl", fd, F_SETOWN, -t.task.pgid), 0);
  assert.equal(await t.sys("fcntl", fd, F_GETOWN), -t.task.pgid);
  assert.equal(await t.sys("fcntl", fd, F_SETOWN, 4000000), -E.ESRCH);
});

/** Write a struct flock at a fresh address. */
function flock(t: KTask, type: number, whence: number, start: number, len: number, pid = 0): number {
  const p = t.buf(32);
  const v = t.task.mm!.view;
  v.setInt16(p, type, true);
  v.setInt16(p + 2, whence, true);
  v.setBigInt64(p + 8, BigInt(start), true);
  v.setBigInt64(p + 16, BigInt(len), true);
  v.setInt32(p + 24, pid, true);
  return p;
}
function readFlock(t: KTask, p: number) {
  const v = t.task.mm!.view;
  return { type: v.getInt16(p, true), whence: v.getInt16(p + 2, true), start: t.i64(p + 8), len: t.i64(p + 16), pid: v.getInt32(p + 24, true) };
}
const F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2, F_OFD_GETLK = 36, F_OFD_SETLK = 37;

test("POSIX record locks: conflicts, F_GETLK, errno, release on close", async () => {
  const a = k.task(), b = k.task();
  const path = `/tmp/locks${seq++}`;
  const fa = await a.sys("open", a.str(path), O_CREAT | O_RDWR, 0o666);
  const fb = await b.sys("open", b.str(path), O_RDWR, 0);
  const fbr = await b.sys("open", b.str(path), O_RDONLY, 0);
  assert.equal(await a.sys("write", fa, a.buf(100), 100), 100);
  // Errno of bad requests.
  const rows: [KTask, number, number, number, number][] = [
    [a, fa, F_SETLK, flock(a, 7, SEEK_SET, 0, 1), -E.EINVAL],
    [a, fa, F_SETLK, flock(a, F_WRLCK, 9, 0, 1), -E.EINVAL],
    [a, fa, F_SETLK, flock(a, F_WRLCK, SEEK_SET, -1, 1), -E.EINVAL],
    [a, fa, F_SETLK, flock(a, F_WRLCK, SEEK_SET, 5, -10), -E.EINVAL],
    [a, fa, F_GETLK, flock(a, F_UNLCK, SEEK_SET, 0, 1), -E.EINVAL],
    [a, fa, F_SETLK, 0, -E.EFAULT],
    [b, fbr, F_SETLK, flock(b, F_WRLCK, SEEK_SET, 0, 1), -E.EBADF],
  ];
  for (const [t, fd, cmd, p, want] of rows) assert.equal(await t.sys("fcntl", fd, cmd, p), want);
  // a write-locks [10, 20); b may lock elsewhere but not there.
  assert.equal(await a.sys("fcntl", fa, F_SETLK, flock(a, F_WRLCK, SEEK_SET, 10, 10)), 0);
  assert.equal(await b.sys("fcntl", fb, F_SETLK, flock(b, F_RDLCK, SEEK_SET, 19, 1)), -E.EAGAIN);
  assert.equal(await b.sys("fcntl", fb, F_SETLK, flock(b, F_WRLCK, SEEK_SET, 20, 5)), 0);
  // F_GETLK tells b who holds the conflicting lock.
  const q = flock(b, F_WRLCK, SEEK_SET, 0, 0);
  assert.equal(await b.sys("fcntl", fb, F_GETLK, q), 0);
  assert.deepEqual(readFlock(b, q), { type: F_WRLCK, whence: SEEK_SET, start: 10, len: 10, pid: a.task.pid });
  // Its own locks never conflict: F_GETLK over them says F_UNLCK, the rest unchanged.
  const q2 = flock(a, F_WRLCK, SEEK_SET, 10, 5, 77);
  assert.equal(await a.sys("fcntl", fa, F_GETLK, q2), 0);
  assert.deepEqual(readFlock(a, q2), { type: F_UNLCK, whence: SEEK_SET, start: 10, len: 5, pid: 77 });
  // Shared read locks coexist; a write lock over one of them does not.
  assert.equal(await a.sys("fcntl", fa, F_SETLK, flock(a, F_RDLCK, SEEK_END, -10, 10)), 0);
  assert.equal(await b.sys("fcntl", fbr, F_SETLK, flock(b, F_RDLCK, SEEK_SET, 95, 0)), 0);
  assert.equal(await b.sys("fcntl", fb, F_SETLK, flock(b, F_WRLCK, SEEK_SET, 90, 1)), -E.EAGAIN);
  // Unlocking the middle of a lock splits it.
  assert.equal(await a.sys("fcntl", fa, F_SETLK, flock(a, F_UNLCK, SEEK_SET, 12, 2)), 0);
  assert.equal(await b.sys("fcntl", fb, F_SETLK, flock(b, F_WRLCK, SEEK_SET, 12, 2)), 0);
  assert.equal(await b.sys("fcntl", fb, F_SETLK, flock(b, F_WRLCK, SEEK_SET, 11, 1)), -E.EAGAIN);
  // Closing any descriptor of the file drops all of the process's locks on it.
  const dupA = await a.sys("dup", fa);
  assert.equal(await a.sys("close", dupA), 0);
  assert.equal(await b.sys("fcntl", fb, F_SETLK, flock(b, F_WRLCK, SEEK_SET, 0, 0)), 0);
});

test("F_SETLKW sleeps until the lock is released; deadlock is EDEADLK", async () => {
  const a = k.task(), b = k.task();
  const path = `/tmp/lockw${seq++}`;
  const fa = await a.sys("open", a.str(path), O_CREAT | O_RDWR, 0o666);
  const fb = await b.sys("open", b.str(path), O_RDWR, 0);
  assert.equal(await a.sys("fcntl", fa, F_SETLK, flock(a, F_WRLCK, SEEK_SET, 0, 10)), 0);
  assert.equal(await b.sys("fcntl", fb, F_SETLK, flock(b, F_WRLCK, SEEK_SET, 10, 10)), 0);
  const waiting = b.sys("fcntl", fb, F_SETLKW, flock(b, F_WRLCK, SEEK_SET, 5, 1));
  let done = false;
  void waiting.then(() => { done = true; });
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  assert.equal(done, false);
  // a now waiting for b's lock would wait forever.
  assert.equal(await a.sys("fcntl", fa, F_SETLKW, flock(a, F_WRLCK, SEEK_SET, 15, 1)), -E.EDEADLK);
  assert.equal(await a.sys("fcntl", fa, F_SETLK, flock(a, F_UNLCK, SEEK_SET, 0, 0)), 0);
  assert.equal(await waiting, 0);
});

test("OFD locks belong to the open file", async () => {
  const a = k.task();
  const path = `/tmp/ofd${seq++}`;
  const f1 = await a.sys("open", a.str(path), O_CREAT | O_RDWR, 0o666);
  const f2 = await a.sys("open", a.str(path), O_RDWR, 0);
  assert.equal(await a.sys("fcntl", f1, F_OFD_SETLK, flock(a, F_WRLCK, SEEK_SET, 0, 10, 5)), -E.EINVAL);
  assert.equal(await a.sys("fcntl", f1, F_OFD_SETLK, flock(a, F_WRLCK, SEEK_SET, 0, 10)), 0);
  assert.equal(await a.sys("fcntl", f2, F_OFD_SETLK, flock(a, F_WRLCK, SEEK_SET, 5, 1)), -E.EAGAIN);
  const q = flock(a, F_RDLCK, SEEK_SET, 0, 0);
  assert.equal(await a.sys("fcntl", f2, F_OFD_GETLK, q), 0);
  assert.deepEqual(readFlock(a, q), { type: F_WRLCK, whence: SEEK_SET, start: 0, len: 10, pid: -1 });
  // A dup shares the open file and so the lock; closing the last descriptor releases it.
  const d = await a.sys("dup", f1);
  assert.equal(await a.sys("close", f1), 0);
  assert.equal(await a.sys("fcntl", f2, F_OFD_SETLK, flock(a, F_WRLCK, SEEK_SET, 5, 1)), -E.EAGAIN);
  assert.equal(await a.sys("close", d), 0);
  assert.equal(await a.sys("fcntl", f2, F_OFD_SETLK, flock(a, F_WRLCK, SEEK_SET, 5, 1)), 0);
});

test("close_range", async () => {
  const t = k.task();
  const fd = await openTmp(t);
  for (let i = 0; i < 5; i++) await t.sys("dup", fd);
  const rows: [number[], number][] = [
    [[5, 4, 0], -E.EINVAL],
    [[0, 10, 1], -E.EINVAL],
    [[0, 10, 8], -E.EINVAL],
  ];
  for (const [args, want] of rows) assert.equal(await t.sys("close_range", ...args), want);
  assert.equal(await t.sys("close_range", fd + 1, fd + 2, 4 /* CLOSE_RANGE_CLOEXEC */), 0);
  assert.equal(await t.sys("fcntl", fd + 1, F_GETFD), FD_CLOEXEC);
  assert.equal(await t.sys("fcntl", fd + 3, F_GETFD), 0);
  assert.equal(await t.sys("close_range", fd + 2, 0xffffffff, 0), 0);
  assert.deepEqual(t.task.files.list(), [fd, fd + 1]);
  assert.equal(await t.sys("close_range", 500, 600, 0), 0);
});
