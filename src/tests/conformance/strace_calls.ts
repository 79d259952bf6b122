// strace_calls: the Typix twin of src/tests/golden/strace_calls.c. It makes the same system
// calls in the same order between the same two markers (access("/golden/begin") and
// access("/golden/end")), so that strace's trace of it can be compared line by line with
// Linux's strace's trace of the C program (src/tests/strace_golden.test.ts). Every buffer and
// string is allocated before the first marker: nothing but the listed calls happens between them.
import { syscall } from "sys/syscall";
import * as NR from "sys/syscall";
import { calloc } from "stdlib";
import { memcpy } from "string";

const AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;
const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0o100, O_EXCL = 0o200, O_TRUNC = 0o1000, O_APPEND = 0o2000;
const O_NONBLOCK = 0o4000, O_DIRECTORY = 0o200000, O_CLOEXEC = 0o2000000;
const SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;
const F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;
const F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030, FD_CLOEXEC = 1;
const SIG_BLOCK = 0, SIG_SETMASK = 2, SIGINT = 2, SIGKILL = 9, SIGUSR1 = 10, SIGUSR2 = 12, WNOHANG = 1;
const BAD = 0x1000;

/** Bytes copied into fresh memory: their address. */
async function mem(b: Uint8Array): Promise<number> {
  const p = await calloc(b.length + 1, 1);
  await memcpy(p, b, b.length);
  return p;
}
const str = (s: string) => mem(new TextEncoder().encode(s));
function words(...w: bigint[]): Promise<number> {
  const b = new Uint8Array(w.length * 8);
  w.forEach((v, i) => new DataView(b.buffer).setBigUint64(i * 8, v, true));
  return mem(b);
}

export default async function main(): Promise<number> {
  const S = (nr: number, ...args: number[]) => syscall(nr, ...args);
  const buf = await calloc(8192, 1), small = await calloc(64, 1), fds = await calloc(8, 1), old = await calloc(8, 1);
  const s: Record<string, number> = {};
  for (const name of ["/golden/begin", "/golden/end", "/tmp/sg", "/tmp/sg/missing", "f1", "f2", "f3", "f4", "d", "h", "l",
    "missing", "", "/", "hello\n", "a line that is longer than thirty-two characters\n", "XY", "x", "ping", "abc", "defgh", "/tmp", "golden"]) s[name] = await str(name);
  const binary = await mem(Uint8Array.from([0, 1, 2, 0o377, 0o177, 9, 13, 10, 0x5c, 0x22, 0x37]));
  const usr1 = await words(1n << BigInt(SIGUSR1 - 1));
  const act = await words(1n /* SIG_IGN */, 0n, 0n, 1n << BigInt(SIGINT - 1));
  const short = await words(0n, 1000n), invalid = await words(0n, 2000000000n);
  const ids = await words(0n, 0n, 0n);
  const iovOut = await words(BigInt(s.abc), 3n, BigInt(s.defgh), 5n), iovIn = await words(BigInt(small), 2n, BigInt(small + 2), 10n);
  const pfd = await words(3n | (1n << 32n) /* fd 3, POLLIN */, 4n | (4n << 32n) /* fd 4, POLLOUT */);

  await S(NR.__NR_umask, 0o22);
  await S(NR.__NR_access, s["/golden/begin"], F_OK);

  // directories and the working directory
  await S(NR.__NR_mkdir, s["/tmp/sg"], 0o755);
  await S(NR.__NR_mkdir, s["/tmp/sg"], 0o755);
  await S(NR.__NR_chdir, s["/tmp/sg"]);
  await S(NR.__NR_chdir, s["/tmp/sg/missing"]);
  await S(NR.__NR_getcwd, buf, 4096);
  await S(NR.__NR_getcwd, small, 2);

  // open, write, lseek, close
  await S(NR.__NR_openat, AT_FDCWD, s.f1, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
  await S(NR.__NR_write, 3, s["hello\n"], 6);
  await S(NR.__NR_write, 3, s["a line that is longer than thirty-two characters\n"], 49);
  await S(NR.__NR_write, 3, binary, 11);
  await S(NR.__NR_lseek, 3, 0, SEEK_CUR);
  await S(NR.__NR_lseek, 3, 0, SEEK_END);
  await S(NR.__NR_lseek, 3, 2, SEEK_SET);
  await S(NR.__NR_lseek, 3, -1, SEEK_SET);
  await S(NR.__NR_pwrite64, 3, s.XY, 2, 1);
  await S(NR.__NR_close, 3);
  await S(NR.__NR_openat, AT_FDCWD, s.f1, O_RDWR | O_CREAT | O_EXCL, 0o600);
  await S(NR.__NR_openat, AT_FDCWD, s.f1, O_RDONLY | O_DIRECTORY);
  await S(NR.__NR_openat, AT_FDCWD, s.missing, O_RDONLY);
  await S(NR.__NR_openat, AT_FDCWD, BAD, O_RDONLY);
  await S(NR.__NR_open, s.f1, O_WRONLY | O_APPEND);
  await S(NR.__NR_close, 3);

  // read: bad buffer, short, long, end of file, bad descriptor
  await S(NR.__NR_openat, AT_FDCWD, s.f1, O_RDONLY | O_CLOEXEC);
  await S(NR.__NR_read, 3, BAD, 10);
  await S(NR.__NR_read, 3, buf, 4);
  await S(NR.__NR_read, 3, buf, 100);
  await S(NR.__NR_read, 3, buf, 100);
  await S(NR.__NR_pread64, 3, buf, 5, 0);
  await S(NR.__NR_read, 99, buf, 10);
  await S(NR.__NR_write, 3, s.x, 1);

  // the stat family
  await S(NR.__NR_newfstatat, 3, s[""], buf, AT_EMPTY_PATH);
  await S(NR.__NR_newfstatat, AT_FDCWD, s.f1, buf, 0);
  await S(NR.__NR_newfstatat, AT_FDCWD, s.missing, buf, AT_SYMLINK_NOFOLLOW);
  await S(NR.__NR_fstat, 3, buf);
  await S(NR.__NR_fstat, 99, buf);
  await S(NR.__NR_stat, s.f1, buf);
  await S(NR.__NR_lstat, s.missing, buf);
  await S(NR.__NR_stat, s.f1, BAD);

  // pipes and descriptors
  await S(NR.__NR_pipe2, fds, O_CLOEXEC);
  await S(NR.__NR_pipe2, fds, 0);
  await S(NR.__NR_pipe2, fds, O_RDWR);
  await S(NR.__NR_dup, 3);
  await S(NR.__NR_dup2, 3, 10);
  await S(NR.__NR_dup3, 3, 11, O_CLOEXEC);
  await S(NR.__NR_dup2, 99, 12);
  await S(NR.__NR_dup3, 3, 3, 0);
  await S(NR.__NR_fcntl, 3, F_GETFL);
  await S(NR.__NR_fcntl, 8, F_SETFD, FD_CLOEXEC);
  await S(NR.__NR_fcntl, 8, F_GETFD);
  await S(NR.__NR_fcntl, 10, F_GETFD);
  await S(NR.__NR_fcntl, 3, F_DUPFD, 20);
  await S(NR.__NR_fcntl, 3, F_DUPFD_CLOEXEC, 0);
  await S(NR.__NR_fcntl, 4, F_SETFL, O_NONBLOCK);
  await S(NR.__NR_fcntl, 4, F_GETFL);
  await S(NR.__NR_fcntl, 99, F_GETFD);
  await S(NR.__NR_write, 7, s.ping, 4);
  await S(NR.__NR_read, 6, buf, 64);
  await S(NR.__NR_read, 4, buf, 64);

  // ioctl on a file that is not a terminal
  await S(NR.__NR_ioctl, 3, 0x5401 /* TCGETS */, buf);
  await S(NR.__NR_ioctl, 3, 0x5413 /* TIOCGWINSZ */, buf);
  await S(NR.__NR_ioctl, 99, 0x5401, buf);

  for (let fd = 4; fd <= 11; fd++) await S(NR.__NR_close, fd);
  await S(NR.__NR_close, 20);
  await S(NR.__NR_close, 99);
  await S(NR.__NR_close, 3);

  // names: mkdirat, getdents64, rename, access, links, removal
  await S(NR.__NR_mkdirat, AT_FDCWD, s.d, 0o700);
  await S(NR.__NR_openat, AT_FDCWD, s.d, O_RDONLY | O_DIRECTORY);
  await S(NR.__NR_getdents64, 3, buf, 4096);
  await S(NR.__NR_getdents64, 3, buf, 4096);
  await S(NR.__NR_close, 3);
  await S(NR.__NR_renameat, AT_FDCWD, s.f1, AT_FDCWD, s.f2);
  await S(NR.__NR_rename, s.f2, s.f3);
  await S(NR.__NR_rename, s.missing, s.f4);
  await S(NR.__NR_renameat2, AT_FDCWD, s.f3, AT_FDCWD, s.d, 1 /* RENAME_NOREPLACE */);
  await S(NR.__NR_faccessat, AT_FDCWD, s.f3, R_OK | W_OK);
  await S(NR.__NR_access, s.missing, F_OK);
  await S(NR.__NR_access, s["/tmp/sg"], X_OK);
  await S(NR.__NR_symlinkat, s.f3, AT_FDCWD, s.l);
  await S(NR.__NR_readlinkat, AT_FDCWD, s.l, buf, 64);
  await S(NR.__NR_readlink, s.f3, buf, 64);
  await S(NR.__NR_link, s.f3, s.h);
  await S(NR.__NR_link, s.f3, s.h);
  await S(NR.__NR_chmod, s.f3, 0o600);
  await S(NR.__NR_fchmodat, AT_FDCWD, s.h, 0o640);
  await S(NR.__NR_truncate, s.f3, 10);
  await S(NR.__NR_truncate, s.missing, 10);
  await S(NR.__NR_unlink, s.l);
  await S(NR.__NR_unlink, s.h);
  await S(NR.__NR_unlinkat, AT_FDCWD, s.d, AT_REMOVEDIR);
  await S(NR.__NR_unlinkat, AT_FDCWD, s.missing, 0);
  await S(NR.__NR_unlinkat, AT_FDCWD, s.f3, AT_REMOVEDIR);
  await S(NR.__NR_rmdir, s.f3);
  await S(NR.__NR_unlink, s.f3);
  await S(NR.__NR_chdir, s["/"]);
  await S(NR.__NR_rmdir, s["/tmp/sg"]);

  // processes, identities, signals
  const pid = await S(NR.__NR_getpid);
  await S(NR.__NR_getppid);
  await S(NR.__NR_kill, pid, 0);
  await S(NR.__NR_getuid);
  await S(NR.__NR_geteuid);
  await S(NR.__NR_getgid);
  await S(NR.__NR_getegid);
  await S(NR.__NR_umask, 0o77);
  await S(NR.__NR_umask, 0o22);
  await S(NR.__NR_uname, buf);
  await S(NR.__NR_rt_sigprocmask, SIG_BLOCK, usr1, old, 8);
  await S(NR.__NR_rt_sigprocmask, SIG_SETMASK, old, 0, 8);
  await S(NR.__NR_rt_sigprocmask, 99, 0, 0, 8);
  await S(NR.__NR_rt_sigaction, SIGUSR2, act, buf, 8);
  await S(NR.__NR_rt_sigaction, SIGUSR2, 0, buf, 8);
  await S(NR.__NR_rt_sigaction, SIGKILL, act, 0, 8);
  await S(NR.__NR_wait4, -1, buf, WNOHANG, 0);
  await S(NR.__NR_wait4, -1, 0, 0, 0);
  await S(NR.__NR_nanosleep, short, 0);
  await S(NR.__NR_clock_nanosleep, 1 /* CLOCK_MONOTONIC */, 0, short, 0);
  await S(NR.__NR_nanosleep, invalid, 0);
  await S(NR.__NR_sched_yield);
  await S(NR.__NR_getrandom, buf, 0, 0);

  // memory
  const m = await S(NR.__NR_mmap, 0, 8192, 3 /* PROT_READ|PROT_WRITE */, 0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, -1, 0);
  await S(NR.__NR_mprotect, m, 4096, 1 /* PROT_READ */);
  await S(NR.__NR_munmap, m, 8192);
  await S(NR.__NR_mmap, 0, 4096, 1, 0x22, -1, 1);
  await S(NR.__NR_munmap, m + 1, 4096);

  // vectors, polling, file state, process attributes
  await S(NR.__NR_pipe2, fds, 0);
  await S(NR.__NR_writev, 4, iovOut, 2);
  await S(NR.__NR_poll, pfd, 2, 0);
  await S(NR.__NR_poll, pfd, 1, 0);
  await S(NR.__NR_readv, 3, iovIn, 2);
  await S(NR.__NR_close, 3);
  await S(NR.__NR_close, 4);
  await S(NR.__NR_openat, AT_FDCWD, s["/tmp"], O_RDONLY | O_DIRECTORY);
  await S(NR.__NR_fchdir, 3);
  await S(NR.__NR_fchdir, 99);
  await S(NR.__NR_fsync, 3);
  await S(NR.__NR_flock, 3, 6 /* LOCK_EX|LOCK_NB */);
  await S(NR.__NR_flock, 3, 8 /* LOCK_UN */);
  await S(NR.__NR_ftruncate, 3, 0);
  await S(NR.__NR_close, 3);
  await S(NR.__NR_chdir, s["/"]);
  await S(NR.__NR_prctl, 3 /* PR_GET_DUMPABLE */);
  await S(NR.__NR_prctl, 15 /* PR_SET_NAME */, s.golden);
  await S(NR.__NR_prctl, 16 /* PR_GET_NAME */, small);
  await S(NR.__NR_alarm, 0);
  await S(NR.__NR_getitimer, 0 /* ITIMER_REAL */, buf);
  await S(NR.__NR_rt_sigpending, buf, 8);
  await S(NR.__NR_getresuid, ids, ids + 8, ids + 16);
  await S(NR.__NR_setitimer, 0, invalid, 0);
  await S(NR.__NR_sigaltstack, 0, buf);
  await S(NR.__NR_getpriority, 0 /* PRIO_PROCESS */, 0);
  await S(NR.__NR_fsync, 99);

  // values with no name, or only partly named
  await S(NR.__NR_pipe2, fds, O_CLOEXEC | O_RDWR);
  await S(NR.__NR_dup3, 1, 30, O_RDWR);
  await S(NR.__NR_fcntl, 1, 99, 5);
  await S(NR.__NR_lseek, 99, 0, 9);
  await S(NR.__NR_unlinkat, AT_FDCWD, s.missing, 0x1);
  await S(NR.__NR_unlinkat, AT_FDCWD, s.missing, AT_REMOVEDIR | 0x1);
  await S(NR.__NR_access, s.missing, 8);
  await S(NR.__NR_clock_nanosleep, 99, 0, invalid, 0);
  await S(NR.__NR_mmap, 0, 4096, 0x10, 0x22, -1, 0);
  await S(NR.__NR_mmap, 0, 4096, 1, 0x5, -1, 0);
  await S(NR.__NR_wait4, -1, 0, 0x100, 0);
  await S(NR.__NR_kill, -1, 99);
  await S(NR.__NR_getrandom, buf, 8, 8);
  await S(NR.__NR_umask, 0);
  await S(NR.__NR_mkdirat, AT_FDCWD, s["/"], 0o1777);

  await S(NR.__NR_access, s["/golden/end"], F_OK);
  return 0;
}
