/* raw-syscall: system calls without their libc wrappers, through syscall(2) and the numbers of
 * <sys/syscall.h>: what the wrapper returns and what the raw call returns are the same, and an
 * error is -1 with errno, also for a number the kernel does not have. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	long pid = syscall(SYS_getpid);
	printf("syscall(SYS_getpid) == getpid(): %s\n", pid == getpid() ? "yes" : "no");
	const char msg[] = "written by syscall(SYS_write, 1, ...)\n";
	fflush(stdout);
	long n = syscall(SYS_write, 1, msg, strlen(msg));
	printf("it returned %ld\n", n);
	long r = syscall(SYS_write, 99, msg, strlen(msg));
	printf("on fd 99: %ld, errno %d (%s)\n", r, errno, strerror(errno));
	r = syscall(999, "hello", 5);
	printf("system call 999: %ld, errno %d (%s)\n", r, errno, strerror(errno));
	printf("__NR_read %d, __NR_write %d, __NR_getpid %d\n", __NR_read, __NR_write, __NR_getpid);
	return 0;
}
