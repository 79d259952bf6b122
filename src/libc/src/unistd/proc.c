/* Processes and identities: ids, groups, sessions, exec and the PATH search, fork and vfork as
 * the kernel has them, sleeping, alarms, priorities. */
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <time.h>
#include <sys/time.h>
#include <sys/resource.h>
#include "libc.h"
#include "kstructs.h"

pid_t getpid(void) { return (pid_t)__syscall0(__NR_getpid); }
pid_t getppid(void) { return (pid_t)__syscall0(__NR_getppid); }
pid_t gettid(void) { return (pid_t)__syscall0(__NR_gettid); }
pid_t getpgrp(void) { return (pid_t)__syscall0(__NR_getpgrp); }
pid_t getpgid(pid_t p) { return (pid_t)__sys1(__NR_getpgid, p); }
int setpgid(pid_t p, pid_t g) { return (int)__sys2(__NR_setpgid, p, g); }
pid_t setsid(void) { return (pid_t)__sys0(__NR_setsid); }
pid_t getsid(pid_t p) { return (pid_t)__sys1(__NR_getsid, p); }
uid_t getuid(void) { return (uid_t)__syscall0(__NR_getuid); }
uid_t geteuid(void) { return (uid_t)__syscall0(__NR_geteuid); }
gid_t getgid(void) { return (gid_t)__syscall0(__NR_getgid); }
gid_t getegid(void) { return (gid_t)__syscall0(__NR_getegid); }
int setuid(uid_t u) { return (int)__sys1(__NR_setuid, (int)u); }
int setgid(gid_t g) { return (int)__sys1(__NR_setgid, (int)g); }
int seteuid(uid_t u) { return (int)__sys3(__NR_setresuid, -1, (int)u, -1); }
int setegid(gid_t g) { return (int)__sys3(__NR_setresgid, -1, (int)g, -1); }
int setreuid(uid_t r, uid_t e) { return (int)__sys2(__NR_setreuid, (int)r, (int)e); }
int setregid(gid_t r, gid_t e) { return (int)__sys2(__NR_setregid, (int)r, (int)e); }
int setresuid(uid_t r, uid_t e, uid_t s) { return (int)__sys3(__NR_setresuid, (int)r, (int)e, (int)s); }
int setresgid(gid_t r, gid_t e, gid_t s) { return (int)__sys3(__NR_setresgid, (int)r, (int)e, (int)s); }
int getresuid(uid_t *r, uid_t *e, uid_t *s) { return (int)__sys3(__NR_getresuid, r, e, s); }
int getresgid(gid_t *r, gid_t *e, gid_t *s) { return (int)__sys3(__NR_getresgid, r, e, s); }
int getgroups(int n, gid_t g[]) { return (int)__sys2(__NR_getgroups, n, g); }
int setgroups(size_t n, const gid_t *g) { return (int)__sysd(__NR_setgroups, __U(n), __U(g), 0, 0, 0, 0); }

/* A NULL-terminated array of pointers as the kernel reads it: 64-bit words, on the stack. */
#define WIDEN(list, wide) \
	size_t wide##_n = 0; \
	if (list) while (list[wide##_n]) wide##_n++; \
	unsigned long long wide[wide##_n + 1]; \
	for (size_t i = 0; i < wide##_n; i++) wide[i] = (unsigned long)list[i]; \
	wide[wide##_n] = 0;

int execve(const char *p, char *const argv[], char *const envp[])
{
	WIDEN(argv, wargv)
	WIDEN(envp, wenvp)
	long r = __syscall3(__NR_execve, (long)p, argv ? (long)wargv : 0, envp ? (long)wenvp : 0);
	__typix_vfork_check(r);
	return (int)__syscall_ret(r);
}
int execv(const char *p, char *const argv[]) { return execve(p, argv, environ); }
int fexecve(int fd, char *const argv[], char *const envp[])
{
	WIDEN(argv, wargv)
	WIDEN(envp, wenvp)
	long r = __syscall5(__NR_execveat, fd, (long)"", argv ? (long)wargv : 0, envp ? (long)wenvp : 0, 0x1000);
	__typix_vfork_check(r);
	return (int)__syscall_ret(r);
}

/* execvp's search: each PATH entry (empty means the current directory), as glibc searches it:
 * EACCES is remembered and reported if nothing else is found; ENOEXEC runs the file with sh. */
int execvpe(const char *file, char *const argv[], char *const envp[])
{
	if (!*file) { errno = ENOENT; return -1; }
	if (strchr(file, '/')) {
		execve(file, argv, envp);
		goto noexec;
	}
	const char *path = getenv("PATH");
	if (!path) path = "/bin:/usr/bin";
	size_t fl = strlen(file);
	int saw_eacces = 0;
	for (const char *p = path;; p++) {
		const char *e = strchrnul(p, ':');
		size_t dl = e - p;
		if (dl + fl + 2 <= PATH_MAX) {
			char buf[PATH_MAX];
			memcpy(buf, p, dl);
			buf[dl] = '/';
			memcpy(buf + dl + (dl ? 1 : 0), file, fl + 1);
			execve(buf, argv, envp);
			if (errno == EACCES) saw_eacces = 1;
			else if (errno == ENOEXEC) { file = buf; goto noexec_path; }
			else if (errno != ENOENT && errno != ENOTDIR) return -1;
		}
		if (!*e) break;
		p = e;
	}
	if (saw_eacces) errno = EACCES;
	return -1;
noexec:
	if (errno != ENOEXEC) return -1;
noexec_path:;
	int n = 0;
	while (argv[n]) n++;
	char *sh[n + 2];
	sh[0] = "/bin/sh";
	sh[1] = (char *)file;
	for (int i = 1; i <= n; i++) sh[i + 1] = argv[i];
	execve("/bin/sh", sh, envp);
	return -1;
}
int execvp(const char *file, char *const argv[]) { return execvpe(file, argv, environ); }

/* execl, execlp, execle: the variadic list copied into an argv on the stack. */
#define COLLECT(arg0, ap, argv, n) \
	int n = 1; \
	va_start(ap, arg0); \
	while (va_arg(ap, char *)) n++; \
	va_end(ap); \
	char *argv[n + 1]; \
	argv[0] = (char *)arg0; \
	va_start(ap, arg0); \
	for (int i = 1; i <= n; i++) argv[i] = va_arg(ap, char *);

int execl(const char *p, const char *arg0, ...)
{
	va_list ap;
	COLLECT(arg0, ap, argv, n)
	va_end(ap);
	return execve(p, argv, environ);
}
int execlp(const char *f, const char *arg0, ...)
{
	va_list ap;
	COLLECT(arg0, ap, argv, n)
	va_end(ap);
	return execvpe(f, argv, environ);
}
int execle(const char *p, const char *arg0, ...)
{
	va_list ap;
	COLLECT(arg0, ap, argv, n)
	char **envp = va_arg(ap, char **);
	va_end(ap);
	return execve(p, argv, envp);
}

unsigned sleep(unsigned s)
{
	struct timespec t = { (time_t)s, 0 }, left;
	if (nanosleep(&t, &left) < 0 && errno == EINTR) return (unsigned)left.tv_sec + (left.tv_nsec > 0);
	return 0;
}
int usleep(useconds_t us)
{
	struct timespec t = { us / 1000000, (long)(us % 1000000) * 1000 };
	return nanosleep(&t, 0);
}
unsigned alarm(unsigned s) { return (unsigned)__syscall1(__NR_alarm, (long)s); }
int pause(void) { return (int)__sys0(__NR_pause); }
int nice(int inc)
{
	int prio = getpriority(PRIO_PROCESS, 0);
	if (prio == -1 && errno) return -1;
	if (setpriority(PRIO_PROCESS, 0, prio + inc) < 0) {
		if (errno == EACCES) errno = EPERM;
		return -1;
	}
	return getpriority(PRIO_PROCESS, 0);
}
int getpriority(int which, id_t who)
{
	long r = __sys2(__NR_getpriority, which, (int)who);
	return r < 0 ? -1 : 20 - (int)r;
}
int setpriority(int which, id_t who, int prio) { return (int)__sys3(__NR_setpriority, which, (int)who, prio); }
