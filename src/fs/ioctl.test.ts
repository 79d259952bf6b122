// ioctl: the generic commands (FIOCLEX, FIONCLEX, FIONBIO, FIOASYNC, FIONREAD, FIOQSIZE,
// FIGETBSZ), the driver's ioctl for the rest, and ENOTTY/EBADF/EFAULT as Linux gives them;
// sendfile and copy_file_range, which move data between two descriptors inside the kernel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import { O_CREAT, O_RDWR, O_RDONLY, O_WRONLY, O_PATH, O_APPEND, O_NONBLOCK, F_GETFD, F_GETFL, SEEK_CUR } from "../include/uapi/fcntl.js";
import { FIOCLEX, FIONCLEX, FIONBIO, FIONREAD, TCGETS } from "../include/uapi/ioctls.js";
import { FIOASYNC, FIOQSIZE, FIGETBSZ } from "./ioctl.js";

const k = ktest();
let seq = 0;

async function file(t: KTask, content: string, flags = O_CREAT | O_RDWR): Promise<number> {
  const fd = await t.sys("open", t.str(`/tmp/ioctl${seq++}`), flags, 0o644);
  assert.ok(fd >= 0);
  if (content) assert.equal(await t.sys("write", fd, t.str(content), content.length), content.length);
  return fd;
}
function int(t: KTask, v: number): number {
  const p = t.buf(8);
  t.task.mm!.view.setInt32(p, v, true);
  return p;
}

test("ioctl errno: bad descriptors, O_PATH, unknown commands, bad pointers", async () => {
  const t = k.task();
  const fd = await file(t, "");
  const op = await t.sys("open", t.str("/tmp"), O_PATH, 0);
  const rows: [number, number, number, number][] = [
    [-1, FIOCLEX, 0, -E.EBADF],
    [999, FIONREAD, t.buf(4), -E.EBADF],
    [op, FIOCLEX, 0, -E.EBADF],
    [fd, TCGETS, t.buf(64), -E.ENOTTY],
    [fd, 0x12345678, 0, -E.ENOTTY],
    [fd, FIONREAD, 0, -E.EFAULT],
    [fd, FIONBIO, 0, -E.EFAULT],
    [fd, FIOASYNC, int(t, 1), -E.ENOTTY],
    [fd, FIOASYNC, int(t, 0), 0],
  ];
  for (const [f, cmd, arg, want] of rows) assert.equal(await t.sys("ioctl", f, cmd, arg), want, `ioctl(${f}, ${cmd.toString(16)})`);
});

test("FIOCLEX, FIONCLEX and FIONBIO change the descriptor and file flags", async () => {
  const t = k.task();
  const fd = await file(t, "");
  assert.equal(await t.sys("ioctl", fd, FIOCLEX, 0), 0);
  assert.equal(await t.sys("fcntl", fd, F_GETFD), 1);
  assert.equal(await t.sys("ioctl", fd, FIONCLEX, 0), 0);
  assert.equal(await t.sys("fcntl", fd, F_GETFD), 0);
  assert.equal(await t.sys("ioctl", fd, FIONBIO, int(t, 1)), 0);
  assert.equal(await t.sys("fcntl", fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
  assert.equal(await t.sys("ioctl", fd, FIONBIO, int(t, 0)), 0);
  assert.equal(await t.sys("fcntl", fd, F_GETFL) & O_NONBLOCK, 0);
  // On a pipe, FIONBIO makes an empty read EAGAIN.
  const p = t.buf(8);
  assert.equal(await t.sys("pipe", p), 0);
  const r = t.u32(p);
  assert.equal(await t.sys("ioctl", r, FIONBIO, int(t, 7)), 0);
  assert.equal(await t.sys("read", r, t.buf(4), 4), -E.EAGAIN);
});

test("FIONREAD, FIOQSIZE and FIGETBSZ", async () => {
  const t = k.task();
  const fd = await file(t, "0123456789");
  const n = t.buf(8);
  assert.equal(await t.sys("ioctl", fd, FIONREAD, n), 0);
  assert.equal(t.u32(n), 0);
  assert.equal(await t.sys("lseek", fd, 3, 0), 3);
  assert.equal(await t.sys("ioctl", fd, FIONREAD, n), 0);
  assert.equal(t.u32(n), 7);
  assert.equal(await t.sys("ioctl", fd, FIOQSIZE, n), 0);
  assert.equal(t.i64(n), 10);
  assert.equal(await t.sys("ioctl", fd, FIGETBSZ, n), 0);
  assert.equal(t.u32(n), 4096);
  const p = t.buf(8);
  assert.equal(await t.sys("pipe", p), 0);
  assert.equal(await t.sys("write", t.u32(p + 4), t.str("abc"), 3), 3);
  assert.equal(await t.sys("ioctl", t.u32(p), FIONREAD, n), 0);
  assert.equal(t.u32(n), 3);
  assert.equal(await t.sys("ioctl", t.u32(p), FIOQSIZE, n), -E.ENOTTY);
});

test("sendfile: from a file to a pipe, with and without an offset; errno", async () => {
  const t = k.task();
  const src = await file(t, "hello, sendfile");
  const p = t.buf(8);
  assert.equal(await t.sys("pipe2", p, O_NONBLOCK), 0);
  const [r, w] = [t.u32(p), t.u32(p + 4)];
  const off = t.buf(8);
  t.task.mm!.view.setBigInt64(off, 7n, true);
  assert.equal(await t.sys("sendfile", w, src, off, 100), 8);
  assert.equal(t.i64(off), 15);
  assert.equal(await t.sys("lseek", src, 0, SEEK_CUR), 15, "the file offset is not used when an offset is given");
  const b = t.buf(64);
  assert.equal(await t.sys("read", r, b, 64), 8);
  assert.equal(t.text(b, 8), "sendfile");
  assert.equal(await t.sys("lseek", src, 0, 0), 0);
  assert.equal(await t.sys("sendfile", w, src, 0, 5), 5);
  assert.equal(await t.sys("lseek", src, 0, SEEK_CUR), 5);
  assert.equal(await t.sys("read", r, b, 64), 5);
  assert.equal(t.text(b, 5), "hello");
  const wo = await file(t, "", O_CREAT | O_WRONLY);
  const app = await file(t, "", O_CREAT | O_WRONLY | O_APPEND);
  const rows: [number[], number][] = [
    [[w, 999, 0, 1], -E.EBADF],
    [[999, src, 0, 1], -E.EBADF],
    [[w, wo, 0, 1], -E.EBADF],
    [[r, src, 0, 1], -E.EBADF],
    [[w, r, off, 1], -E.ESPIPE],
    [[app, src, 0, 1], -E.EINVAL],
    [[w, src, 8, 1], -E.EFAULT],
    [[w, src, 0, 0], 0],
  ];
  for (const [args, want] of rows) assert.equal(await t.sys("sendfile", ...args), want, `sendfile(${args})`);
});

test("copy_file_range between regular files; errno", async () => {
  const t = k.task();
  const a = await file(t, "abcdefghij");
  const bfd = await file(t, "");
  const offIn = t.buf(8);
  t.task.mm!.view.setBigInt64(offIn, 2n, true);
  assert.equal(await t.sys("copy_file_range", a, offIn, bfd, 0, 100, 0), 8);
  assert.equal(t.i64(offIn), 10);
  assert.equal(await t.sys("lseek", bfd, 0, SEEK_CUR), 8);
  const buf = t.buf(16);
  assert.equal(await t.sys("pread64", bfd, buf, 16, 0), 8);
  assert.equal(t.text(buf, 8), "cdefghij");
  const p = t.buf(8);
  assert.equal(await t.sys("pipe", p), 0);
  const ro = await t.sys("open", t.str(`/tmp/ioctl${seq - 1}`), O_RDONLY, 0);
  const dir = await t.sys("open", t.str("/tmp"), O_RDONLY, 0);
  const at = (v: number) => { const q = t.buf(8); t.task.mm!.view.setBigInt64(q, BigInt(v), true); return q; };
  const rows: [number[], number][] = [
    [[a, 0, bfd, 0, 1, 1], -E.EINVAL],
    [[999, 0, bfd, 0, 1, 0], -E.EBADF],
    [[a, 0, t.u32(p + 4), 0, 1, 0], -E.EINVAL],
    [[dir, 0, bfd, 0, 1, 0], -E.EISDIR],
    [[a, 0, ro, 0, 1, 0], -E.EBADF],
    [[a, at(0), a, at(2), 5, 0], -E.EINVAL],
    [[a, at(-1), bfd, 0, 5, 0], -E.EINVAL],
    [[a, at(0), a, at(5), 5, 0], 5],
    [[a, 8, bfd, 0, 1, 0], -E.EFAULT],
    [[a, offIn, bfd, 0, 1, 0], 0],
  ];
  for (const [args, want] of rows) assert.equal(await t.sys("copy_file_range", ...args), want, `copy_file_range(${args})`);
});
