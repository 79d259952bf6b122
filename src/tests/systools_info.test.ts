// System information and control tools: uname, hostname, date, kill, nproc, tty, printenv,
// nice, timeout, clear, mount/umount, reboot — formats, and the errors as user vs root.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

test("uname, hostname, date, nproc, tty, printenv, clear", async () => {
  const m = await boot();
  try {
    assert.equal((await m.spawn(["/bin/uname", "-a"])).stdout, "Linux typix 6.6.0-typix #1 SMP PREEMPT_DYNAMIC Typix x86_64 GNU/Linux\n");
    assert.equal((await m.spawn(["/bin/uname"])).stdout, "Linux\n");
    assert.equal((await m.spawn(["/bin/uname", "-srm"])).stdout, "Linux 6.6.0-typix x86_64\n");
    assert.equal((await m.spawn(["/bin/uname", "-p", "-i", "-o"])).stdout, "unknown unknown GNU/Linux\n");
    assert.equal((await m.spawn(["/bin/hostname"])).stdout, "typix\n");
    const denied = await m.spawn(["/bin/hostname", "box"]);
    assert.equal(denied.stderr, "hostname: you must be root to change the host name\n");
    assert.equal(denied.status, 1);
    assert.equal((await m.spawn(["/bin/hostname", "box.example"], { user: "root" })).status, 0);
    assert.equal((await m.spawn(["/bin/hostname", "-s"])).stdout, "box\n");
    assert.equal((await m.spawn(["/bin/uname", "-n"])).stdout, "box.example\n");

    assert.match((await m.spawn(["/bin/date"])).stdout, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n$/);
    assert.equal((await m.spawn(["/bin/date", "-u", "-d", "@1795467900"])).stdout, "Mon Nov 23 21:05:00 UTC 2026\n");
    assert.equal((await m.spawn(["/bin/date", "-d", "2026-11-23 21:05", "+%Y-%m-%d %H:%M:%S %j %a %A %b %B %s"])).stdout,
      "2026-11-23 21:05:00 327 Mon Monday Nov November 1795467900\n");
    assert.equal((await m.spawn(["/bin/date", "-R", "-d", "@0"])).stdout, "Thu, 01 Jan 1970 00:00:00 +0000\n");
    assert.equal((await m.spawn(["/bin/date", "-Iseconds", "-d", "@0"])).stdout, "1970-01-01T00:00:00+00:00\n");
    assert.equal((await m.spawn(["/bin/date", "-I", "-d", "2026-11-23 +1 day"])).stdout, "2026-11-24\n");
    assert.equal((await m.spawn(["/bin/date", "-d", "@1.5", "+%s.%N %3N"])).stdout, "1.500000000 500\n");
    const bad = await m.spawn(["/bin/date", "-d", "not a date"]);
    assert.equal(bad.stderr, "date: invalid date 'not a date'\n");
    assert.equal(bad.status, 1);
    assert.equal((await m.spawn(["/bin/date", "-s", "@0"])).stderr, "date: cannot set date: Operation not permitted\n");

    assert.equal((await m.spawn(["/usr/bin/nproc"])).stdout, "1\n");
    const tty = await m.spawn(["/usr/bin/tty"]);
    assert.equal(tty.stdout, "not a tty\n");
    assert.equal(tty.status, 1);
    assert.equal((await m.spawn(["/usr/bin/printenv", "HOME", "USER"])).stdout, "/home/user\nuser\n");
    assert.equal((await m.spawn(["/usr/bin/printenv", "NOSUCH"])).status, 1);
    assert.match((await m.spawn(["/usr/bin/printenv"])).stdout, /^PATH=\/usr\/local\/sbin:\/usr\/local\/bin:\/usr\/sbin:\/usr\/bin:\/sbin:\/bin:\/usr\/games:\/usr\/local\/games\n/m);
    assert.equal((await m.spawn(["/usr/bin/clear"])).stdout, "\x1b[H\x1b[2J\x1b[3J");
  } finally {
    await m.shutdown();
  }
});

test("kill lists signals, signals processes and reports failures", async () => {
  const m = await boot();
  try {
    assert.equal((await m.spawn(["/bin/kill", "-l"])).stdout,
      "HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\n" +
      "CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n");
    const table = (await m.spawn(["/bin/kill", "-L"])).stdout.split("\n");
    assert.equal(table[0], " 1 HUP      2 INT      3 QUIT     4 ILL      5 TRAP     6 ABRT     7 BUS");
    assert.equal(table[4], "29 POLL    30 PWR     31 SYS     ");
    assert.equal((await m.spawn(["/bin/kill", "-l", "9"])).stdout, "KILL\n");
    assert.equal((await m.spawn(["/bin/kill", "-l", "SIGTERM"])).stdout, "15\n");
    const gone = await m.spawn(["/bin/kill", "-9", "31999"]);
    assert.equal(gone.stderr, "kill: (31999) - No such process\n");
    assert.equal(gone.status, 1);
    assert.equal((await m.spawn(["/bin/kill", "-s", "TERM", "1"])).stderr, "kill: (1) - Operation not permitted\n");
    assert.equal((await m.spawn(["/bin/kill", "abc"])).stderr, "kill: failed to parse argument: 'abc'\n");

    const victim = m.start(["/bin/sleep", "30"]);
    const pid = await victim.pid;
    assert.equal((await m.spawn(["/bin/kill", String(pid)])).status, 0);
    assert.equal((await victim.done).status, 128 + 15);
    const v2 = m.start(["/bin/sleep", "30"]);
    const p2 = await v2.pid;
    assert.equal((await m.spawn(["/bin/kill", "-KILL", String(p2)])).status, 0);
    assert.equal((await v2.done).status, 128 + 9);
    // A negative pid names a process group (each started program leads its own).
    const v3 = m.start(["/bin/sleep", "30"]);
    const p3 = await v3.pid;
    assert.equal((await m.spawn(["/bin/kill", "-s", "INT", "--", `-${p3}`])).status, 0);
    assert.equal((await v3.done).status, 128 + 2);
  } finally {
    await m.shutdown();
  }
});

test("timeout and nice run commands", async () => {
  const m = await boot();
  try {
    assert.equal((await m.spawn(["/usr/bin/timeout", "0.1", "/bin/sleep", "10"])).status, 124);
    assert.equal((await m.spawn(["/usr/bin/timeout", "-s", "KILL", "0.1", "/bin/sleep", "10"])).status, 137);
    assert.equal((await m.spawn(["/usr/bin/timeout", "--preserve-status", "0.1", "/bin/sleep", "10"])).status, 128 + 15);
    assert.equal((await m.spawn(["/usr/bin/timeout", "5", "/bin/false"])).status, 1);
    assert.equal((await m.spawn(["/usr/bin/timeout", "5", "/bin/echo", "hi"])).stdout, "hi\n");
    const nf = await m.spawn(["/usr/bin/timeout", "5", "nosuch"]);
    assert.equal(nf.stderr, "timeout: failed to run command 'nosuch': No such file or directory\n");
    assert.equal(nf.status, 127);
    assert.equal((await m.spawn(["/usr/bin/timeout", "x", "true"])).stderr, "timeout: invalid time interval 'x'\nTry 'timeout --help' for more information.\n");
    assert.equal((await m.spawn(["/usr/bin/nice"])).stdout, "0\n");
    assert.equal((await m.spawn(["/usr/bin/nice", "/usr/bin/nice"])).stdout, "10\n");
    assert.equal((await m.spawn(["/usr/bin/nice", "-n", "5", "/usr/bin/nice"])).stdout, "5\n");
    const neg = await m.spawn(["/usr/bin/nice", "-n", "-5", "/usr/bin/nice"]);
    assert.equal(neg.stderr, "nice: cannot set niceness: Permission denied\n");
    assert.equal(neg.stdout, "0\n");
    assert.equal((await m.spawn(["/usr/bin/nice", "-n", "-5", "/usr/bin/nice"], { user: "root" })).stdout, "-5\n");
  } finally {
    await m.shutdown();
  }
});

test("mount, umount and reboot need root", async () => {
  const m = await boot();
  try {
    const mnt = await m.spawn(["/bin/mount", "-t", "tmpfs", "none", "/mnt"]);
    assert.equal(mnt.stderr, "mount: /mnt: must be superuser to use mount.\n");
    assert.equal(mnt.status, 32);
    assert.equal((await m.spawn(["/bin/umount", "/mnt"])).stderr, "umount: /mnt: must be superuser to unmount.\n");
    assert.equal((await m.spawn(["/bin/umount", "/mnt"], { user: "root" })).stderr, "umount: /mnt: not mounted.\n");
    assert.equal((await m.spawn(["/bin/mount", "-t", "tmpfs", "none", "/nosuch"], { user: "root" })).stderr, "mount: /nosuch: mount point does not exist.\n");
    assert.equal((await m.spawn(["/bin/mount", "-t", "nosuchfs", "none", "/mnt"], { user: "root" })).stderr, "mount: /mnt: unknown filesystem type 'nosuchfs'.\n");
    assert.equal((await m.spawn(["/bin/mount", "-t", "tmpfs", "-o", "size=1m", "none", "/mnt"], { user: "root" })).status, 0);
    assert.equal((await m.spawn(["/bin/umount", "/mnt"], { user: "root" })).status, 0);
    const rb = await m.spawn(["/sbin/reboot"]);
    assert.equal(rb.stderr, "reboot: must be superuser.\n");
    assert.equal(rb.status, 1);
    assert.equal((await m.spawn(["/sbin/poweroff"])).stderr, "poweroff: must be superuser.\n");
  } finally {
    await m.shutdown();
  }
});
