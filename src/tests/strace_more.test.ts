// strace's decoders for file, I/O and system calls beyond the basics, each line compared with
// what Linux's strace 6.x prints for the same call. The calls are made through the sysrun
// program (one per input line), so their arguments are exactly the ones written here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { installProgram } from "./harness.js";
import { L, traced } from "./strace_support.js";


test("strace decodes file, I/O and system calls by name, flag and struct", async () => {
  const m = await boot();
  try {
    const prog = await installProgram(m, "sysrun");

    const files = await traced(m, prog, "!execve,mmap,brk,read,write,exit_group", [
      'open "/tmp/f" O_RDWR|O_CREAT 0644',
      "fsync $1", "fdatasync $1", "ftruncate $1 100", 'truncate "/tmp/f" 5',
      "flock $1 6", "flock $1 8", "flock 99 1",
      'chown "/tmp/f" -1 -1', "fchown $1 1000 1000",
      'symlinkat "/tmp/f" AT_FDCWD "/tmp/l"',
      'readlinkat AT_FDCWD "/tmp/l" buf:64 64',
      'linkat AT_FDCWD "/tmp/f" AT_FDCWD "/tmp/h" 0',
      'fchownat AT_FDCWD "/tmp/l" 1000 1000 AT_SYMLINK_NOFOLLOW',
      'fchmodat AT_FDCWD "/tmp/f" 0600',
      'mknodat AT_FDCWD "/tmp/p" 010644 0',
      'utimensat AT_FDCWD "/tmp/f" words:0,0x3fffffff,0,0x3ffffffe 0',
      'utimensat AT_FDCWD "/tmp/f" words:86400,5,0,0 0',
      'statx AT_FDCWD "/tmp/f" AT_SYMLINK_NOFOLLOW 0x7ff buf:256',
      'umount2 "/nonexistent" 2',
    ]);
    assert.deepEqual(files, [
      L('open("/tmp/f", O_RDWR|O_CREAT, 0644)', "3"),
      L("fsync(3)", "0"), L("fdatasync(3)", "0"), L("ftruncate(3, 100)", "0"), L('truncate("/tmp/f", 5)', "0"),
      L("flock(3, LOCK_EX|LOCK_NB)", "0"), L("flock(3, LOCK_UN)", "0"), L("flock(99, LOCK_SH)", "-1 EBADF (Bad file descriptor)"),
      L('chown("/tmp/f", -1, -1)', "0"), L("fchown(3, 1000, 1000)", "0"),
      L('symlinkat("/tmp/f", AT_FDCWD, "/tmp/l")', "0"),
      L('readlinkat(AT_FDCWD, "/tmp/l", "/tmp/f", 64)', "6"),
      L('linkat(AT_FDCWD, "/tmp/f", AT_FDCWD, "/tmp/h", 0)', "0"),
      L('fchownat(AT_FDCWD, "/tmp/l", 1000, 1000, AT_SYMLINK_NOFOLLOW)', "0"),
      L('fchmodat(AT_FDCWD, "/tmp/f", 0600)', "0"),
      L('mknodat(AT_FDCWD, "/tmp/p", S_IFIFO|0644)', "0"),
      L('utimensat(AT_FDCWD, "/tmp/f", [UTIME_NOW, UTIME_OMIT], 0)', "0"),
      L('utimensat(AT_FDCWD, "/tmp/f", [{tv_sec=86400, tv_nsec=5} /* 1970-01-02T00:00:00.000000005+0000 */, {tv_sec=0, tv_nsec=0}], 0)', "0"),
      L('statx(AT_FDCWD, "/tmp/f", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, {stx_mask=STATX_BASIC_STATS, stx_attributes=0, stx_mode=S_IFREG|0600, stx_size=5, ...})', "0"),
      L('umount2("/nonexistent", MNT_DETACH)', "-1 ENOENT (No such file or directory)"),
      "+++ exited with 0 +++", "",
    ]);

    // A fixed mapping at 0x10000000 holds the iovecs' buffers.
    const io = await traced(m, prog, "pipe,poll,readv,writev,sendfile,select,pselect6", [
      "mmap 0x10000000 4096 3 0x32 -1 0",
      "pipe buf:8",
      "poll words:0x100000003 1 0",
      'write 4 "hi\\nthere" 8',
      "poll words:0x100000003,0x400000004 2 100",
      "select 5 words:24 NULL NULL words:1,0",
      "readv 3 words:268435456,2,268435464,10 2",
      "writev 4 words:268435456,2,268435464,6 2",
      'open "/tmp/g" O_RDWR|O_CREAT 0644',
      'write $9 "0123456789" 10',
      "sendfile 4 $9 words:2 3",
      "pselect6 5 NULL words:16 NULL NULL NULL",
    ]);
    assert.deepEqual(io, [
      L("pipe([3, 4])", "0"),
      L("poll([{fd=3, events=POLLIN}], 1, 0)", "0 (Timeout)"),
      L("poll([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT}], 2, 100)", "2 ([{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT}])"),
      L("select(5, [3 4], NULL, NULL, {tv_sec=1, tv_usec=0})", "1 (in [3], left {tv_sec=0, tv_usec=" + io[3].match(/tv_usec=(\d+)}\)$/)?.[1] + "})"),
      L('readv(3, [{iov_base="hi", iov_len=2}, {iov_base="\\nthere", iov_len=10}], 2)', "8"),
      L('writev(4, [{iov_base="hi", iov_len=2}, {iov_base="\\nthere", iov_len=6}], 2)', "8"),
      L("sendfile(4, 5, [2] => [5], 3)", "3"),
      L("pselect6(5, NULL, [4], NULL, NULL, NULL)", "1 (out [4])"),
      "+++ exited with 0 +++", "",
    ]);

    const sys = await traced(m, prog, "madvise,getitimer,setitimer,getrlimit,setrlimit,prlimit64,getresuid,setresuid,prctl,reboot,finit_module,delete_module,sigaltstack,rt_sigpending,clock_getres,getpriority", [
      "madvise 0 4096 4",
      "setitimer 0 words:0,0,5,0 buf:32",
      "getitimer 0 buf:32",
      "setitimer 0 words:0,0,0,0 NULL",
      "getrlimit 7 buf:16",
      "getrlimit 3 buf:16",
      "setrlimit 7 words:1024,1048576",
      "prlimit64 0 7 words:512,4096 buf:16",
      "setresuid -1 -1 -1",
      "getresuid buf:4 buf:4 buf:4",
      'prctl 15 "abc"',
      "prctl 16 buf:16",
      "reboot 0xfee1dead 672274793 0x1234567",
      "finit_module 0 \"\" 3",
      'delete_module "x" O_NONBLOCK',
      "sigaltstack NULL buf:24",
      "rt_sigpending buf:8 8",
      "clock_getres 1 buf:16",
      "getpriority 0 0",
    ]);
    assert.deepEqual(sys, [
      L("madvise(NULL, 4096, MADV_DONTNEED)", "-1 ENOMEM (Cannot allocate memory)"),
      L("setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=5, tv_usec=0}}, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, tv_usec=0}})", "0"),
      L("getitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=4, tv_usec=" + sys[2].match(/tv_sec=4, tv_usec=(\d+)}}\)/)?.[1] + "}})", "0"),
      L("setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, tv_usec=0}}, NULL)", "0"),
      L("getrlimit(RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=4*1024})", "0"),
      L("getrlimit(RLIMIT_STACK, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY})", "0"),
      L("setrlimit(RLIMIT_NOFILE, {rlim_cur=1024, rlim_max=1024*1024})", "-1 EPERM (Operation not permitted)"),
      L("prlimit64(0, RLIMIT_NOFILE, {rlim_cur=512, rlim_max=4*1024}, {rlim_cur=1024, rlim_max=4*1024})", "0"),
      L("setresuid(-1, -1, -1)", "0"),
      L("getresuid([1000], [1000], [1000])", "0"),
      L('prctl(PR_SET_NAME, "abc")', "0"),
      L('prctl(PR_GET_NAME, "abc")', "0"),
      L("reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART)", "-1 EPERM (Operation not permitted)"),
      L('finit_module(0, "", MODULE_INIT_IGNORE_MODVERSIONS|MODULE_INIT_IGNORE_VERMAGIC)', "-1 EPERM (Operation not permitted)"),
      L('delete_module("x", O_NONBLOCK)', "-1 EPERM (Operation not permitted)"),
      L("sigaltstack(NULL, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0})", "0"),
      L("rt_sigpending([], 8)", "0"),
      L("clock_getres(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1})", "0"),
      L("getpriority(PRIO_PROCESS, 0)", "20"),
      "+++ exited with 0 +++", "",
    ]);
  } finally {
    await m.shutdown();
  }
});
