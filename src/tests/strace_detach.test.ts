// strace letting go, and the stops of a seized process: -p seizes with PTRACE_SEIZE and
// PTRACE_INTERRUPT; SIGINT or SIGTERM makes strace detach ("Process N detached", and
// " <detached ...>" after a call left open) and die of the signal; a group-stop of a seized
// process shows as "--- stopped by SIGSTOP ---"; a sleep interrupted by a stop goes on through
// restart_syscall. The expected lines are what strace 6 prints on Linux for the same steps.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { installProgram } from "./harness.js";
import { L } from "./strace_support.js";

async function withM(fn: (m: Machine) => Promise<void>): Promise<void> {
  const m = await boot();
  try { await fn(m); } finally { await m.shutdown(); }
}

const pidOf = (s: string) => Number(/Process (\d+) attached/.exec(s)?.[1]);

test("strace -p on a sleep, then SIGINT: detached mid-call, the process sleeps on, strace dies of SIGINT", () => withM(async (m) => {
  const r = await m.run("sleep 1 & p=$!; sleep 0.2; strace -p $p & s=$!; sleep 0.3; kill -INT $s; wait $s; echo strace=$?; wait $p; echo sleep=$?");
  const pid = pidOf(r.stderr);
  assert.equal(r.stderr, [
    `strace: Process ${pid} attached`,
    `restart_syscall(<... resuming interrupted read ...>strace: Process ${pid} detached`,
    " <detached ...>",
    "",
  ].join("\n"));
  assert.equal(r.stdout, "strace=130\nsleep=0\n");
}));

test("strace -p on a read from a pipe: the read is restarted under strace and left open on detach", () => withM(async (m) => {
  const r = await m.run("sleep 0.8 | cat & p=$!; sleep 0.2; strace -p $p & s=$!; sleep 0.3; kill -TERM $s; wait $s; echo strace=$?");
  const pid = pidOf(r.stderr);
  assert.equal(r.stderr, `strace: Process ${pid} attached\nread(0, strace: Process ${pid} detached\n <detached ...>\n`);
  assert.equal(r.stdout, "strace=143\n");
}));

test("a seized process stopped and continued: its group-stop, the signals and restart_syscall", () => withM(async (m) => {
  const r = await m.run("sleep 1 & p=$!; sleep 0.1; strace -p $p 2>/tmp/log & s=$!; sleep 0.2; kill -STOP $p; sleep 0.2; " +
    "ps -o stat= -p $p; kill -CONT $p; wait $s; cat /tmp/log");
  const log = r.stdout.slice(r.stdout.indexOf("strace:"));
  const pid = pidOf(log);
  const shell = pid - 1;
  assert.match(r.stdout, /^T/, "the process really is stopped while strace listens");
  assert.deepEqual(log.split("\n"), [
    `strace: Process ${pid} attached`,
    L("restart_syscall(<... resuming interrupted read ...>)", "? ERESTART_RESTARTBLOCK (Interrupted by signal)"),
    `--- SIGSTOP {si_signo=SIGSTOP, si_code=SI_USER, si_pid=${shell}, si_uid=1000} ---`,
    "--- stopped by SIGSTOP ---",
    `--- SIGCONT {si_signo=SIGCONT, si_code=SI_USER, si_pid=${shell}, si_uid=1000} ---`,
    L("restart_syscall(<... resuming interrupted restart_syscall ...>)", "0"),
    L("exit_group(0)", "?"),
    "+++ exited with 0 +++",
    "",
  ]);
}));

test("a traced command's sleep interrupted by a stop goes on through restart_syscall", () => withM(async (m) => {
  const r = await m.run("strace -o /tmp/log -e trace=nanosleep,restart_syscall sleep 0.6 & sleep 0.2; p=$(($!+2)); " +
    "kill -STOP $p; sleep 0.1; kill -CONT $p; wait; cat /tmp/log");
  const norm = (l: string) => l.replace(/si_pid=\d+/, "si_pid=N").replace(/0x[0-9a-f]+\)/, "0xADDR)");
  assert.deepEqual(r.stdout.split("\n").map(norm), [
    L("nanosleep({tv_sec=0, tv_nsec=600000000}, 0xADDR)", "? ERESTART_RESTARTBLOCK (Interrupted by signal)"),
    "--- SIGSTOP {si_signo=SIGSTOP, si_code=SI_USER, si_pid=N, si_uid=1000} ---",
    "--- SIGCONT {si_signo=SIGCONT, si_code=SI_USER, si_pid=N, si_uid=1000} ---",
    L("restart_syscall(<... resuming interrupted nanosleep ...>)", "0"),
    "+++ exited with 0 +++",
    "",
  ]);
}));

test("SIGINT to strace running a command: it detaches and the command runs on; with -o FILE it is blocked", () => withM(async (m) => {
  const r = await m.run("strace sleep 0.5 & s=$!; sleep 0.2; kill -INT $s; wait $s; echo strace=$?; ps -o comm=");
  assert.match(r.stderr, /nanosleep\(\{tv_sec=0, tv_nsec=500000000\}, strace: Process (\d+) detached\n <detached \.\.\.>\n$/);
  assert.equal(r.stdout, "strace=130\nsh\nsleep\nps\n");
  const o = await m.run("strace -o /tmp/log sleep 0.3 & s=$!; sleep 0.1; kill -INT $s; wait $s; echo strace=$?; tail -1 /tmp/log");
  assert.equal(o.stdout, "strace=0\n+++ exited with 0 +++\n");
}));

test("strace -c then SIGTERM: detaches, prints the summary, dies of SIGTERM", () => withM(async (m) => {
  const r = await m.run("strace -c sleep 0.5 & s=$!; sleep 0.2; kill -TERM $s; wait $s; echo strace=$?");
  assert.match(r.stderr, /^strace: Process \d+ detached\n% time     seconds  usecs\/call     calls    errors syscall\n/);
  assert.match(r.stderr, /execve\n/);
  assert.equal(r.stdout, "strace=143\n");
}));

test("a program spinning in user code can be attached to and let go", () => withM(async (m) => {
  await installProgram(m, "spin");
  const r = await m.run("spin >/dev/null & p=$!; sleep 0.2; strace -p $p & s=$!; sleep 0.2; kill -INT $s; wait $s; echo strace=$?; " +
    "ps -o stat= -p $p; kill -9 $p");
  const pid = pidOf(r.stderr);
  assert.equal(r.stderr, `strace: Process ${pid} attached\nstrace: Process ${pid} detached\n`);
  assert.match(r.stdout, /^strace=130\nR/);
}));

test("SIGINT to strace in the foreground: the command it started gets the SIGINT too", () => withM(async (m) => {
  const r = await m.run(`(sleep 0.3; kill -INT $(cat /tmp/pid)) & sh -c 'echo $$ > /tmp/pid; exec strace sleep 5'; echo strace=$?; ps -o comm=`);
  assert.match(r.stderr, /nanosleep\(\{tv_sec=5, tv_nsec=0\}, strace: Process \d+ detached\n <detached \.\.\.>\n$/);
  assert.match(r.stdout, /^strace=130\n/);
  assert.doesNotMatch(r.stdout, /sleep/, "the sleep died of the SIGINT strace passed on");
}));
