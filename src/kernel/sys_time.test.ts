// Time and scheduling calls against Linux: clocks and their errors, sleeps that take their time,
// EINTR with the time left, restarts after a signal with no handler, and priorities.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import { EINVAL, EFAULT, EPERM, EINTR, EACCES, ESRCH, EOPNOTSUPP } from "../include/uapi/errno.js";
import { SIGUSR1, SIGCONT } from "../include/uapi/signal.js";

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ts(k: KTask, sec: bigint, nsec: bigint): number {
  const p = k.buf(16);
  k.task.mm!.view.setBigInt64(p, sec, true);
  k.task.mm!.view.setBigInt64(p + 8, nsec, true);
  return p;
}
const readNs = (k: KTask, p: number) =>
  k.task.mm!.view.getBigInt64(p, true) * 1000000000n + k.task.mm!.view.getBigInt64(p + 8, true);

function handle(k: KTask, sig: number): Promise<number> {
  const a = k.buf(32);
  k.task.mm!.view.setBigUint64(a, 0x4242n, true);
  return k.sys("rt_sigaction", sig, a, 0, 8);
}

test("clock_gettime and clock_getres: every clock id, and EINVAL/EFAULT", async () => {
  const k = ktest().task();
  const p = k.buf(16);
  for (let clk = 0; clk <= 7; clk++) assert.equal(await k.sys("clock_gettime", clk, p), 0, `clock ${clk}`);
  for (const clk of [8, 9, 10, 12, 100, -5]) assert.equal(await k.sys("clock_gettime", clk, p), -EINVAL, `clock ${clk}`);
  assert.equal(await k.sys("clock_gettime", 1, 0), -EFAULT);
  await k.sys("clock_gettime", 0, p);
  const real = Number(readNs(k, p) / 1000000n);
  assert.ok(Math.abs(real - Date.now()) < 2000, "CLOCK_REALTIME is the wall-clock time");
  await k.sys("clock_gettime", 1, p);
  const a = readNs(k, p);
  await delay(5);
  await k.sys("clock_gettime", 1, p);
  assert.ok(readNs(k, p) - a >= 4_000_000n, "CLOCK_MONOTONIC advances");
  assert.equal(await k.sys("clock_getres", 1, p), 0);
  assert.equal(readNs(k, p), 1n);
  assert.equal(await k.sys("clock_getres", 6, p), 0);
  assert.equal(readNs(k, p), 4_000_000n);
  assert.equal(await k.sys("clock_getres", 0, 0), 0);
  assert.equal(await k.sys("clock_getres", 42, p), -EINVAL);
  // A CPU clock of the caller (clock_getcpuclockid(0)) and of a missing process.
  assert.equal(await k.sys("clock_gettime", -6, p), 0);
  assert.equal(await k.sys("clock_gettime", ~(999999 << 3) | 2, p), -EINVAL);
});

test("nanosleep: EINVAL and EFAULT, and it sleeps its time", async () => {
  const k = ktest().task();
  assert.equal(await k.sys("nanosleep", ts(k, 0n, 1000000000n), 0), -EINVAL);
  assert.equal(await k.sys("nanosleep", ts(k, 0n, -1n), 0), -EINVAL);
  assert.equal(await k.sys("nanosleep", ts(k, -1n, 0n), 0), -EINVAL);
  assert.equal(await k.sys("nanosleep", 8, 0), -EFAULT);
  assert.equal(await k.sys("nanosleep", ts(k, 0n, 0n), 0), 0);
  const t0 = performance.now();
  assert.equal(await k.sys("nanosleep", ts(k, 0n, 30_000_000n), 0), 0);
  assert.ok(performance.now() - t0 >= 29, `slept ${performance.now() - t0} ms`);
});

test("nanosleep: a handled signal ends it with EINTR and the time left in rem", async () => {
  const k = ktest().task();
  const other = ktest().task();
  await handle(k, SIGUSR1);
  const rem = k.buf(16);
  const p = k.sys("nanosleep", ts(k, 2n, 0n), rem);
  await delay(50);
  assert.equal(await other.sys("kill", k.task.pid, SIGUSR1), 0);
  assert.equal(await p, -EINTR);
  const left = readNs(k, rem);
  assert.ok(left > 1_500_000_000n && left < 2_000_000_000n, `rem ${left}`);
  assert.equal(k.task.sigFrames.length, 1);
  k.task.sigFrames = [];
});

test("nanosleep: a signal with no handler does not cut the sleep short", async () => {
  const k = ktest().task();
  const other = ktest().task();
  const t0 = performance.now();
  const p = k.sys("nanosleep", ts(k, 0n, 120_000_000n), 0);
  await delay(30);
  assert.equal(await other.sys("kill", k.task.pid, SIGCONT), 0);
  assert.equal(await p, 0);
  assert.ok(performance.now() - t0 >= 115, `slept ${performance.now() - t0} ms`);
});

test("clock_nanosleep: clocks that cannot sleep, TIMER_ABSTIME, bad values", async () => {
  const k = ktest().task();
  assert.equal(await k.sys("clock_nanosleep", 4, 0, ts(k, 0n, 1n), 0), -EOPNOTSUPP);
  assert.equal(await k.sys("clock_nanosleep", 6, 0, ts(k, 0n, 1n), 0), -EOPNOTSUPP);
  assert.equal(await k.sys("clock_nanosleep", 99, 0, ts(k, 0n, 1n), 0), -EINVAL);
  assert.equal(await k.sys("clock_nanosleep", 1, 0, ts(k, 0n, 1000000000n), 0), -EINVAL);
  assert.equal(await k.sys("clock_nanosleep", 1, 1, ts(k, 0n, 0n), 0), 0); // a time long past
  const now = k.buf(16);
  await k.sys("clock_gettime", 1, now);
  const until = readNs(k, now) + 40_000_000n;
  const t0 = performance.now();
  assert.equal(await k.sys("clock_nanosleep", 1, 1, ts(k, until / 1000000000n, until % 1000000000n), 0), 0);
  assert.ok(performance.now() - t0 >= 35);
  await k.sys("clock_gettime", 1, now);
  assert.ok(readNs(k, now) >= until);
});

test("gettimeofday, settimeofday, clock_settime and time", async () => {
  const k = ktest().task();
  const u = ktest().task({ uid: 1000 });
  const tv = k.buf(16), tz = k.buf(8);
  assert.equal(await k.sys("gettimeofday", tv, 0), 0);
  assert.equal(await k.sys("gettimeofday", 0, tz), 0);
  assert.equal(await k.sys("gettimeofday", 8, 0), -EFAULT);
  const sec = Number(k.task.mm!.view.getBigInt64(tv, true));
  assert.ok(Math.abs(sec - Date.now() / 1000) < 2);
  assert.equal(await u.sys("settimeofday", 0, 0), -EPERM);
  assert.equal(await k.sys("settimeofday", ts(k, 100n, 1000000n), 0), -EINVAL);
  assert.equal(await u.sys("clock_settime", 0, ts(u, 100n, 0n)), -EPERM);
  assert.equal(await k.sys("clock_settime", 1, ts(k, 100n, 0n)), -EINVAL);
  assert.equal(await k.sys("clock_settime", 0, ts(k, 100n, 1000000000n)), -EINVAL);
  // Move the clock forward an hour and back.
  const now = k.buf(16);
  await k.sys("clock_gettime", 0, now);
  const ns = readNs(k, now) + 3600n * 1000000000n;
  assert.equal(await k.sys("clock_settime", 0, ts(k, ns / 1000000000n, ns % 1000000000n)), 0);
  const t = await k.sys("time", 0);
  assert.ok(Math.abs(t - (Date.now() / 1000 + 3600)) < 2, `time ${t}`);
  const back = ns - 3600n * 1000000000n;
  assert.equal(await k.sys("clock_settime", 0, ts(k, back / 1000000000n, back % 1000000000n)), 0);
  const tloc = k.buf(8);
  const t2 = await k.sys("time", tloc);
  assert.equal(Number(k.task.mm!.view.getBigInt64(tloc, true)), t2);
  assert.ok(Math.abs(t2 - Date.now() / 1000) < 2);
  assert.equal(await k.sys("time", 8), -EFAULT);
});

test("times, getrusage and sysinfo", async () => {
  const k = ktest().task();
  const ticks = await k.sys("times", k.buf(32));
  assert.ok(ticks > 1717956918, `times() ${ticks}`); // jiffies start 300 s before 2^32
  assert.equal(await k.sys("getrusage", 5, k.buf(144)), -EINVAL);
  assert.equal(await k.sys("getrusage", 0, k.buf(144)), 0);
  assert.equal(await k.sys("getrusage", -1, k.buf(144)), 0);
  assert.equal(await k.sys("getrusage", 0, 8), -EFAULT);
  const si = k.buf(112);
  assert.equal(await k.sys("sysinfo", si), 0);
  const v = k.task.mm!.view;
  assert.ok(v.getBigInt64(si, true) >= 1n, "uptime rounds up");
  assert.ok(v.getBigUint64(si + 32, true) > 0n, "totalram");
  assert.ok(v.getBigUint64(si + 40, true) <= v.getBigUint64(si + 32, true), "freeram <= totalram");
  assert.ok(v.getUint16(si + 80, true) >= 2, "procs");
  assert.equal(v.getUint32(si + 104, true), 1, "mem_unit");
});

test("sched_yield, priorities, affinity, getcpu", async () => {
  const k = ktest().task();
  const u = ktest().task({ uid: 1000 });
  assert.equal(await k.sys("sched_yield"), 0);
  assert.equal(await u.sys("getpriority", 0, 0), 20);
  assert.equal(await u.sys("getpriority", 7, 0), -EINVAL);
  assert.equal(await u.sys("getpriority", 0, 999999), -ESRCH);
  assert.equal(await u.sys("setpriority", 0, 0, 5), 0);
  assert.equal(await u.sys("getpriority", 0, 0), 15);
  assert.equal(await u.sys("setpriority", 0, 0, 0), -EACCES);
  assert.equal(await u.sys("setpriority", 0, k.task.pid, 5), -EPERM);
  assert.equal(await k.sys("setpriority", 0, 0, -5), 0);
  assert.equal(await k.sys("getpriority", 0, 0), 25);
  assert.equal(await k.sys("setpriority", 0, 0, 100), 0);
  assert.equal(await k.sys("getpriority", 0, 0), 1, "clamped to nice 19");
  const mask = k.buf(128);
  assert.equal(await k.sys("sched_getaffinity", 0, 4, mask), -EINVAL);
  assert.equal(await k.sys("sched_getaffinity", 0, 12, mask), -EINVAL);
  assert.equal(await k.sys("sched_getaffinity", 999999, 8, mask), -ESRCH);
  assert.equal(await k.sys("sched_getaffinity", 0, 128, mask), 8);
  assert.equal(k.bytes(mask, 1)[0], 1);
  const cpu = k.buf(4), node = k.buf(4);
  k.task.mm!.view.setInt32(cpu, 7, true);
  assert.equal(await k.sys("getcpu", cpu, node, 0), 0);
  assert.equal(k.u32(cpu), 0);
});
