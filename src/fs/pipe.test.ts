// Pipes and FIFOs: flags, errno, capacity and atomicity, blocking between two tasks, EOF, EPIPE,
// packet mode, F_GETPIPE_SZ/F_SETPIPE_SZ and the opening rules of FIFOs, as Linux has them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import {
  O_CLOEXEC, O_NONBLOCK, O_DIRECT, O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_APPEND, F_GETFD, F_GETFL, F_SETFL,
  F_GETPIPE_SZ, F_SETPIPE_SZ,
} from "../include/uapi/fcntl.js";
import { STAT, S_IFIFO } from "../include/uapi/stat.js";
import { FIONREAD } from "../include/uapi/ioctls.js";
import { SIGPIPE } from "../include/uapi/signal.js";
import { fget } from "./file_table.js";

const k = ktest();

async function pipe(t: KTask, flags = 0): Promise<[number, number]> {
  const p = t.buf(8);
  assert.equal(await t.sys("pipe2", p, flags), 0);
  return [t.u32(p), t.u32(p + 4)];
}

/** Give task b its own descriptor for a's file (as if inherited). */
function share(a: KTask, fd: number, b: KTask): number {
  return b.task.files.install(fget(a.task.files.get(fd)));
}

/** Has p settled after the event loop has had a few turns? */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => { done = true; }, () => { done = true; });
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
}

test("pipe2 flags, descriptors and their errno", async () => {
  const t = k.task();
  assert.equal(await t.sys("pipe2", t.buf(8), O_RDWR), -E.EINVAL);
  assert.equal(await t.sys("pipe2", t.buf(8), 0o100000 /* O_LARGEFILE */), -E.EINVAL);
  assert.equal(await t.sys("pipe2", 0, 0), -E.EFAULT);
  assert.equal(await t.sys("pipe", 8, 0), -E.EFAULT);
  // A failed pipe2 leaves no descriptors behind: the next pipe gets 0 and 1.
  const [r, w] = await pipe(t, O_CLOEXEC | O_NONBLOCK);
  assert.deepEqual([r, w], [0, 1]);
  assert.equal(await t.sys("fcntl", r, F_GETFD), 1);
  assert.equal(await t.sys("fcntl", w, F_GETFD), 1);
  assert.equal(await t.sys("fcntl", r, F_GETFL), O_RDONLY | O_NONBLOCK);
  assert.equal(await t.sys("fcntl", w, F_GETFL), O_WRONLY | O_NONBLOCK);
  const [r2, w2] = await pipe(t);
  assert.equal(await t.sys("fcntl", r2, F_GETFD), 0);
  assert.equal(await t.sys("fcntl", r2, F_GETFL), O_RDONLY);
  assert.equal(await t.sys("fcntl", w2, F_GETFL), O_WRONLY);
});

test("a pipe is a FIFO with no position: fstat, lseek, pread, the wrong end", async () => {
  const t = k.task({ uid: 1000 });
  const [r, w] = await pipe(t);
  const st = t.buf(144);
  assert.equal(await t.sys("fstat", r, st), 0);
  assert.equal(t.u32(st + STAT.st_mode), S_IFIFO | 0o600);
  assert.equal(t.u32(st + STAT.st_uid), 1000);
  assert.equal(t.i64(st + STAT.st_size), 0);
  const ino = t.i64(st + STAT.st_ino);
  assert.equal(await t.sys("fstat", w, st), 0);
  assert.equal(t.i64(st + STAT.st_ino), ino);
  const b = t.buf(16);
  const rows: [string, number[], number][] = [
    ["lseek", [r, 0, 0], -E.ESPIPE],
    ["lseek", [w, 0, 1], -E.ESPIPE],
    ["pread64", [r, b, 1, 0], -E.ESPIPE],
    ["pwrite64", [w, b, 1, 0], -E.ESPIPE],
    ["write", [r, b, 1], -E.EBADF],
    ["read", [w, b, 1], -E.EBADF],
    ["write", [w, 0, 1], -E.EFAULT],
    ["write", [w, b, 0], 0],
  ];
  for (const [name, args, want] of rows) assert.equal(await t.sys(name, ...args), want, `${name}(${args})`);
});

test("data, EAGAIN on an empty pipe, end of file once the writers are gone", async () => {
  const t = k.task();
  const [r, w] = await pipe(t, O_NONBLOCK);
  const b = t.buf(16);
  assert.equal(await t.sys("read", r, b, 16), -E.EAGAIN);
  assert.equal(await t.sys("write", w, t.str("hello"), 5), 5);
  assert.equal(await t.sys("write", w, t.str(" world"), 6), 6);
  assert.equal(await t.sys("read", r, b, 3), 3);
  assert.equal(t.text(b, 3), "hel");
  assert.equal(await t.sys("read", r, b, 16), 8);
  assert.equal(t.text(b, 8), "lo world");
  const w2 = await t.sys("dup", w);
  assert.equal(await t.sys("close", w), 0);
  assert.equal(await t.sys("read", r, b, 16), -E.EAGAIN);
  assert.equal(await t.sys("close", w2), 0);
  assert.equal(await t.sys("read", r, b, 16), 0);
});

test("capacity 64 KiB; writes up to PIPE_BUF are atomic, longer ones may be partial", async () => {
  const t = k.task();
  const [r, w] = await pipe(t, O_NONBLOCK);
  assert.equal(await t.sys("fcntl", r, F_GETPIPE_SZ), 65536);
  const big = t.buf(70000);
  assert.equal(await t.sys("write", w, big, 65536), 65536);
  assert.equal(await t.sys("write", w, big, 1), -E.EAGAIN);
  const n = t.buf(4);
  assert.equal(await t.sys("ioctl", r, FIONREAD, n), 0);
  assert.equal(t.u32(n), 65536);
  assert.equal(await t.sys("read", r, big, 100), 100);
  assert.equal(await t.sys("write", w, big, 4096), -E.EAGAIN);
  assert.equal(await t.sys("write", w, big, 5000), 100);
  assert.equal(await t.sys("read", r, big, 70000), 65536);
  assert.equal(await t.sys("read", r, big, 1), -E.EAGAIN);
});

test("bytes come out in order across the ring's wrap-around", async () => {
  const t = k.task();
  const [r, w] = await pipe(t, O_NONBLOCK);
  const src = t.buf(40000), dst = t.buf(40000);
  for (let i = 0; i < 40000; i++) t.task.mm!.bytes[src + i] = (i * 7) & 0xff;
  let sum = 0;
  for (let round = 0; round < 5; round++) {
    assert.equal(await t.sys("write", w, src, 40000), 40000);
    assert.equal(await t.sys("read", r, dst, 40000), 40000);
    assert.deepEqual(t.bytes(dst, 40000), t.bytes(src, 40000));
    sum += 40000;
  }
  assert.equal(sum, 200000);
});

test("a write with no reader is EPIPE and raises SIGPIPE", async () => {
  const t = k.task();
  t.task.sighand[SIGPIPE].handler = 0x1234;
  const [r, w] = await pipe(t);
  assert.equal(await t.sys("close", r), 0);
  assert.equal(await t.sys("write", w, t.str("x"), 1), -E.EPIPE);
  assert.deepEqual(t.task.sigFrames.map((f) => f.sig), [SIGPIPE]);
});

test("a read sleeps until another task writes; a write sleeps until there is room", async () => {
  const a = k.task(), b = k.task();
  const [r, w] = await pipe(a);
  const bw = share(a, w, b);
  const buf = a.buf(65536);
  const pending = a.sys("read", r, buf, 100);
  assert.equal(await settled(pending), false);
  assert.equal(await b.sys("write", bw, b.str("ping"), 4), 4);
  assert.equal(await pending, 4);
  assert.equal(a.text(buf, 4), "ping");
  // Fill the pipe, then a further write waits for the reader.
  const src = b.buf(70000);
  assert.equal(await b.sys("write", bw, src, 65536), 65536);
  const blocked = b.sys("write", bw, src, 10);
  assert.equal(await settled(blocked), false);
  assert.equal(await a.sys("read", r, buf, 65536), 65536);
  assert.equal(await blocked, 10);
  // A long write goes through in pieces while the reader drains.
  const long = b.sys("write", bw, src, 70000);
  let got = 0;
  while (got < 70010) got += await a.sys("read", r, buf, 65536);
  assert.equal(await long, 70000);
  assert.equal(got, 70010);
  // The last writer's close wakes a sleeping reader with end of file.
  const eof = a.sys("read", r, buf, 10);
  assert.equal(await settled(eof), false);
  assert.equal(await a.sys("close", w), 0);
  assert.equal(await settled(eof), false);
  assert.equal(await b.sys("close", bw), 0);
  assert.equal(await eof, 0);
});

test("O_DIRECT: packet mode, one write per read", async () => {
  const t = k.task();
  const [r, w] = await pipe(t, O_DIRECT | O_NONBLOCK);
  assert.equal(await t.sys("fcntl", r, F_GETFL), O_RDONLY | O_NONBLOCK | O_DIRECT);
  assert.equal(await t.sys("write", w, t.str("abc"), 3), 3);
  assert.equal(await t.sys("write", w, t.str("defg"), 4), 4);
  const b = t.buf(16);
  assert.equal(await t.sys("read", r, b, 16), 3);
  assert.equal(t.text(b, 3), "abc");
  assert.equal(await t.sys("read", r, b, 2), 2);
  assert.equal(t.text(b, 2), "de");
  // The rest of a packet read short is discarded.
  assert.equal(await t.sys("read", r, b, 16), -E.EAGAIN);
  // O_DIRECT cannot be set on a pipe afterwards (no direct I/O).
  const [r2] = await pipe(t);
  assert.equal(await t.sys("fcntl", r2, F_SETFL, O_DIRECT), -E.EINVAL);
});

test("F_GETPIPE_SZ and F_SETPIPE_SZ", async () => {
  const t = k.task();
  const u = k.task({ uid: 1000 });
  const [r, w] = await pipe(t, O_NONBLOCK);
  const rows: [number, number][] = [[0, 4096], [1, 4096], [5000, 8192], [65536, 65536], [1 << 20, 1 << 20], [(1 << 20) + 1, 2 << 20]];
  for (const [arg, want] of rows) {
    assert.equal(await t.sys("fcntl", w, F_SETPIPE_SZ, arg), want, `F_SETPIPE_SZ ${arg}`);
    assert.equal(await t.sys("fcntl", r, F_GETPIPE_SZ), want);
  }
  assert.equal(await t.sys("fcntl", w, F_SETPIPE_SZ, -1), -E.EINVAL);
  assert.equal(await t.sys("write", w, t.buf(10000), 10000), 10000);
  assert.equal(await t.sys("fcntl", w, F_SETPIPE_SZ, 4096), -E.EBUSY);
  assert.equal(await t.sys("fcntl", w, F_SETPIPE_SZ, 16384), 16384);
  const b = t.buf(10000);
  assert.equal(await t.sys("read", r, b, 10000), 10000);
  // A one-page pipe takes 4096 bytes.
  assert.equal(await t.sys("fcntl", w, F_SETPIPE_SZ, 4096), 4096);
  assert.equal(await t.sys("write", w, b, 5000), 4096);
  // Above /proc/sys/fs/pipe-max-size only with privilege.
  const [, uw] = await pipe(u);
  assert.equal(await u.sys("fcntl", uw, F_SETPIPE_SZ, 2 << 20), -E.EPERM);
  assert.equal(await u.sys("fcntl", uw, F_SETPIPE_SZ, 1 << 20), 1 << 20);
  const fd = await t.sys("open", t.str("/tmp/pipe-notapipe"), O_CREAT | O_RDWR, 0o644);
  assert.equal(await t.sys("fcntl", fd, F_GETPIPE_SZ), -E.EBADF);
  assert.equal(await t.sys("fcntl", fd, F_SETPIPE_SZ, 4096), -E.EBADF);
});

test("FIFOs: opening rules, data through the inode's pipe, ESPIPE", async () => {
  const a = k.task(), b = k.task();
  const path = "/tmp/fifo1";
  assert.equal(await a.sys("mknod", a.str(path), S_IFIFO | 0o666, 0), 0);
  const st = a.buf(144);
  assert.equal(await a.sys("stat", a.str(path), st), 0);
  assert.equal(a.u32(st + STAT.st_mode), S_IFIFO | 0o644);
  // No reader: a non-blocking open for writing is ENXIO; for reading it succeeds at once.
  assert.equal(await a.sys("open", a.str(path), O_WRONLY | O_NONBLOCK, 0), -E.ENXIO);
  const rnb = await a.sys("open", a.str(path), O_RDONLY | O_NONBLOCK, 0);
  assert.ok(rnb >= 0);
  const buf = a.buf(16);
  assert.equal(await a.sys("read", rnb, buf, 16), 0, "no writer: end of file");
  const wnb = await a.sys("open", a.str(path), O_WRONLY | O_NONBLOCK, 0);
  assert.ok(wnb >= 0);
  assert.equal(await a.sys("write", wnb, a.str("fifo"), 4), 4);
  assert.equal(await a.sys("read", rnb, buf, 16), 4);
  assert.equal(await a.sys("lseek", rnb, 0, 0), -E.ESPIPE);
  assert.equal(await a.sys("close", wnb), 0);
  assert.equal(await a.sys("close", rnb), 0);
  // A blocking open for reading waits for a writer, and the writer's open completes it.
  const ropen = a.sys("open", a.str(path), O_RDONLY, 0);
  assert.equal(await settled(ropen), false);
  const wfd = await b.sys("open", b.str(path), O_WRONLY, 0);
  assert.ok(wfd >= 0);
  const rfd = await ropen;
  assert.ok(rfd >= 0);
  assert.equal(await b.sys("write", wfd, b.str("hi"), 2), 2);
  assert.equal(await a.sys("read", rfd, buf, 16), 2);
  assert.equal(a.text(buf, 2), "hi");
  assert.equal(await b.sys("close", wfd), 0);
  assert.equal(await a.sys("read", rfd, buf, 16), 0);
  // A blocking open for writing waits for a reader.
  assert.equal(await a.sys("close", rfd), 0);
  const wopen = b.sys("open", b.str(path), O_WRONLY, 0);
  assert.equal(await settled(wopen), false);
  const rfd2 = await a.sys("open", a.str(path), O_RDONLY, 0);
  assert.ok(rfd2 >= 0);
  assert.ok((await wopen) >= 0);
  // O_RDWR never waits.
  const rw = await a.sys("open", a.str(path), O_RDWR, 0);
  assert.ok(rw >= 0);
  assert.equal(await a.sys("open", a.str(path), O_RDONLY | O_DIRECT, 0), -E.EINVAL);
  assert.equal(await a.sys("open", a.str(path), O_WRONLY | O_APPEND | O_NONBLOCK, 0) >= 0, true);
});
