// strace's decoders for the calls that used to print raw hex (getdents, CPU affinity,
// capabilities, syslog, the old time setters, personality, setdomainname, clock_settime,
// execveat): each line as Linux's strace 6.1 prints the same call. The calls are made through
// sysrun (one per input line), so their arguments are exactly the ones written here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { installProgram } from "./harness.js";
import { L, traced, same } from "./strace_support.js";


const V3 = "0x20080522", V1 = "0x19980330";
const CAP_NAMES = [
  "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
  "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
  "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
  "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
  "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
  "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
  "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
];

test("strace decodes getdents, affinity masks, capabilities and syslog as strace 6.x", async () => {
  const m = await boot();
  try {
    const prog = await installProgram(m, "sysrun");
    await m.run("mkdir -p /tmp/d && touch /tmp/d/a /tmp/d/b");
    const lines = await traced(m, prog, "getdents,sched_getaffinity,sched_setaffinity,capget,capset,syslog", [
      'open "/tmp/d" O_RDONLY|O_DIRECTORY 0',
      "getdents $1 buf:32768 32768", "getdents $1 buf:32768 32768", "getdents 99 buf:64 64",
      "sched_getaffinity 0 128 buf:128", "sched_getaffinity 0 3 buf:8", "sched_getaffinity 0 16 NULL",
      "sched_setaffinity 0 8 words:3", "sched_setaffinity 0 8 BAD", "sched_setaffinity 0 0 words:1",
      "capget words:0x1234 buf:24", `capget words:${V3} NULL`, "capget BAD buf:24",
      `capset words:${V3} words:0,0,0`,
      "syslog 10 NULL 0", "syslog 3 buf:4096 4096", "syslog 8 NULL 4", "syslog 0 NULL 0",
    ]);
    same(lines, [
      L("getdents(3, ADDR /* 4 entries */, 32768)", "96"),
      L("getdents(3, ADDR /* 0 entries */, 32768)", "0"),
      L("getdents(99, ADDR, 64)", "-1 EBADF (Bad file descriptor)"),
      L("sched_getaffinity(0, 128, [0])", "8"),
      L("sched_getaffinity(0, 3, ADDR)", "-1 EINVAL (Invalid argument)"),
      L("sched_getaffinity(0, 16, NULL)", "-1 EFAULT (Bad address)"),
      L("sched_setaffinity(0, 8, [0 1])", "0"),
      L("sched_setaffinity(0, 8, 0x1000)", "-1 EFAULT (Bad address)"),
      L("sched_setaffinity(0, 0, [])", "-1 EINVAL (Invalid argument)"),
      L("capget({version=0x1234 /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}, ADDR)", "-1 EINVAL (Invalid argument)"),
      L("capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, NULL)", "0"),
      L("capget(0x1000, ADDR)", "-1 EFAULT (Bad address)"),
      L("capset({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=0, permitted=0, inheritable=0})", "0"),
      L("syslog(10 /* SYSLOG_ACTION_SIZE_BUFFER */)", "131072"),
      lines[14],
      L("syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 4 /* LOGLEVEL_WARNING */)", "-1 EPERM (Operation not permitted)"),
      L("syslog(0 /* SYSLOG_ACTION_CLOSE */)", "-1 EPERM (Operation not permitted)"),
      "+++ exited with 0 +++", "",
    ]);
    // The log's first bytes, cut at 32 characters as strace cuts every string.
    assert.match(lines[14], /^syslog\(3 \/\* SYSLOG_ACTION_READ_ALL \*\/, "<\d>\[ +0\.\d{6}\] [^"]{14}"\.\.\., 4096\) = [1-9]\d*$/);

    // As root: the capability sets by name (version 1 has 32 bits, 3 has 64), the console level.
    const root = await traced(m, prog, "capget,syslog", [
      `capget words:${V3} buf:24`, `capget words:${V1} buf:12`,
      "syslog 8 NULL 4", "syslog 8 NULL 9", "syslog 99 NULL 0",
    ], "root");
    const caps = (n: number) => Array.from({ length: n }, (_, i) => `1<<${CAP_NAMES[i]}`).join("|");
    same(root, [
      L(`capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=${caps(41)}, permitted=${caps(41)}, inheritable=0})`, "0"),
      L(`capget({version=_LINUX_CAPABILITY_VERSION_1, pid=0}, {effective=${caps(32)}, permitted=${caps(32)}, inheritable=0})`, "0"),
      L("syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 4 /* LOGLEVEL_WARNING */)", "0"),
      L("syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 9 /* LOGLEVEL_??? */)", "-1 EINVAL (Invalid argument)"),
      L("syslog(99 /* SYSLOG_ACTION_??? */, NULL, 0)", "-1 EINVAL (Invalid argument)"),
      "+++ exited with 0 +++", "",
    ]);
  } finally {
    await m.shutdown();
  }
});

test("strace decodes utime, utimes, futimesat, personality, setdomainname, clock_settime and execveat", async () => {
  const m = await boot();
  try {
    const prog = await installProgram(m, "sysrun");
    await m.run("touch /tmp/f");
    const lines = await traced(m, prog, "utime,utimes,futimesat,personality,setdomainname,clock_settime,execveat", [
      'utime "/tmp/f" words:1000,2000', 'utime "/tmp/f" NULL',
      'utimes "/tmp/f" words:1000,5,2000,6', 'utimes "/tmp/f" words:1000,0,0,0',
      'futimesat AT_FDCWD "/tmp/f" NULL',
      "personality 0xffffffff", "personality 0x400008", "personality 0x1f", "personality 0",
      'setdomainname "example.org" 11', 'setdomainname "example.org" 7',
      "clock_settime 1 words:1,2",
      'execveat AT_FDCWD "/nonexistent" words:0 words:0 0',
      'execveat AT_FDCWD "/nonexistent" NULL NULL 0x8000',
    ]);
    same(lines, [
      L('utime("/tmp/f", {actime=1000 /* 1970-01-01T00:16:40+0000 */, modtime=2000 /* 1970-01-01T00:33:20+0000 */})', "0"),
      L('utime("/tmp/f", NULL)', "0"),
      L('utimes("/tmp/f", [{tv_sec=1000, tv_usec=5} /* 1970-01-01T00:16:40.000005+0000 */, {tv_sec=2000, tv_usec=6} /* 1970-01-01T00:33:20.000006+0000 */])', "0"),
      L('utimes("/tmp/f", [{tv_sec=1000, tv_usec=0} /* 1970-01-01T00:16:40+0000 */, {tv_sec=0, tv_usec=0}])', "0"),
      L('futimesat(AT_FDCWD, "/tmp/f", NULL)', "0"),
      L("personality(0xffffffff)", "0 (PER_LINUX)"),
      L("personality(PER_LINUX32|READ_IMPLIES_EXEC)", "0 (PER_LINUX)"),
      L("personality(0x1f /* PER_??? */)", "0x400008 (PER_LINUX32|READ_IMPLIES_EXEC)"),
      L("personality(PER_LINUX)", "0x1f (0x1f /* PER_??? */)"),
      L('setdomainname("example.org", 11)', "-1 EPERM (Operation not permitted)"),
      L('setdomainname("example", 7)', "-1 EPERM (Operation not permitted)"),
      L("clock_settime(CLOCK_MONOTONIC, {tv_sec=1, tv_nsec=2})", "-1 EINVAL (Invalid argument)"),
      L('execveat(AT_FDCWD, "/nonexistent", [], ADDR /* 0 vars */, 0)', "-1 ENOENT (No such file or directory)"),
      L('execveat(AT_FDCWD, "/nonexistent", NULL, NULL, AT_RECURSIVE)', "-1 EINVAL (Invalid argument)"),
      "+++ exited with 0 +++", "",
    ]);
  } finally {
    await m.shutdown();
  }
});

test("strace shows getrandom's bytes in hex escapes, cut at -s", async () => {
  const m = await boot();
  try {
    const prog = await installProgram(m, "sysrun");
    const lines = await traced(m, prog, "getrandom", ["getrandom buf:64 8 0", "getrandom buf:64 40 1", "getrandom buf:64 0 0"]);
    assert.match(lines[0], /^getrandom\("(\\x[0-9a-f]{2}){8}", 8, 0\) = 8$/);
    assert.match(lines[1], /^getrandom\("(\\x[0-9a-f]{2}){32}"\.\.\., 40, GRND_NONBLOCK\) = 40$/);
    assert.equal(lines[2], L('getrandom("", 0, 0)', "0"));
  } finally {
    await m.shutdown();
  }
});
