// Signal system calls against Linux's errno and behaviour: kill's permission and target rules,
// sigaction round trips, masks, pending sets, delivery on the way out of a call, sigsuspend,
// sigtimedwait, alarms and interval timers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import { EINVAL, ESRCH, EPERM, EINTR, EAGAIN, ENOMEM, EFAULT } from "../include/uapi/errno.js";
import { SIGKILL, SIGSTOP, SIGUSR1, SIGUSR2, SIGTERM, SIGALRM, SIGCHLD, SIG_IGN, SA_RESTART, SA_SIGINFO, SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK } from "../include/uapi/signal.js";
import { findTask } from "./pid.js";

const bit = (sig: number) => 1n << BigInt(sig - 1);
const HANDLER = 0x4242;

function sigset(k: KTask, set: bigint): number {
  const p = k.buf(8);
  k.task.mm!.view.setBigUint64(p, set, true);
  return p;
}
function readSet(k: KTask, p: number): bigint { return k.task.mm!.view.getBigUint64(p, true); }

function act(k: KTask, handler: number, flags = 0, mask = 0n): number {
  const p = k.buf(32);
  const v = k.task.mm!.view;
  v.setBigUint64(p, BigInt(handler), true);
  v.setBigUint64(p + 8, BigInt(flags >>> 0), true);
  v.setBigUint64(p + 24, mask, true);
  return p;
}

/** What libc does with the frames a call left: they run, then rt_sigreturn. */
function takeFrames(k: KTask) {
  const frames = k.task.sigFrames;
  k.task.activeFrames.push(...frames);
  k.task.sigFrames = [];
  return frames;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("kill: errno for bad signals, missing processes and foreign processes", async () => {
  const k = ktest().task();
  const u = ktest().task({ uid: 1000 });
  const rows: [KTask, number, number, number][] = [
    [k, k.task.pid, 65, -EINVAL],
    [k, k.task.pid, -1, -EINVAL],
    [k, 999999, 0, -ESRCH],
    [k, 999999, 99, -ESRCH],        // Linux looks the process up before checking the signal
    [k, -999999, 0, -ESRCH],
    [k, -0x80000000, 0, -ESRCH],
    [k, k.task.pid, 0, 0],
    [k, 0, 0, 0],
    [u, k.task.pid, SIGTERM, -EPERM],
    [u, k.task.pid, 0, -EPERM],
    [u, 1, SIGTERM, -EPERM],
    [u, u.task.pid, 0, 0],
  ];
  for (const [who, pid, sig, want] of rows) {
    assert.equal(await who.sys("kill", pid, sig), want, `kill(${pid}, ${sig}) as uid ${who.task.cred.uid}`);
  }
  // kill(-1) skips what the caller may not signal and reports no error for it.
  const lone = ktest().task({ uid: 4242 });
  assert.equal(await lone.sys("kill", -1, 0), 0);
});

test("kill: init ignores signals it has no handler for, SIGKILL included", async () => {
  const k = ktest().task();
  assert.equal(await k.sys("kill", 1, SIGKILL), 0);
  assert.equal(await k.sys("kill", 1, SIGTERM), 0);
  const init = findTask(1)!;
  assert.ok(init.isAlive());
  assert.equal(init.pending & (bit(SIGKILL) | bit(SIGTERM)), 0n);
});

test("tkill and tgkill", async () => {
  const k = ktest().task();
  const o = ktest().task();
  assert.equal(await k.sys("tkill", 0, 0), -EINVAL);
  assert.equal(await k.sys("tkill", 999999, 0), -ESRCH);
  assert.equal(await k.sys("tkill", k.task.pid, 0), 0);
  assert.equal(await k.sys("tgkill", 0, k.task.pid, 0), -EINVAL);
  assert.equal(await k.sys("tgkill", k.task.pid, o.task.pid, 0), -ESRCH);
  assert.equal(await k.sys("tgkill", o.task.pid, o.task.pid, 0), 0);
  assert.equal(await k.sys("tgkill", o.task.pid, o.task.pid, 77), -EINVAL);
});

test("rt_sigaction: round trip, flags and mask Linux keeps, and its errors", async () => {
  const k = ktest().task();
  const a = act(k, HANDLER, SA_RESTART | SA_SIGINFO | 0x100, bit(SIGKILL) | bit(SIGUSR2));
  assert.equal(await k.sys("rt_sigaction", SIGUSR1, a, 0, 4), -EINVAL);
  assert.equal(await k.sys("rt_sigaction", SIGKILL, a, 0, 8), -EINVAL);
  assert.equal(await k.sys("rt_sigaction", SIGSTOP, a, 0, 8), -EINVAL);
  assert.equal(await k.sys("rt_sigaction", 0, a, 0, 8), -EINVAL);
  assert.equal(await k.sys("rt_sigaction", 65, a, 0, 8), -EINVAL);
  assert.equal(await k.sys("rt_sigaction", SIGUSR1, 8, 0, 8), -EFAULT);
  assert.equal(await k.sys("rt_sigaction", SIGKILL, 0, k.buf(32), 8), 0);
  assert.equal(await k.sys("rt_sigaction", SIGUSR1, a, 0, 8), 0);
  const old = k.buf(32);
  assert.equal(await k.sys("rt_sigaction", SIGUSR1, 0, old, 8), 0);
  const v = k.task.mm!.view;
  assert.equal(Number(v.getBigUint64(old, true)), HANDLER);
  assert.equal(Number(v.getBigUint64(old + 8, true)), SA_RESTART | SA_SIGINFO);
  assert.equal(v.getBigUint64(old + 24, true), bit(SIGUSR2));
});

test("rt_sigprocmask and rt_sigpending: blocking, SIGKILL never blocked, pending bit", async () => {
  const k = ktest().task();
  const old = k.buf(8);
  assert.equal(await k.sys("rt_sigprocmask", SIG_BLOCK, sigset(k, bit(SIGUSR1)), 0, 4), -EINVAL);
  assert.equal(await k.sys("rt_sigprocmask", 7, sigset(k, bit(SIGUSR1)), 0, 8), -EINVAL);
  assert.equal(await k.sys("rt_sigprocmask", 7, 0, old, 8), 0);
  assert.equal(await k.sys("rt_sigprocmask", SIG_BLOCK, sigset(k, bit(SIGUSR1) | bit(SIGKILL) | bit(SIGSTOP)), old, 8), 0);
  assert.equal(readSet(k, old), 0n);
  assert.equal(k.task.blocked, bit(SIGUSR1));
  assert.equal(await k.sys("rt_sigaction", SIGUSR1, act(k, HANDLER), 0, 8), 0);
  assert.equal(await k.sys("kill", k.task.pid, SIGUSR1), 0);
  const pend = k.buf(8);
  assert.equal(await k.sys("rt_sigpending", pend, 8), 0);
  assert.equal(readSet(k, pend), bit(SIGUSR1));
  assert.equal(await k.sys("rt_sigpending", pend, 9), -EINVAL);
  // Unblocking delivers it on the way out of the call: a frame for the handler.
  assert.equal(await k.sys("rt_sigprocmask", SIG_UNBLOCK, sigset(k, bit(SIGUSR1)), 0, 8), 0);
  const frames = takeFrames(k);
  assert.equal(frames.length, 1);
  assert.equal(frames[0].sig, SIGUSR1);
  assert.equal(frames[0].handler, HANDLER);
  assert.ok(k.task.blocked & bit(SIGUSR1), "the signal is blocked while its handler runs");
  assert.equal(await k.sys("rt_sigreturn"), 0);
  assert.equal(k.task.blocked, 0n);
  assert.equal(await k.sys("rt_sigprocmask", SIG_SETMASK, sigset(k, 0n), 0, 8), 0);
});

test("setting SIG_IGN discards a pending signal", async () => {
  const k = ktest().task();
  await k.sys("rt_sigprocmask", SIG_BLOCK, sigset(k, bit(SIGUSR2)), 0, 8);
  await k.sys("kill", k.task.pid, SIGUSR2);
  assert.ok(k.task.pending & bit(SIGUSR2));
  assert.equal(await k.sys("rt_sigaction", SIGUSR2, act(k, SIG_IGN), 0, 8), 0);
  assert.equal(k.task.pending & bit(SIGUSR2), 0n);
});

test("a signal without a handler kills a sleeping process; with one, pause returns EINTR", async () => {
  const victim = ktest().task({ uid: 1000 });
  const sender = ktest().task({ uid: 1000 });
  const p = victim.sys("pause");
  await delay(10);
  assert.equal(await sender.sys("kill", victim.task.pid, SIGTERM), 0);
  await p;
  assert.equal(victim.task.isAlive(), false);
  assert.equal(victim.task.exitCode, SIGTERM);

  const k = ktest().task();
  await k.sys("rt_sigaction", SIGUSR1, act(k, HANDLER), 0, 8);
  const q = k.sys("pause");
  await delay(10);
  await sender.sys("kill", k.task.pid, SIGUSR1); // EPERM: other uid
  assert.equal(await ktest().task().sys("kill", k.task.pid, SIGUSR1), 0);
  assert.equal(await q, -EINTR);
  assert.equal(takeFrames(k)[0].sig, SIGUSR1);
});

test("rt_sigsuspend: runs the handler under the temporary mask, then restores the old one", async () => {
  const k = ktest().task();
  await k.sys("rt_sigaction", SIGUSR1, act(k, HANDLER), 0, 8);
  await k.sys("rt_sigprocmask", SIG_SETMASK, sigset(k, bit(SIGUSR1) | bit(SIGUSR2)), 0, 8);
  assert.equal(await k.sys("rt_sigsuspend", sigset(k, 0n), 4), -EINVAL);
  const p = k.sys("rt_sigsuspend", sigset(k, bit(SIGUSR2)), 8);
  await delay(10);
  assert.equal(k.task.blocked, bit(SIGUSR2));
  await ktest().task().sys("kill", k.task.pid, SIGUSR1);
  assert.equal(await p, -EINTR);
  const [f] = takeFrames(k);
  assert.equal(f.sig, SIGUSR1);
  assert.equal(await k.sys("rt_sigreturn"), 0);
  assert.equal(k.task.blocked, bit(SIGUSR1) | bit(SIGUSR2));
});

test("rt_sigtimedwait: takes a blocked signal with its siginfo, EAGAIN on timeout", async () => {
  const k = ktest().task();
  await k.sys("rt_sigprocmask", SIG_BLOCK, sigset(k, bit(SIGUSR2) | bit(SIGCHLD)), 0, 8);
  const ts = (ms: number) => { const p = k.buf(16); k.task.mm!.view.setBigInt64(p + 8, BigInt(ms * 1e6), true); return p; };
  assert.equal(await k.sys("rt_sigtimedwait", sigset(k, bit(SIGUSR2)), 0, ts(0), 8), -EAGAIN);
  const t0 = performance.now();
  assert.equal(await k.sys("rt_sigtimedwait", sigset(k, bit(SIGUSR2)), 0, ts(30), 8), -EAGAIN);
  assert.ok(performance.now() - t0 >= 25);
  await k.sys("kill", k.task.pid, SIGUSR2);
  const info = k.buf(128);
  assert.equal(await k.sys("rt_sigtimedwait", sigset(k, bit(SIGUSR2)), info, 0, 8), SIGUSR2);
  assert.equal(k.task.mm!.view.getInt32(info, true), SIGUSR2);
  assert.equal(k.task.mm!.view.getInt32(info + 8, true), 0); // SI_USER
  assert.equal(k.task.mm!.view.getInt32(info + 16, true), k.task.pid);
  // A signal whose default is to ignore is kept while it is waited for.
  const p = k.sys("rt_sigtimedwait", sigset(k, bit(SIGCHLD)), 0, 0, 8);
  await delay(10);
  await ktest().task().sys("kill", k.task.pid, SIGCHLD);
  assert.equal(await p, SIGCHLD);
  const bad = k.buf(16);
  k.task.mm!.view.setBigInt64(bad + 8, 1000000000n, true);
  assert.equal(await k.sys("rt_sigtimedwait", sigset(k, bit(SIGUSR2)), 0, bad, 8), -EINVAL);
});

test("alarm and setitimer: SIGALRM on time, the time left reported", async () => {
  const k = ktest().task();
  assert.equal(await k.sys("alarm", 5), 0);
  assert.equal(await k.sys("alarm", 0), 5);
  assert.equal(await k.sys("alarm", 0), 0);
  assert.equal(await k.sys("getitimer", 3, k.buf(32)), -EINVAL);
  await k.sys("rt_sigaction", SIGALRM, act(k, HANDLER), 0, 8);
  const it = k.buf(32);
  k.task.mm!.view.setBigInt64(it + 24, 40000n, true); // it_value 40 ms
  const bad = k.buf(32);
  k.task.mm!.view.setBigInt64(bad + 24, 1000000n, true);
  assert.equal(await k.sys("setitimer", 0, bad, 0), -EINVAL);
  const t0 = performance.now();
  assert.equal(await k.sys("setitimer", 0, it, 0), 0);
  const cur = k.buf(32);
  assert.equal(await k.sys("getitimer", 0, cur), 0);
  const leftUs = Number(k.task.mm!.view.getBigInt64(cur + 24, true));
  assert.ok(leftUs > 0 && leftUs <= 40000, `left ${leftUs}`);
  assert.equal(await k.sys("pause"), -EINTR);
  assert.ok(performance.now() - t0 >= 35);
  assert.equal(takeFrames(k)[0].sig, SIGALRM);
});

test("sigaltstack: record, report, and reject what Linux rejects", async () => {
  const k = ktest().task();
  const ss = k.buf(24), old = k.buf(24);
  const v = k.task.mm!.view;
  assert.equal(await k.sys("sigaltstack", 0, old), 0);
  assert.equal(v.getInt32(old + 8, true), 2); // SS_DISABLE
  v.setBigUint64(ss, 0x10008000n, true);
  v.setBigUint64(ss + 16, 1000n, true);
  assert.equal(await k.sys("sigaltstack", ss, 0), -ENOMEM);
  v.setInt32(ss + 8, 5, true);
  assert.equal(await k.sys("sigaltstack", ss, 0), -EINVAL);
  v.setInt32(ss + 8, 0, true);
  v.setBigUint64(ss + 16, 65536n, true);
  assert.equal(await k.sys("sigaltstack", ss, 0), 0);
  assert.equal(await k.sys("sigaltstack", 0, old), 0);
  assert.equal(v.getBigUint64(old, true), 0x10008000n);
  assert.equal(v.getBigUint64(old + 16, true), 65536n);
  assert.equal(v.getInt32(old + 8, true), 0);
});
