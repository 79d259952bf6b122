// Scheduling policies end to end: chrt as util-linux prints it (the table, a process's policy,
// refusals), /proc/PID/stat's priority, rt_priority and policy fields, reset-on-fork across
// fork, <sched.h> in a user program, and the calls' errnos as Linux's strace 6.1 shows them
// (the calls are made through sysrun, one per line).
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { installProgram, runProgram } from "./harness.js";
import { L, traced, same } from "./strace_support.js";

/** sysrun's calls traced, showing only the scheduling-policy calls. */
async function tracedSched(m: Machine, calls: string[], user: "user" | "root"): Promise<string[]> {
  const prog = await installProgram(m, "sysrun");
  const trace = "sched_getscheduler,sched_setscheduler,sched_getparam,sched_setparam,"
    + "sched_get_priority_max,sched_get_priority_min,sched_rr_get_interval";
  return traced(m, prog, trace, calls, user);
}

/** Scripts: /tmp/stat prints fields 18 (priority), 19 (nice), 40 (rt_priority) and 41 (policy) of
 * its own /proc/PID/stat; /tmp/pol what chrt -p says of it; /tmp/fork both, then /tmp/stat as its child. */
async function scripts(m: Machine): Promise<void> {
  await m.writeFile("/tmp/stat", "#!/bin/sh\ncut -d' ' -f18,19,40,41 /proc/$$/stat\n", 0o755);
  await m.writeFile("/tmp/pol", "#!/bin/sh\nchrt -p $$ | cut -d: -f2\n", 0o755);
  await m.writeFile("/tmp/fork", "#!/bin/sh\ncut -d' ' -f18,19,40,41 /proc/$$/stat\nchrt -p $$ | cut -d: -f2\n/tmp/stat\n", 0o755);
}

test("chrt -m prints each policy's priority range as util-linux does", async () => {
  const m = await boot();
  try {
    const r = await m.run("chrt -m");
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, [
      "SCHED_OTHER min/max priority\t: 0/0", "SCHED_FIFO min/max priority\t: 1/99", "SCHED_RR min/max priority\t: 1/99",
      "SCHED_BATCH min/max priority\t: 0/0", "SCHED_IDLE min/max priority\t: 0/0", "SCHED_DEADLINE min/max priority\t: 0/0", "",
    ].join("\n"));
  } finally {
    await m.shutdown();
  }
});

test("chrt -p shows and sets a process's policy; a user is refused real-time policies", async () => {
  const m = await boot();
  try {
    let r = await m.run("sleep 5 & P=$!; echo $P; chrt -p $P; chrt -f -p 7 $P; echo rc=$?; kill $P");
    const pid = r.stdout.split("\n")[0];
    assert.equal(r.stdout, `${pid}\npid ${pid}'s current scheduling policy: SCHED_OTHER\npid ${pid}'s current scheduling priority: 0\nrc=1\n`);
    assert.equal(r.stderr, `chrt: failed to set pid ${pid}'s policy: Operation not permitted\n`);

    r = await m.run("chrt -f 10 true");
    assert.equal(r.status, 1);
    assert.equal(r.stderr, "chrt: failed to set pid 0's policy: Operation not permitted\n");

    // Root: -p PRIO PID with -v, the default policy SCHED_RR for a bare priority.
    r = await m.run("sleep 5 & P=$!; chrt -v -f -p 7 $P | sed \"s/$P/P/\"; chrt -p 3 $P; chrt -p $P | sed \"s/$P/P/\"; kill $P", { user: "root" });
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, [
      "pid P's current scheduling policy: SCHED_OTHER", "pid P's current scheduling priority: 0",
      "pid P's new scheduling policy: SCHED_FIFO", "pid P's new scheduling priority: 7",
      "pid P's current scheduling policy: SCHED_RR", "pid P's current scheduling priority: 3", "",
    ].join("\n"));

    // Another user's process, an unknown pid, bad arguments.
    r = await m.run("chrt -o -p 0 1; chrt -p 99999; chrt -f 100 true; chrt -o 1 true; chrt -f x true; chrt -p; chrt -f 10; chrt -o 0 /nonexistent; echo rc=$?");
    assert.equal(r.stdout, "rc=127\n");
    assert.equal(r.stderr, [
      "chrt: failed to set pid 1's policy: Operation not permitted",
      "chrt: failed to get pid 99999's policy: No such process",
      "chrt: unsupported priority value for the policy: 100: see --max for valid range",
      "chrt: unsupported priority value for the policy: 1: see --max for valid range",
      "chrt: invalid priority argument: 'x'",
      "chrt: invalid PID argument: '-p'",
      "chrt: bad usage", "Try 'chrt --help' for more information.",
      "chrt: failed to execute /nonexistent: No such file or directory", "",
    ].join("\n"));
  } finally {
    await m.shutdown();
  }
});

test("root runs a command SCHED_FIFO 10: /proc/PID/stat shows priority -11, rt_priority 10, policy 1", async () => {
  const m = await boot();
  try {
    await scripts(m);
    let r = await m.run("chrt -f 10 /tmp/pol; chrt -f 10 /tmp/stat", { user: "root" });
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, " SCHED_FIFO\n 10\n-11 0 10 1\n");
    // An ordinary process: priority 20 + nice, rt_priority 0, policy 0; SCHED_BATCH is 3.
    r = await m.run("/tmp/stat; nice -n 5 /tmp/stat; chrt -b 0 /tmp/stat");
    assert.equal(r.stdout, "20 0 0 0\n25 5 0 0\n20 0 0 3\n");
  } finally {
    await m.shutdown();
  }
});

test("SCHED_RESET_ON_FORK: the process keeps its policy, its children start as SCHED_OTHER", async () => {
  const m = await boot();
  try {
    await scripts(m);
    const r = await m.run("chrt -R -r 5 /tmp/fork", { user: "root" });
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, "-6 0 5 2\n SCHED_RR|SCHED_RESET_ON_FORK\n 5\n20 0 0 0\n");
    // Without the flag the child inherits the policy; a SCHED_BATCH child with the flag keeps
    // SCHED_BATCH but not a negative nice.
    const r2 = await m.run("chrt -r 5 /tmp/fork; nice -n -5 chrt -R -b 0 /tmp/fork", { user: "root" });
    assert.equal(r2.stdout, "-6 0 5 2\n SCHED_RR\n 5\n-6 0 5 2\n15 -5 0 3\n SCHED_BATCH|SCHED_RESET_ON_FORK\n 0\n20 0 0 3\n");
  } finally {
    await m.shutdown();
  }
});

test("a user program uses <sched.h>: SCHED_FIFO refused to a user, granted to root", async () => {
  const m = await boot();
  try {
    let r = await runProgram(m, "schedpolicy", ["10"]);
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, [
      "before: policy=0 priority=0 slice=0.004000000", "sched_setscheduler = -1 EPERM",
      "after: policy=0 priority=0 slice=0.004000000", "NULL param = -1 EINVAL", "",
    ].join("\n"));
    r = await runProgram(m, "schedpolicy", ["10"], { user: "root" });
    assert.equal(r.stdout, [
      "before: policy=0 priority=0 slice=0.004000000", "sched_setscheduler = 0",
      "after: policy=1 priority=10 slice=0.000000000", "NULL param = -1 EINVAL", "",
    ].join("\n"));
  } finally {
    await m.shutdown();
  }
});

test("the scheduling calls' errnos, as strace 6.1 prints them (user)", async () => {
  const m = await boot();
  try {
    const lines = await tracedSched(m, [
      "sched_getscheduler 0", "sched_getscheduler -1", "sched_getscheduler 99999",
      "sched_getparam 0 buf:4", "sched_getparam 0 NULL", "sched_getparam 0 BAD", "sched_getparam 99999 buf:4",
      "sched_setscheduler 0 1 words:10", "sched_setscheduler 0 7 words:10", "sched_setscheduler 0 -1 words:0",
      "sched_setscheduler -5 0 words:0", "sched_setscheduler 0 0 NULL", "sched_setscheduler 0 0 BAD",
      "sched_setscheduler 0 0 words:5", "sched_setscheduler 0 6 words:0", "sched_setscheduler 1 3 words:0",
      "sched_setscheduler 0 3 words:0", "sched_getscheduler 0", "sched_setparam 0 words:0", "sched_setparam 0 NULL",
      "sched_setparam 0 words:-3", "sched_setscheduler 0 5 words:0", "sched_setscheduler 0 0 words:0",
      "sched_get_priority_max 1", "sched_get_priority_min 2", "sched_get_priority_max 5", "sched_get_priority_max 6",
      "sched_get_priority_max 7", "sched_get_priority_min -1", "sched_get_priority_max 0x40000001", "sched_get_priority_min 0",
      "sched_rr_get_interval 0 buf:16", "sched_rr_get_interval -1 buf:16", "sched_rr_get_interval 0 NULL",
      "sched_rr_get_interval 99999 buf:16",
    ], "user");
    same(lines, [
      L("sched_getscheduler(0)", "0 (SCHED_OTHER)"),
      L("sched_getscheduler(-1)", "-1 EINVAL (Invalid argument)"),
      L("sched_getscheduler(99999)", "-1 ESRCH (No such process)"),
      L("sched_getparam(0, [0])", "0"),
      L("sched_getparam(0, NULL)", "-1 EINVAL (Invalid argument)"),
      L("sched_getparam(0, 0x1000)", "-1 EFAULT (Bad address)"),
      L("sched_getparam(99999, ADDR)", "-1 ESRCH (No such process)"),
      L("sched_setscheduler(0, SCHED_FIFO, [10])", "-1 EPERM (Operation not permitted)"),
      L("sched_setscheduler(0, 0x7 /* SCHED_??? */, [10])", "-1 EINVAL (Invalid argument)"),
      L("sched_setscheduler(0, 0xffffffff /* SCHED_??? */, [0])", "-1 EINVAL (Invalid argument)"),
      L("sched_setscheduler(-5, SCHED_OTHER, [0])", "-1 EINVAL (Invalid argument)"),
      L("sched_setscheduler(0, SCHED_OTHER, NULL)", "-1 EINVAL (Invalid argument)"),
      L("sched_setscheduler(0, SCHED_OTHER, 0x1000)", "-1 EFAULT (Bad address)"),
      L("sched_setscheduler(0, SCHED_OTHER, [5])", "-1 EINVAL (Invalid argument)"),
      L("sched_setscheduler(0, SCHED_DEADLINE, [0])", "-1 EINVAL (Invalid argument)"),
      L("sched_setscheduler(1, SCHED_BATCH, [0])", "-1 EPERM (Operation not permitted)"),
      L("sched_setscheduler(0, SCHED_BATCH, [0])", "0"),
      L("sched_getscheduler(0)", "3 (SCHED_BATCH)"),
      L("sched_setparam(0, [0])", "0"),
      L("sched_setparam(0, NULL)", "-1 EINVAL (Invalid argument)"),
      L("sched_setparam(0, [-3])", "-1 EINVAL (Invalid argument)"),
      L("sched_setscheduler(0, SCHED_IDLE, [0])", "0"),
      // Leaving SCHED_IDLE takes what RLIMIT_NICE (0) does not give.
      L("sched_setscheduler(0, SCHED_OTHER, [0])", "-1 EPERM (Operation not permitted)"),
      L("sched_get_priority_max(SCHED_FIFO)", "99"),
      L("sched_get_priority_min(SCHED_RR)", "1"),
      L("sched_get_priority_max(SCHED_IDLE)", "0"),
      L("sched_get_priority_max(SCHED_DEADLINE)", "0"),
      L("sched_get_priority_max(0x7 /* SCHED_??? */)", "-1 EINVAL (Invalid argument)"),
      L("sched_get_priority_min(0xffffffff /* SCHED_??? */)", "-1 EINVAL (Invalid argument)"),
      L("sched_get_priority_max(0x40000001 /* SCHED_??? */)", "-1 EINVAL (Invalid argument)"),
      L("sched_get_priority_min(SCHED_OTHER)", "0"),
      L("sched_rr_get_interval(0, {tv_sec=0, tv_nsec=4000000})", "0"),
      L("sched_rr_get_interval(-1, ADDR)", "-1 EINVAL (Invalid argument)"),
      L("sched_rr_get_interval(0, NULL)", "-1 EFAULT (Bad address)"),
      L("sched_rr_get_interval(99999, ADDR)", "-1 ESRCH (No such process)"),
      "+++ exited with 0 +++", "",
    ]);
  } finally {
    await m.shutdown();
  }
});

test("root sets real-time policies: FIFO, RR with reset-on-fork, and their ranges (strace 6.1)", async () => {
  const m = await boot();
  try {
    const lines = await tracedSched(m, [
      "sched_setscheduler 0 1 words:10", "sched_getparam 0 buf:4", "sched_rr_get_interval 0 buf:16",
      "sched_setparam 0 words:100", "sched_setscheduler 0 2 words:0", "sched_setscheduler 0 0x40000002 words:20",
      "sched_getscheduler 0", "sched_rr_get_interval 0 buf:16", "sched_setparam 0 words:30", "sched_getparam 0 buf:4",
      "sched_setscheduler 1 3 words:0", "sched_setscheduler 1 0 words:0",
    ], "root");
    same(lines, [
      L("sched_setscheduler(0, SCHED_FIFO, [10])", "0"),
      L("sched_getparam(0, [10])", "0"),
      L("sched_rr_get_interval(0, {tv_sec=0, tv_nsec=0})", "0"),
      L("sched_setparam(0, [100])", "-1 EINVAL (Invalid argument)"),
      L("sched_setscheduler(0, SCHED_RR, [0])", "-1 EINVAL (Invalid argument)"),
      L("sched_setscheduler(0, 0x40000002 /* SCHED_??? */, [20])", "0"),
      L("sched_getscheduler(0)", "1073741826"),
      L("sched_rr_get_interval(0, {tv_sec=0, tv_nsec=100000000})", "0"),
      L("sched_setparam(0, [30])", "0"),
      L("sched_getparam(0, [30])", "0"),
      L("sched_setscheduler(1, SCHED_BATCH, [0])", "0"),
      L("sched_setscheduler(1, SCHED_OTHER, [0])", "0"),
      "+++ exited with 0 +++", "",
    ]);
  } finally {
    await m.shutdown();
  }
});
