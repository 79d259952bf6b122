// strace end to end: its lines compared one by one with what Linux's strace 6.x prints for the
// same calls. Only what strace itself prints differently from run to run is normalised: the
// addresses of mmap results and of the environment, the environment's size, and -c timings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { installProgram } from "./harness.js";

async function withM(fn: (m: Machine) => Promise<void>): Promise<void> {
  const m = await boot();
  try { await fn(m); } finally { await m.shutdown(); }
}

const norm = (s: string) => s
  .replace(/\], 0x[0-9a-f]+ \/\* \d+ vars \*\//g, "], ENVP")
  .replace(/= 0x[0-9a-f]+$/gm, "= 0xADDR");
const lines = (s: string) => norm(s).split("\n");
/** A call line as strace aligns it: "= " at column 40, or one space after a longer call. */
const L = (call: string, ret: string) => `${(call + " ").padEnd(40)}= ${ret}`;
/** The ")" line after a tracee's output: strace aligns it by its own characters only. */
const T = (entry: string, ret: string) => L(entry + ")", ret).slice(entry.length);
const MMAP = L("mmap(NULL, 1048576, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)", "0xADDR");

test("strace cat: execve, openat, read, write, close, ENOENT, exit_group", () => withM(async (m) => {
  await m.writeFile("/tmp/f", "hello\n");
  const r = await m.run("strace cat /tmp/f /nonexistent");
  assert.equal(r.status, 1);
  assert.equal(r.stdout, "hello\n");
  assert.deepEqual(lines(r.stderr), [
    L(`execve("/bin/cat", ["cat", "/tmp/f", "/nonexistent"], ENVP)`, "0"),
    MMAP,
    L(`openat(AT_FDCWD, "/tmp/f", O_RDONLY)`, "3"),
    L(`read(3, "hello\\n", 65536)`, "6"),
    L(`write(1, "hello\\n", 6)`, "6"),
    L(`read(3, "", 65536)`, "0"),
    L(`close(3)`, "0"),
    L(`openat(AT_FDCWD, "/nonexistent", O_RDONLY)`, "-1 ENOENT (No such file or directory)"),
    `write(2, "cat: /nonexistent: No such file "..., 45cat: /nonexistent: No such file or directory`,
    T('write(2, "cat: /nonexistent: No such file "..., 45', "45"),
    L("exit_group(1)", "?"),
    "+++ exited with 1 +++",
    "",
  ]);
}));

test("the program's output falls between a call's entry and its return", () => withM(async (m) => {
  const r = await m.run("strace -e trace=write echo hi 2>&1");
  assert.deepEqual(r.stdout.split("\n"), [`write(1, "hi\\n", 3hi`, T(`write(1, "hi\\n", 3`, "3"), "+++ exited with 0 +++", ""]);
}));

test("-e trace=NAME,... -s N -o FILE", () => withM(async (m) => {
  const r = await m.run("strace -o /tmp/log -s 4 -e trace=openat,read cat /etc/hostname");
  assert.equal(r.stderr, "");
  const host = (await m.readTextFile("/etc/hostname"));
  assert.deepEqual(lines(await m.readTextFile("/tmp/log")), [
    L(`openat(AT_FDCWD, "/etc/hostname", O_RDONLY)`, "3"),
    L(`read(3, "${host.slice(0, 4)}"..., 65536)`, String(host.length)),
    L(`read(3, "", 65536)`, "0"),
    "+++ exited with 0 +++",
    "",
  ]);
  const bad = await m.run("strace -e trace=nosuchcall true");
  assert.equal(bad.status, 1);
  assert.equal(bad.stderr, "strace: invalid system call 'nosuchcall'\n");
  const cls = await m.run("strace -e trace=%file cat /nonexistent");
  assert.deepEqual(lines(cls.stderr).filter((l) => !l.startsWith("cat:")), [
    L(`execve("/bin/cat", ["cat", "/nonexistent"], ENVP)`, "0"),
    L(`openat(AT_FDCWD, "/nonexistent", O_RDONLY)`, "-1 ENOENT (No such file or directory)"),
    "+++ exited with 1 +++",
    "",
  ]);
}));

test("signal lines and +++ killed by +++", () => withM(async (m) => {
  const r = await m.run("strace -e trace=kill sh -c 'kill -INT $$'");
  assert.equal(r.status, 130);
  const pid = r.stderr.match(/^kill\((\d+), SIGINT\)/)![1];
  const uid = 1000;
  assert.deepEqual(lines(r.stderr), [
    L(`kill(${pid}, SIGINT)`, "0"),
    `--- SIGINT {si_signo=SIGINT, si_code=SI_USER, si_pid=${pid}, si_uid=${uid}} ---`,
    "+++ killed by SIGINT +++",
    "",
  ]);
}));

test("a number the table does not name, and ENOSYS", () => withM(async (m) => {
  const prog = await installProgram(m, "sysrun");
  const r2 = await m.run(`echo 'nr999 1 2 3 4 5 6' | strace ${prog} 2>&1 >/dev/null`);
  assert.ok(lines(r2.stdout).includes(L("syscall_0x3e7(0x1, 0x2, 0x3, 0x4, 0x5, 0x6)", "-1 ENOSYS (Function not implemented)")), r2.stdout);
}));

test("-f follows vfork children; -o with -f prefixes lines with the pid", () => withM(async (m) => {
  const r = await m.run("strace -f -o /tmp/log -e trace=vfork,execve,wait4,exit_group sh -c '/bin/true; exit 3'");
  assert.equal(r.status, 3);
  const log = lines(await m.readTextFile("/tmp/log"));
  const sh = log[0].split(" ")[0], kid = log.find((l) => l.includes('execve("/bin/true"'))!.split(" ")[0];
  const p = (pid: string, s: string) => `${pid.padEnd(5)} ${s}`;
  const P = (pid: string, call: string, ret: string) => p(pid, `${(call + " ").padEnd(34)}= ${ret}`);
  assert.deepEqual(log, [
    P(sh, `execve("/bin/sh", ["sh", "-c", "/bin/true; exit 3"], ENVP)`, "0"),
    p(sh, "vfork( <unfinished ...>"),
    p(kid, `execve("/bin/true", ["/bin/true"], ENVP <unfinished ...>`),
    P(sh, "<... vfork resumed>)", kid),
    P(kid, "<... execve resumed>)", "0"),
    p(sh, "wait4(" + kid + ",  <unfinished ...>"),
    P(kid, "exit_group(0)", "?"),
    p(kid, "+++ exited with 0 +++"),
    P(sh, "<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL)", kid),
    p(sh, `--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=${kid}, si_uid=1000, si_status=0, si_utime=0, si_stime=0} ---`),
    P(sh, "exit_group(3)", "?"),
    p(sh, "+++ exited with 3 +++"),
    "",
  ]);
}));

test("-c: the summary table", () => withM(async (m) => {
  const r = await m.run("strace -c cat /etc/hostname /nonexistent");
  const t = r.stderr.split("\n").filter((l) => !l.startsWith("cat:"));
  const dash = "------ ----------- ----------- --------- --------- ----------------";
  assert.equal(t[0], "% time     seconds  usecs/call     calls    errors syscall");
  assert.equal(t[1], dash);
  assert.equal(t[t.length - 3], dash);
  const row = /^ *(\d+\.\d\d) +(\d+\.\d{6}) +(\d+) +(\d+) +(\d*) (\w+)$/;
  const rows = t.slice(2, -3).map((l) => { const x = l.match(row); assert.ok(x, l); return x!; });
  const byName = Object.fromEntries(rows.map((x) => [x[6], { calls: Number(x[4]), errors: Number(x[5] || 0) }]));
  assert.deepEqual(byName.openat, { calls: 2, errors: 1 });
  assert.deepEqual(byName.read, { calls: 2, errors: 0 });
  assert.deepEqual(byName.close, { calls: 1, errors: 0 });
  const total = t[t.length - 2].match(row)!;
  assert.equal(total[1], "100.00");
  assert.equal(total[6], "total");
  assert.equal(Number(total[4]), rows.reduce((s, x) => s + Number(x[4]), 0));
  assert.equal(Number(total[5]), 1);
}));

test("-p PID attaches; tracing is refused twice and across users", () => withM(async (m) => {
  const r = await m.run("sleep 10 & p=$!; strace -p $p -o /tmp/log & s=$!; sleep 0.2; strace -p $p; kill -9 $p; wait $s; cat /tmp/log");
  assert.match(r.stderr, /^strace: Process (\d+) attached\nstrace: attach: ptrace\(PTRACE_SEIZE, \1\): Operation not permitted\n/);
  assert.match(r.stdout, /\+\+\+ killed by SIGKILL \+\+\+\n$/);
  const other = await m.run("strace -p 1");
  assert.equal(other.stderr, "strace: attach: ptrace(PTRACE_SEIZE, 1): Operation not permitted\n");
}));
