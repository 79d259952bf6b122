// exit and wait: wait4's errno and options, zombies reaped once, stop and continue reports,
// waitid's siginfo, SIGCHLD ignored (children reaped at once), orphans handed to init.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ktest, type KTask } from "../tests/ktest.js";
import { ECHILD, EINVAL, ESRCH } from "../include/uapi/errno.js";
import { SIGCHLD, SIGSTOP, SIGCONT, SIGKILL, SIGUSR1, SIGHUP, SIG_IGN } from "../include/uapi/signal.js";
import { WNOHANG, WUNTRACED, WCONTINUED, WEXITED, WSTOPPED, WNOWAIT, exitStatus, signalStatus, P_ALL, P_PID, P_PGID } from "../include/uapi/wait.js";
import { copyProcess } from "./fork.js";
import { doExit, getInitTask } from "./exit.js";
import { sendSignal, exitToUserMode } from "./signal.js";
import { procState } from "./proc_state.js";
import type { Task } from "./task.js";

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const child = (k: KTask) => copyProcess(k.task, SIGCHLD);

async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out");
    await delay(5);
  }
}

function setAction(k: KTask, sig: number, handler: number): Promise<number> {
  const a = k.buf(32);
  k.task.mm!.view.setBigUint64(a, BigInt(handler), true);
  return k.sys("rt_sigaction", sig, a, 0, 8);
}

test("wait4: ECHILD, EINVAL for unknown options, WNOHANG, and a zombie reaped once", async () => {
  const k = ktest().task();
  assert.equal(await k.sys("wait4", -1, 0, 0, 0), -ECHILD);
  assert.equal(await k.sys("wait4", -1, 0, WNOHANG, 0), -ECHILD);
  assert.equal(await k.sys("wait4", -1, 0, 0x100, 0), -EINVAL);
  assert.equal(await k.sys("wait4", -1, 0, WNOWAIT, 0), -EINVAL, "wait4 does not take WNOWAIT");
  assert.equal(await k.sys("wait4", -0x80000000, 0, 0, 0), -ESRCH);
  const c = child(k);
  assert.equal(await k.sys("wait4", -1, 0, WNOHANG, 0), 0);
  assert.equal(await k.sys("wait4", c.pid + 1000, 0, WNOHANG, 0), -ECHILD);
  await setAction(k, SIGCHLD, 0x4242);
  await doExit(c, exitStatus(3));
  assert.ok(k.task.pending & (1n << BigInt(SIGCHLD - 1)), "the parent got SIGCHLD");
  const st = k.buf(4), ru = k.buf(144);
  assert.equal(await k.sys("wait4", -1, st, 0, ru), c.pid);
  assert.equal(k.u32(st), 0x300);
  assert.equal(await k.sys("wait4", -1, st, WNOHANG, 0), -ECHILD, "reaped once");
  k.task.sigFrames = [];
});

test("wait4 sleeps until a child exits; pid 0 and -pgid select by process group", async () => {
  const k = ktest().task();
  const c1 = child(k), c2 = child(k);
  c2.pgid = c2.pid;
  const p = k.sys("wait4", 0, 0, 0, 0);
  await delay(10);
  await doExit(c2, exitStatus(0));
  await delay(10);
  await doExit(c1, signalStatus(SIGKILL));
  assert.equal(await p, c1.pid, "wait4(0) waits only for the caller's group");
  const st = k.buf(4);
  assert.equal(await k.sys("wait4", -c2.pid, st, 0, 0), c2.pid);
  assert.equal(k.u32(st), 0);
});

/** Stop c (as delivering SIGSTOP on its way out of a call does); resolves once it runs again. */
function stopChild(c: Task): Promise<number> {
  sendSignal(c, SIGSTOP);
  return Promise.resolve(exitToUserMode(c, 0));
}

test("wait4 reports stopped children with WUNTRACED and continued ones with WCONTINUED", async () => {
  const k = ktest().task();
  const c = child(k);
  const running = stopChild(c);
  const st = k.buf(4);
  assert.equal(await k.sys("wait4", c.pid, st, WNOHANG, 0), 0, "a stop is not reported without WUNTRACED");
  assert.equal(await k.sys("wait4", c.pid, st, WUNTRACED, 0), c.pid);
  assert.equal(k.u32(st), (SIGSTOP << 8) | 0x7f);
  assert.equal(await k.sys("wait4", c.pid, st, WUNTRACED | WNOHANG, 0), 0, "reported once");
  sendSignal(c, SIGCONT);
  assert.equal(await k.sys("wait4", c.pid, st, WCONTINUED, 0), c.pid);
  assert.equal(k.u32(st), 0xffff);
  await running;
  await doExit(c, exitStatus(0));
  assert.equal(await k.sys("wait4", c.pid, 0, 0, 0), c.pid);
});

test("waitid: options, idtypes, and the siginfo it fills", async () => {
  const k = ktest().task();
  const info = k.buf(128);
  const v = k.task.mm!.view;
  assert.equal(await k.sys("waitid", P_ALL, 0, info, 0, 0), -EINVAL);
  assert.equal(await k.sys("waitid", P_ALL, 0, info, WEXITED | 0x100, 0), -EINVAL);
  assert.equal(await k.sys("waitid", P_PID, 0, info, WEXITED, 0), -EINVAL);
  assert.equal(await k.sys("waitid", 7, 0, info, WEXITED, 0), -EINVAL);
  assert.equal(await k.sys("waitid", P_ALL, 0, info, WEXITED, 0), -ECHILD);
  const c = child(k);
  v.setInt32(info, 99, true);
  assert.equal(await k.sys("waitid", P_PID, c.pid, info, WEXITED | WNOHANG, 0), 0);
  assert.equal(v.getInt32(info, true), 0, "nothing to report: si_signo is 0");
  await doExit(c, signalStatus(SIGKILL));
  assert.equal(await k.sys("waitid", P_PID, c.pid, info, WEXITED | WNOWAIT, 0), 0);
  assert.equal(v.getInt32(info, true), SIGCHLD);
  assert.equal(v.getInt32(info + 8, true), 2, "CLD_KILLED");
  assert.equal(v.getInt32(info + 16, true), c.pid);
  assert.equal(v.getInt32(info + 20, true), 0);
  assert.equal(v.getInt32(info + 24, true), SIGKILL);
  assert.equal(await k.sys("waitid", P_PGID, 0, info, WEXITED, 0), 0, "WNOWAIT left it to be waited for");
  assert.equal(v.getInt32(info + 16, true), c.pid);
  assert.equal(await k.sys("waitid", P_ALL, 0, info, WEXITED | WNOHANG, 0), -ECHILD);

  const d = child(k);
  const running = stopChild(d);
  assert.equal(await k.sys("waitid", P_PID, d.pid, info, WSTOPPED, 0), 0);
  assert.equal(v.getInt32(info + 8, true), 5, "CLD_STOPPED");
  assert.equal(v.getInt32(info + 24, true), SIGSTOP);
  sendSignal(d, SIGCONT);
  assert.equal(await k.sys("waitid", P_PID, d.pid, info, WCONTINUED, 0), 0);
  assert.equal(v.getInt32(info + 8, true), 6, "CLD_CONTINUED");
  assert.equal(v.getInt32(info + 24, true), SIGCONT);
  await running;
  await doExit(d, exitStatus(7));
  assert.equal(await k.sys("waitid", P_ALL, 0, info, WEXITED, 0), 0);
  assert.equal(v.getInt32(info + 8, true), 1, "CLD_EXITED");
  assert.equal(v.getInt32(info + 24, true), 7);
});

test("SIGCHLD set to SIG_IGN: children are reaped at once and wait4 finds none", async () => {
  const k = ktest().task();
  await setAction(k, SIGCHLD, SIG_IGN);
  const c = child(k);
  const p = k.sys("wait4", -1, 0, 0, 0);
  await delay(10);
  await doExit(c, exitStatus(0));
  assert.equal(c.exitState, "dead");
  assert.equal(await p, -ECHILD);
});

test("orphans go to init, which reaps them; the parent-death signal is sent", async () => {
  const k = ktest().task();
  const c = child(k);
  procState(c).pdeathsig = SIGUSR1;
  await setActionOf(c, SIGUSR1);
  await doExit(k.task, exitStatus(0));
  assert.equal(c.parent, getInitTask());
  assert.ok(getInitTask()!.children.has(c));
  assert.ok(c.pending & (1n << BigInt(SIGUSR1 - 1)), "pdeathsig delivered");
  await doExit(c, exitStatus(0));
  await until(() => c.exitState === "dead");
});

/** Give task c a handler for sig without a KTask (c is a copyProcess child). */
async function setActionOf(c: Task, sig: number): Promise<void> {
  c.sighand[sig] = { handler: 0x4242, flags: 0, mask: 0n, restorer: 0 };
}

test("a process group orphaned with a stopped member gets SIGHUP and SIGCONT", async () => {
  const k = ktest().task();
  const c = child(k);
  c.pgid = c.pid; // its own group, in its parent's session
  c.sighand[SIGHUP] = { handler: 0x4242, flags: 0, mask: 0n, restorer: 0 };
  const running = stopChild(c);
  await delay(5);
  await doExit(k.task, exitStatus(0));
  await running;
  assert.ok(c.pending & (1n << BigInt(SIGHUP - 1)) || c.sigFrames.some((f) => f.sig === SIGHUP), "SIGHUP sent");
  assert.ok(c.isAlive());
  await doExit(c, exitStatus(0));
});
