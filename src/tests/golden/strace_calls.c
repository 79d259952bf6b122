/* strace_calls: a fixed sequence of system calls between two marker calls
 * (access("/golden/begin") and access("/golden/end")), made with raw syscall(2) so that the C
 * library picks no call of its own. scripts/strace_golden.mjs runs it under Linux's strace and
 * keeps the lines between the markers as strace_calls.expected; the Typix program
 * src/tests/conformance/strace_calls.ts makes the same calls in the same order, and
 * src/tests/strace_golden.test.ts compares the two traces line by line. Keep them in step. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/uio.h>
#include <poll.h>
#include <unistd.h>

#define S(...) syscall(__VA_ARGS__)
#define BAD ((void *)0x1000)

static char buf[8192];
static char small[64];
static int fds[2];
static uint64_t words[8];
static struct iovec iov[2];
static struct pollfd pfd[2];

int main(void)
{
	long pid, m;
	S(SYS_umask, 022);
	S(SYS_access, "/golden/begin", F_OK);

	/* directories and the working directory */
	S(SYS_mkdir, "/tmp/sg", 0755);
	S(SYS_mkdir, "/tmp/sg", 0755);
	S(SYS_chdir, "/tmp/sg");
	S(SYS_chdir, "/tmp/sg/missing");
	S(SYS_getcwd, buf, 4096);
	S(SYS_getcwd, small, 2);

	/* open, write, lseek, close */
	S(SYS_openat, AT_FDCWD, "f1", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	S(SYS_write, 3, "hello\n", 6);
	S(SYS_write, 3, "a line that is longer than thirty-two characters\n", 49);
	S(SYS_write, 3, "\0\1\2\377\177\t\r\n\\\"7", 11);
	S(SYS_lseek, 3, 0, SEEK_CUR);
	S(SYS_lseek, 3, 0, SEEK_END);
	S(SYS_lseek, 3, 2, SEEK_SET);
	S(SYS_lseek, 3, -1L, SEEK_SET);
	S(SYS_pwrite64, 3, "XY", 2, 1);
	S(SYS_close, 3);
	S(SYS_openat, AT_FDCWD, "f1", O_RDWR | O_CREAT | O_EXCL, 0600);
	S(SYS_openat, AT_FDCWD, "f1", O_RDONLY | O_DIRECTORY);
	S(SYS_openat, AT_FDCWD, "missing", O_RDONLY);
	S(SYS_openat, AT_FDCWD, BAD, O_RDONLY);
	S(SYS_open, "f1", O_WRONLY | O_APPEND);
	S(SYS_close, 3);

	/* read: short, long, end of file, bad buffer, bad descriptor */
	S(SYS_openat, AT_FDCWD, "f1", O_RDONLY | O_CLOEXEC);
	S(SYS_read, 3, BAD, 10);
	S(SYS_read, 3, buf, 4);
	S(SYS_read, 3, buf, 100);
	S(SYS_read, 3, buf, 100);
	S(SYS_pread64, 3, buf, 5, 0);
	S(SYS_read, 99, buf, 10);
	S(SYS_write, 3, "x", 1);

	/* the stat family */
	S(SYS_newfstatat, 3, "", buf, AT_EMPTY_PATH);
	S(SYS_newfstatat, AT_FDCWD, "f1", buf, 0);
	S(SYS_newfstatat, AT_FDCWD, "missing", buf, AT_SYMLINK_NOFOLLOW);
	S(SYS_fstat, 3, buf);
	S(SYS_fstat, 99, buf);
	S(SYS_stat, "f1", buf);
	S(SYS_lstat, "missing", buf);
	S(SYS_stat, "f1", BAD);

	/* pipes and descriptors */
	S(SYS_pipe2, fds, O_CLOEXEC);
	S(SYS_pipe2, fds, 0);
	S(SYS_pipe2, fds, O_RDWR);
	S(SYS_dup, 3);
	S(SYS_dup2, 3, 10);
	S(SYS_dup3, 3, 11, O_CLOEXEC);
	S(SYS_dup2, 99, 12);
	S(SYS_dup3, 3, 3, 0);
	S(SYS_fcntl, 3, F_GETFL);
	S(SYS_fcntl, 8, F_SETFD, FD_CLOEXEC);
	S(SYS_fcntl, 8, F_GETFD);
	S(SYS_fcntl, 10, F_GETFD);
	S(SYS_fcntl, 3, F_DUPFD, 20);
	S(SYS_fcntl, 3, F_DUPFD_CLOEXEC, 0);
	S(SYS_fcntl, 4, F_SETFL, O_NONBLOCK);
	S(SYS_fcntl, 4, F_GETFL);
	S(SYS_fcntl, 99, F_GETFD);
	S(SYS_write, 7, "ping", 4);
	S(SYS_read, 6, buf, 64);
	S(SYS_read, 4, buf, 64);

	/* ioctl on a file that is not a terminal */
	S(SYS_ioctl, 3, 0x5401 /* TCGETS */, buf);
	S(SYS_ioctl, 3, 0x5413 /* TIOCGWINSZ */, buf);
	S(SYS_ioctl, 99, 0x5401, buf);

	for (int fd = 4; fd <= 11; fd++)
		S(SYS_close, fd);
	S(SYS_close, 20);
	S(SYS_close, 99);
	S(SYS_close, 3);

	/* names: mkdirat, getdents64, rename, access, links, removal */
	S(SYS_mkdirat, AT_FDCWD, "d", 0700);
	S(SYS_openat, AT_FDCWD, "d", O_RDONLY | O_DIRECTORY);
	S(SYS_getdents64, 3, buf, 4096);
	S(SYS_getdents64, 3, buf, 4096);
	S(SYS_close, 3);
	S(SYS_renameat, AT_FDCWD, "f1", AT_FDCWD, "f2");
	S(SYS_rename, "f2", "f3");
	S(SYS_rename, "missing", "f4");
	S(SYS_renameat2, AT_FDCWD, "f3", AT_FDCWD, "d", 1 /* RENAME_NOREPLACE */);
	S(SYS_faccessat, AT_FDCWD, "f3", R_OK | W_OK);
	S(SYS_access, "missing", F_OK);
	S(SYS_access, "/tmp/sg", X_OK);
	S(SYS_symlinkat, "f3", AT_FDCWD, "l");
	S(SYS_readlinkat, AT_FDCWD, "l", buf, 64);
	S(SYS_readlink, "f3", buf, 64);
	S(SYS_link, "f3", "h");
	S(SYS_link, "f3", "h");
	S(SYS_chmod, "f3", 0600);
	S(SYS_fchmodat, AT_FDCWD, "h", 0640);
	S(SYS_truncate, "f3", 10);
	S(SYS_truncate, "missing", 10);
	S(SYS_unlink, "l");
	S(SYS_unlink, "h");
	S(SYS_unlinkat, AT_FDCWD, "d", AT_REMOVEDIR);
	S(SYS_unlinkat, AT_FDCWD, "missing", 0);
	S(SYS_unlinkat, AT_FDCWD, "f3", AT_REMOVEDIR);
	S(SYS_rmdir, "f3");
	S(SYS_unlink, "f3");
	S(SYS_chdir, "/");
	S(SYS_rmdir, "/tmp/sg");

	/* processes, identities, signals */
	pid = S(SYS_getpid);
	S(SYS_getppid);
	S(SYS_kill, pid, 0);
	S(SYS_getuid);
	S(SYS_geteuid);
	S(SYS_getgid);
	S(SYS_getegid);
	S(SYS_umask, 077);
	S(SYS_umask, 022);
	S(SYS_uname, buf);
	words[0] = 1ul << (SIGUSR1 - 1);
	S(SYS_rt_sigprocmask, SIG_BLOCK, words, buf, 8);
	S(SYS_rt_sigprocmask, SIG_SETMASK, buf, NULL, 8);
	S(SYS_rt_sigprocmask, 99, NULL, NULL, 8);
	words[0] = 1; /* SIG_IGN */
	words[1] = 0;
	words[2] = 0;
	words[3] = 1ul << (SIGINT - 1);
	S(SYS_rt_sigaction, SIGUSR2, words, buf, 8);
	S(SYS_rt_sigaction, SIGUSR2, NULL, buf, 8);
	S(SYS_rt_sigaction, SIGKILL, words, NULL, 8);
	S(SYS_wait4, -1, buf, WNOHANG, NULL);
	S(SYS_wait4, -1, NULL, 0, NULL);
	words[4] = 0;
	words[5] = 1000;
	S(SYS_nanosleep, &words[4], NULL);
	S(SYS_clock_nanosleep, 1 /* CLOCK_MONOTONIC */, 0, &words[4], NULL);
	words[5] = 2000000000;
	S(SYS_nanosleep, &words[4], NULL);
	S(SYS_sched_yield);
	S(SYS_getrandom, buf, 0, 0);

	/* memory */
	m = S(SYS_mmap, NULL, 8192, 3 /* PROT_READ|PROT_WRITE */, 0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, -1, 0);
	S(SYS_mprotect, m, 4096, 1 /* PROT_READ */);
	S(SYS_munmap, m, 8192);
	S(SYS_mmap, NULL, 4096, 1, 0x22, -1, 1);
	S(SYS_munmap, m + 1, 4096);

	/* vectors, polling, file state, process attributes */
	S(SYS_pipe2, fds, 0);
	iov[0].iov_base = "abc";
	iov[0].iov_len = 3;
	iov[1].iov_base = "defgh";
	iov[1].iov_len = 5;
	S(SYS_writev, 4, iov, 2);
	pfd[0].fd = 3;
	pfd[0].events = POLLIN;
	pfd[1].fd = 4;
	pfd[1].events = POLLOUT;
	S(SYS_poll, pfd, 2, 0);
	S(SYS_poll, pfd, 1, 0);
	iov[0].iov_base = small;
	iov[0].iov_len = 2;
	iov[1].iov_base = small + 2;
	iov[1].iov_len = 10;
	S(SYS_readv, 3, iov, 2);
	S(SYS_close, 3);
	S(SYS_close, 4);
	S(SYS_openat, AT_FDCWD, "/tmp", O_RDONLY | O_DIRECTORY);
	S(SYS_fchdir, 3);
	S(SYS_fchdir, 99);
	S(SYS_fsync, 3);
	S(SYS_flock, 3, 6 /* LOCK_EX|LOCK_NB */);
	S(SYS_flock, 3, 8 /* LOCK_UN */);
	S(SYS_ftruncate, 3, 0);
	S(SYS_close, 3);
	S(SYS_chdir, "/");
	S(SYS_prctl, 3 /* PR_GET_DUMPABLE */);
	S(SYS_prctl, 15 /* PR_SET_NAME */, "golden");
	S(SYS_prctl, 16 /* PR_GET_NAME */, small);
	S(SYS_alarm, 0);
	S(SYS_getitimer, 0 /* ITIMER_REAL */, buf);
	S(SYS_rt_sigpending, buf, 8);
	S(SYS_getresuid, &words[0], &words[1], &words[2]);
	S(SYS_setitimer, 0, &words[4], NULL);
	S(SYS_sigaltstack, NULL, buf);
	S(SYS_getpriority, 0 /* PRIO_PROCESS */, 0);
	S(SYS_fsync, 99);

	/* values with no name, or only partly named */
	S(SYS_pipe2, fds, O_CLOEXEC | O_RDWR);
	S(SYS_dup3, 1, 30, O_RDWR);
	S(SYS_fcntl, 1, 99, 5);
	S(SYS_lseek, 99, 0, 9);
	S(SYS_unlinkat, AT_FDCWD, "missing", 0x1);
	S(SYS_unlinkat, AT_FDCWD, "missing", AT_REMOVEDIR | 0x1);
	S(SYS_access, "missing", 8);
	S(SYS_clock_nanosleep, 99, 0, &words[4], NULL);
	S(SYS_mmap, NULL, 4096, 0x10, 0x22, -1, 0);
	S(SYS_mmap, NULL, 4096, 1, 0x5, -1, 0);
	S(SYS_wait4, -1, NULL, 0x100, NULL);
	S(SYS_kill, -1, 99);
	S(SYS_getrandom, buf, 8, 8);
	S(SYS_umask, 0);
	S(SYS_mkdirat, AT_FDCWD, "/", 01777);

	S(SYS_access, "/golden/end", F_OK);
	return 0;
}
