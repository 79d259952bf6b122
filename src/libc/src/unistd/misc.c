/* The rest of <unistd.h>: terminals, host names, sysconf, the break, syscall(). */
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/utsname.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <termios.h>
#include <sys/ioctl.h>
#include "libc.h"

int isatty(int fd)
{
	struct termios t;
	long r = __syscall3(__NR_ioctl, fd, TCGETS, (long)&t);
	if (r == 0) return 1;
	errno = r == -EBADF ? EBADF : ENOTTY;
	return 0;
}

int ttyname_r(int fd, char *buf, size_t n)
{
	if (!isatty(fd)) return errno;
	char link[32];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t r = readlink(link, buf, n);
	if (r < 0) return errno;
	if ((size_t)r >= n) return ERANGE;
	buf[r] = 0;
	return 0;
}
char *ttyname(int fd)
{
	static char buf[TTY_NAME_MAX];
	int e = ttyname_r(fd, buf, sizeof buf);
	if (e) { errno = e; return 0; }
	return buf;
}

int gethostname(char *name, size_t n)
{
	struct utsname u;
	if (uname(&u) < 0) return -1;
	size_t l = strlen(u.nodename);
	if (l >= n) { errno = ENAMETOOLONG; return -1; }
	memcpy(name, u.nodename, l + 1);
	return 0;
}
int sethostname(const char *name, size_t n) { return (int)__sysd(__NR_sethostname, __U(name), __U(n), 0, 0, 0, 0); }
int getdomainname(char *name, size_t n)
{
	struct utsname u;
	if (uname(&u) < 0) return -1;
	size_t l = strlen(u.domainname);
	if (l >= n) { errno = EINVAL; return -1; }
	memcpy(name, u.domainname, l + 1);
	return 0;
}
int uname(struct utsname *u) { return (int)__sys1(__NR_uname, u); }

int getpagesize(void) { return 4096; }
int getdtablesize(void) { struct rlimit r; return getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < INT_MAX ? (int)r.rlim_cur : INT_MAX; }

long sysconf(int name)
{
	struct rlimit r;
	switch (name) {
	case _SC_ARG_MAX: return getrlimit(RLIMIT_STACK, &r) == 0 && r.rlim_cur / 4 > ARG_MAX ? (long)(r.rlim_cur / 4) : ARG_MAX;
	case _SC_CHILD_MAX: return getrlimit(RLIMIT_NPROC, &r) == 0 && r.rlim_cur != RLIM_INFINITY ? (long)r.rlim_cur : -1;
	case _SC_CLK_TCK: return 100;
	case _SC_NGROUPS_MAX: return NGROUPS_MAX;
	case _SC_OPEN_MAX: return getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur != RLIM_INFINITY ? (long)r.rlim_cur : -1;
	case _SC_STREAM_MAX: return 16;
	case _SC_TZNAME_MAX: return 6;
	case _SC_JOB_CONTROL: case _SC_SAVED_IDS: return 1;
	case _SC_VERSION: return _POSIX_VERSION;
	case _SC_PAGESIZE: return 4096;
	case _SC_LINE_MAX: return LINE_MAX;
	case _SC_HOST_NAME_MAX: return HOST_NAME_MAX;
	case _SC_LOGIN_NAME_MAX: return LOGIN_NAME_MAX;
	case _SC_TTY_NAME_MAX: return TTY_NAME_MAX;
	case _SC_THREADS: return _POSIX_THREADS;
	case _SC_GETPW_R_SIZE_MAX: case _SC_GETGR_R_SIZE_MAX: return 1024;
	case _SC_SYMLOOP_MAX: return -1;
	case _SC_NPROCESSORS_CONF: return get_nprocs_conf();
	case _SC_NPROCESSORS_ONLN: return get_nprocs();
	case _SC_PHYS_PAGES: return get_phys_pages();
	case _SC_AVPHYS_PAGES: return get_avphys_pages();
	}
	errno = EINVAL;
	return -1;
}

long fpathconf(int fd, int name)
{
	(void)fd;
	switch (name) {
	case _PC_LINK_MAX: return 127;
	case _PC_MAX_CANON: case _PC_MAX_INPUT: return 255;
	case _PC_NAME_MAX: return NAME_MAX;
	case _PC_PATH_MAX: return PATH_MAX;
	case _PC_PIPE_BUF: return PIPE_BUF;
	}
	errno = EINVAL;
	return -1;
}
long pathconf(const char *p, int name) { (void)p; return fpathconf(-1, name); }

/* The break: brk(2) returns the new break, or the old one when it cannot move. */
static char *cur_brk;
int brk(void *addr)
{
	char *r = (char *)__syscall1(__NR_brk, (long)addr);
	cur_brk = r;
	if (r != addr) { errno = ENOMEM; return -1; }
	return 0;
}
void *sbrk(intptr_t inc)
{
	if (!cur_brk) cur_brk = (char *)__syscall1(__NR_brk, 0);
	if (inc == 0) return cur_brk;
	char *old = cur_brk;
	if (inc < 0 && (uintptr_t)-inc > (uintptr_t)old) { errno = ENOMEM; return (void *)-1; }
	char *want = old + inc;
	char *r = (char *)__syscall1(__NR_brk, (long)want);
	if (r != want) { errno = ENOMEM; return (void *)-1; }
	cur_brk = r;
	return old;
}

/* A raw fork(2) can copy the program only by way of fork() (process/fork.c); the reference is
   weak so that syscall() alone does not make a program pay for what fork() needs. */
extern pid_t fork(void) __attribute__((weak));

/* syscall(number, ...): any number, known or not, with six arguments as longs. */
long syscall(long n, ...)
{
	if (n == __NR_fork && fork) return fork();
	long a[6] = { 0 };
	va_list ap;
	va_start(ap, n);
	if (!__va_none(ap))
		for (int i = 0; i < 6; i++) a[i] = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(n, a[0], a[1], a[2], a[3], a[4], a[5]));
}

int acct(const char *p) { return (int)__sys1(__NR_acct, p); }
int vhangup(void) { return (int)__sys0(__NR_vhangup); }

char *getlogin(void)
{
	static char name[LOGIN_NAME_MAX];
	return getlogin_r(name, sizeof name) ? 0 : name;
}
