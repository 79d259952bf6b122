// poll, ppoll, select and pselect6: ready masks of pipes and plain files, POLLNVAL and EBADF,
// timeouts (and the time left written back), sleeping until a write, and signals (EINTR,
// ppoll's temporary mask).
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import * as E from "../include/uapi/errno.js";
import { O_CREAT, O_RDWR, O_PATH, O_RDONLY } from "../include/uapi/fcntl.js";
import { POLLIN, POLLOUT, POLLHUP, POLLERR, POLLNVAL, POLLRDNORM, POLLWRNORM, POLLPRI } from "./file.js";
import { SIGUSR1 } from "../include/uapi/signal.js";
import { sendSignal } from "../kernel/signal.js";
import { sigbit } from "../kernel/task.js";
import { fget } from "./file_table.js";

const k = ktest();

async function pipe(t: KTask): Promise<[number, number]> {
  const p = t.buf(8);
  assert.equal(await t.sys("pipe2", p, 0), 0);
  return [t.u32(p), t.u32(p + 4)];
}

/** A pollfd array; returns its address. */
function pollfds(t: KTask, entries: [number, number][]): number {
  const p = t.buf(entries.length * 8);
  const v = t.task.mm!.view;
  entries.forEach(([fd, ev], i) => { v.setInt32(p + i * 8, fd, true); v.setInt16(p + i * 8 + 4, ev, true); v.setInt16(p + i * 8 + 6, 0x7777, true); });
  return p;
}
const revents = (t: KTask, p: number, n: number) => Array.from({ length: n }, (_, i) => t.task.mm!.view.getUint16(p + i * 8 + 6, true));

function fdset(t: KTask, fds: number[]): number {
  const p = t.buf(128);
  for (const fd of fds) t.task.mm!.bytes[p + (fd >> 3)] |= 1 << (fd & 7);
  return p;
}
function members(t: KTask, p: number, n: number): number[] {
  const out: number[] = [];
  for (let fd = 0; fd < n; fd++) if (t.task.mm!.bytes[p + (fd >> 3)] & (1 << (fd & 7))) out.push(fd);
  return out;
}
function timeval(t: KTask, sec: number, frac: number): number {
  const p = t.buf(16);
  t.task.mm!.view.setBigInt64(p, BigInt(sec), true);
  t.task.mm!.view.setBigInt64(p + 8, BigInt(frac), true);
  return p;
}
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => { done = true; });
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
}

test("poll: masks of pipe ends and files, POLLNVAL, negative fds, errno", async () => {
  const t = k.task();
  const [r, w] = await pipe(t);
  const f = await t.sys("open", t.str("/tmp/polltest"), O_CREAT | O_RDWR, 0o644);
  const opath = await t.sys("open", t.str("/tmp"), O_PATH, 0);
  const all = POLLIN | POLLOUT | POLLPRI | POLLRDNORM | POLLWRNORM;
  let p = pollfds(t, [[r, all], [w, all], [f, all], [99, POLLIN], [-1, POLLIN], [opath, POLLIN], [w, 0]]);
  assert.equal(await t.sys("poll", p, 7, 0), 4);
  assert.deepEqual(revents(t, p, 7), [0, POLLOUT | POLLWRNORM, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM, POLLNVAL, 0, POLLNVAL, 0]);
  assert.equal(await t.sys("write", w, t.str("x"), 1), 1);
  p = pollfds(t, [[r, POLLIN], [r, POLLOUT]]);
  assert.equal(await t.sys("poll", p, 2, 0), 1);
  assert.deepEqual(revents(t, p, 2), [POLLIN, 0]);
  // The writer gone: POLLHUP (always reported, even unasked) next to the data still there.
  const r2 = await t.sys("dup", r);
  assert.equal(await t.sys("close", w), 0);
  p = pollfds(t, [[r, POLLIN], [r2, 0]]);
  assert.equal(await t.sys("poll", p, 2, 0), 2);
  assert.deepEqual(revents(t, p, 2), [POLLIN | POLLHUP, POLLHUP]);
  // The readers gone: POLLERR on the write end.
  const [r3, w3] = await pipe(t);
  assert.equal(await t.sys("close", r3), 0);
  p = pollfds(t, [[w3, POLLOUT]]);
  assert.equal(await t.sys("poll", p, 1, 0), 1);
  assert.deepEqual(revents(t, p, 1), [POLLOUT | POLLERR]);
  assert.equal(await t.sys("poll", p, 1025, 0), -E.EINVAL);
  assert.equal(await t.sys("poll", 0, 1, 0), -E.EFAULT);
  assert.equal(await t.sys("poll", 0, 0, 0), 0);
});

test("poll sleeps until a write, or until its timeout", async () => {
  const a = k.task(), b = k.task();
  const [r, w] = await pipe(a);
  const bw = b.task.files.install(fget(a.task.files.get(w)));
  const p = pollfds(a, [[r, POLLIN]]);
  const t0 = performance.now();
  assert.equal(await a.sys("poll", p, 1, 30), 0);
  assert.ok(performance.now() - t0 >= 25);
  assert.deepEqual(revents(a, p, 1), [0]);
  const waiting = a.sys("poll", p, 1, -1);
  assert.equal(await settled(waiting), false);
  assert.equal(await b.sys("write", bw, b.str("go"), 2), 2);
  assert.equal(await waiting, 1);
  assert.deepEqual(revents(a, p, 1), [POLLIN]);
});

test("a signal interrupts poll and select with EINTR once a handler runs", async () => {
  const t = k.task();
  t.task.sighand[SIGUSR1].handler = 0x1000;
  const [r] = await pipe(t);
  const polling = t.sys("poll", pollfds(t, [[r, POLLIN]]), 1, -1);
  assert.equal(await settled(polling), false);
  sendSignal(t.task, SIGUSR1);
  assert.equal(await polling, -E.EINTR);
  // The handler "returns" (rt_sigreturn): its frame goes, the mask is restored.
  t.task.blocked = t.task.sigFrames.pop()!.savedMask;
  const selecting = t.sys("select", r + 1, fdset(t, [r]), 0, 0, 0);
  assert.equal(await settled(selecting), false);
  sendSignal(t.task, SIGUSR1);
  assert.equal(await selecting, -E.EINTR);
  assert.deepEqual(t.task.sigFrames.map((f) => f.sig), [SIGUSR1]);
});

test("ppoll: timespec errno, and the temporary mask lets a blocked signal in", async () => {
  const t = k.task();
  t.task.sighand[SIGUSR1].handler = 0x1000;
  const [r] = await pipe(t);
  const p = pollfds(t, [[r, POLLIN]]);
  assert.equal(await t.sys("ppoll", p, 1, timeval(t, 0, 1e9), 0, 8), -E.EINVAL);
  assert.equal(await t.sys("ppoll", p, 1, timeval(t, -1, 0), 0, 8), -E.EINVAL);
  const mask = t.buf(8);
  assert.equal(await t.sys("ppoll", p, 1, timeval(t, 0, 0), mask, 4), -E.EINVAL);
  // The time left is written back.
  const ts = timeval(t, 0, 20e6);
  assert.equal(await t.sys("ppoll", p, 1, ts, 0, 8), 0);
  assert.deepEqual([t.i64(ts), t.i64(ts + 8)], [0, 0]);
  // SIGUSR1 blocked outside, unblocked during ppoll: it interrupts, and the handler runs with
  // the old mask saved in its frame.
  t.task.blocked = sigbit(SIGUSR1);
  const waiting = t.sys("ppoll", p, 1, 0, mask, 8);
  assert.equal(await settled(waiting), false);
  assert.equal(t.task.blocked, 0n);
  sendSignal(t.task, SIGUSR1);
  assert.equal(await waiting, -E.EINTR);
  const frame = t.task.sigFrames.pop()!;
  assert.equal(frame.sig, SIGUSR1);
  assert.equal(frame.savedMask, sigbit(SIGUSR1));
  // Without a signal the old mask is back when ppoll returns.
  t.task.blocked = sigbit(SIGUSR1);
  assert.equal(await t.sys("ppoll", p, 1, timeval(t, 0, 0), mask, 8), 0);
  assert.equal(t.task.blocked, sigbit(SIGUSR1));
  assert.equal(t.task.savedSigmask, null);
});

test("select: ready sets, EBADF, EINVAL, time left", async () => {
  const t = k.task();
  const [r, w] = await pipe(t);
  const f = await t.sys("open", t.str("/tmp/seltest"), O_CREAT | O_RDWR, 0o644);
  let rd = fdset(t, [r, f]), wr = fdset(t, [r, w, f]), ex = fdset(t, [r, w, f]);
  assert.equal(await t.sys("select", 64, rd, wr, ex, timeval(t, 0, 0)), 3);
  assert.deepEqual(members(t, rd, 64), [f]);
  assert.deepEqual(members(t, wr, 64), [w, f]);
  assert.deepEqual(members(t, ex, 64), []);
  assert.equal(await t.sys("write", w, t.str("x"), 1), 1);
  rd = fdset(t, [r]);
  assert.equal(await t.sys("select", r + 1, rd, 0, 0, 0), 1);
  assert.deepEqual(members(t, rd, 64), [r]);
  // Only descriptors below nfds count.
  rd = fdset(t, [r]);
  assert.equal(await t.sys("select", r, rd, 0, 0, timeval(t, 0, 0)), 0);
  assert.equal(await t.sys("select", 64, fdset(t, [50]), 0, 0, timeval(t, 0, 0)), -E.EBADF);
  assert.equal(await t.sys("select", -1, 0, 0, 0, 0), -E.EINVAL);
  assert.equal(await t.sys("select", 1, 0, 0, 0, timeval(t, 0, 1e6)), -E.EINVAL);
  assert.equal(await t.sys("select", 1, 0, 0, 0, timeval(t, -1, 0)), -E.EINVAL);
  assert.equal(await t.sys("select", 64, 8, 0, 0, 0), -E.EFAULT);
  // A timeout: nothing ready, the timeval counts down to zero.
  const [r2] = await pipe(t);
  const tv = timeval(t, 0, 20000);
  rd = fdset(t, [r2]);
  assert.equal(await t.sys("select", r2 + 1, rd, 0, 0, tv), 0);
  assert.deepEqual(members(t, rd, 64), []);
  assert.deepEqual([t.i64(tv), t.i64(tv + 8)], [0, 0]);
  const rest = timeval(t, 5, 0);
  assert.equal(await t.sys("select", 64, fdset(t, [f]), 0, 0, rest), 1);
  assert.equal(t.i64(rest), 4);
  assert.ok(t.i64(rest + 8) > 900000);
  // An O_PATH descriptor is never ready, but is not EBADF either.
  const op = await t.sys("open", t.str("/tmp"), O_PATH | O_RDONLY, 0);
  assert.equal(await t.sys("select", op + 1, fdset(t, [op]), 0, 0, timeval(t, 0, 0)), 0);
});

test("pselect6: sigmask argument checked, sleeps until a write", async () => {
  const a = k.task(), b = k.task();
  const [r, w] = await pipe(a);
  const bw = b.task.files.install(fget(a.task.files.get(w)));
  const sig = a.buf(16);
  const mask = a.buf(8);
  a.task.mm!.view.setBigInt64(sig, BigInt(mask), true);
  a.task.mm!.view.setBigInt64(sig + 8, 4n, true);
  assert.equal(await a.sys("pselect6", r + 1, fdset(a, [r]), 0, 0, 0, sig), -E.EINVAL);
  a.task.mm!.view.setBigInt64(sig + 8, 8n, true);
  const rd = fdset(a, [r]);
  const waiting = a.sys("pselect6", r + 1, rd, 0, 0, 0, sig);
  assert.equal(await settled(waiting), false);
  assert.equal(await b.sys("write", bw, b.str("!"), 1), 1);
  assert.equal(await waiting, 1);
  assert.deepEqual(members(a, rd, 64), [r]);
});
