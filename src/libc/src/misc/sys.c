/* The small system interfaces: ioctl, mappings, waiting, limits and usage, sysinfo, prctl,
 * ptrace, poll and select, scheduling, flock. Each converts what differs in width. */
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/select.h>
#include <sys/file.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "libc.h"
#include "kstructs.h"

int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	va_start(ap, req);
	unsigned long arg = __va_none(ap) ? 0 : va_arg(ap, unsigned long);
	va_end(ap);
	return (int)__sysd(__NR_ioctl, __A(fd), __U(req), __U(arg), 0, 0, 0);
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long r = __syscall_raw(__NR_mmap, __U(addr), __U(len), __A(prot), __A(flags), __A(fd), __L(off));
	if (r < 0 && r > -4096) { errno = (int)-r; return MAP_FAILED; }
	return (void *)r;
}
int munmap(void *a, size_t n) { return (int)__sysd(__NR_munmap, __U(a), __U(n), 0, 0, 0, 0); }
int mprotect(void *a, size_t n, int p) { return (int)__sysd(__NR_mprotect, __U(a), __U(n), __A(p), 0, 0, 0); }
int msync(void *a, size_t n, int f) { return (int)__sysd(__NR_msync, __U(a), __U(n), __A(f), 0, 0, 0); }
int madvise(void *a, size_t n, int f) { return (int)__sysd(__NR_madvise, __U(a), __U(n), __A(f), 0, 0, 0); }
int posix_madvise(void *a, size_t n, int f) { long r = __syscall_raw(__NR_madvise, __U(a), __U(n), __A(f), 0, 0, 0); return r < 0 ? (int)-r : 0; }
int mlock(const void *a, size_t n) { return (int)__sysd(__NR_mlock, __U(a), __U(n), 0, 0, 0, 0); }
int munlock(const void *a, size_t n) { return (int)__sysd(__NR_munlock, __U(a), __U(n), 0, 0, 0, 0); }
int mlockall(int f) { return (int)__sys1(__NR_mlockall, f); }
int munlockall(void) { return (int)__sys0(__NR_munlockall); }
int mincore(void *a, size_t n, unsigned char *v) { return (int)__sysd(__NR_mincore, __U(a), __U(n), __U(v), 0, 0, 0); }
void *mremap(void *old, size_t oldn, size_t n, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	void *want = flags & MREMAP_FIXED && !__va_none(ap) ? va_arg(ap, void *) : 0;
	va_end(ap);
	long r = __syscall_raw(__NR_mremap, __U(old), __U(oldn), __U(n), __A(flags), __U(want), 0);
	if (r < 0 && r > -4096) { errno = (int)-r; return MAP_FAILED; }
	return (void *)r;
}

void __rusage_from_kernel(struct rusage *u, const struct __kernel_rusage *k)
{
	u->ru_utime.tv_sec = (time_t)k->ru_utime.tv_sec;
	u->ru_utime.tv_usec = (suseconds_t)k->ru_utime.tv_usec;
	u->ru_stime.tv_sec = (time_t)k->ru_stime.tv_sec;
	u->ru_stime.tv_usec = (suseconds_t)k->ru_stime.tv_usec;
	long *f = &u->ru_maxrss;
	for (int i = 0; i < 14; i++) f[i] = (long)k->fields[i];
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	struct __kernel_rusage k;
	long r = __sys4(__NR_wait4, pid, status, options, ru ? &k : 0);
	if (r > 0 && ru) __rusage_from_kernel(ru, &k);
	return (pid_t)r;
}
pid_t waitpid(pid_t pid, int *status, int options) { return wait4(pid, status, options, 0); }
pid_t wait(int *status) { return wait4(-1, status, 0, 0); }
pid_t wait3(int *status, int options, struct rusage *ru) { return wait4(-1, status, options, ru); }
int waitid(idtype_t t, id_t id, siginfo_t *info, int options) { return (int)__sys5(__NR_waitid, t, (int)id, info, options, 0); }

int getrusage(int who, struct rusage *ru)
{
	struct __kernel_rusage k;
	if (__sys2(__NR_getrusage, who, &k) < 0) return -1;
	__rusage_from_kernel(ru, &k);
	return 0;
}

static rlim_t rlim_from(unsigned long long v) { return v >= 0xffffffffULL ? RLIM_INFINITY : (rlim_t)v; }
static unsigned long long rlim_to(rlim_t v) { return v == RLIM_INFINITY ? ~0ULL : v; }
int prlimit(pid_t pid, int res, const struct rlimit *nl, struct rlimit *ol)
{
	unsigned long long k[2], o[2];
	if (nl) { k[0] = rlim_to(nl->rlim_cur); k[1] = rlim_to(nl->rlim_max); }
	if (__sys4(__NR_prlimit64, pid, res, nl ? k : 0, ol ? o : 0) < 0) return -1;
	if (ol) { ol->rlim_cur = rlim_from(o[0]); ol->rlim_max = rlim_from(o[1]); }
	return 0;
}
int getrlimit(int res, struct rlimit *r) { return prlimit(0, res, 0, r); }
int setrlimit(int res, const struct rlimit *r) { return prlimit(0, res, r, 0); }

int sysinfo(struct sysinfo *s)
{
	struct { long long uptime; unsigned long long loads[3], totalram, freeram, sharedram, bufferram, totalswap, freeswap;
		unsigned short procs, pad; unsigned int pad2; unsigned long long totalhigh, freehigh; unsigned int mem_unit; char rest[4]; } k;
	if (__sys1(__NR_sysinfo, &k) < 0) return -1;
	memset(s, 0, sizeof *s);
	unsigned long long unit = k.mem_unit ? k.mem_unit : 1;
	/* Sizes that do not fit 32 bits are given in a larger unit, as Linux does for 32-bit callers. */
	while ((k.totalram + k.totalswap) >> 32) {
		k.totalram >>= 1; k.freeram >>= 1; k.sharedram >>= 1; k.bufferram >>= 1; k.totalswap >>= 1; k.freeswap >>= 1;
		k.totalhigh >>= 1; k.freehigh >>= 1; unit <<= 1;
	}
	s->uptime = (long)k.uptime;
	for (int i = 0; i < 3; i++) s->loads[i] = (unsigned long)k.loads[i];
	s->totalram = (unsigned long)k.totalram; s->freeram = (unsigned long)k.freeram;
	s->sharedram = (unsigned long)k.sharedram; s->bufferram = (unsigned long)k.bufferram;
	s->totalswap = (unsigned long)k.totalswap; s->freeswap = (unsigned long)k.freeswap;
	s->procs = k.procs;
	s->totalhigh = (unsigned long)k.totalhigh; s->freehigh = (unsigned long)k.freehigh;
	s->mem_unit = (unsigned)unit;
	return 0;
}
long get_phys_pages(void) { struct sysinfo s; return sysinfo(&s) ? -1 : (long)((unsigned long long)s.totalram * s.mem_unit / 4096); }
long get_avphys_pages(void) { struct sysinfo s; return sysinfo(&s) ? -1 : (long)((unsigned long long)s.freeram * s.mem_unit / 4096); }
int get_nprocs_conf(void) { return get_nprocs(); }
int get_nprocs(void)
{
	cpu_set_t s;
	memset(&s, 0, sizeof s);
	if (sched_getaffinity(0, sizeof s, &s) < 0) return 1;
	return CPU_COUNT(&s);
}
int getloadavg(double *a, int n)
{
	struct sysinfo s;
	if (n < 0 || sysinfo(&s) < 0) return -1;
	if (n > 3) n = 3;
	for (int i = 0; i < n; i++) a[i] = s.loads[i] / 65536.0;
	return n;
}

int prctl(int op, ...)
{
	unsigned long a = 0, b = 0, c = 0, d = 0;
	va_list ap;
	va_start(ap, op);
	if (!__va_none(ap)) { a = va_arg(ap, unsigned long); b = va_arg(ap, unsigned long); c = va_arg(ap, unsigned long); d = va_arg(ap, unsigned long); }
	va_end(ap);
	return (int)__sysd(__NR_prctl, __A(op), __U(a), __U(b), __U(c), __U(d), 0);
}

long ptrace(int req, ...)
{
	pid_t pid = 0;
	void *addr = 0, *data = 0;
	va_list ap;
	va_start(ap, req);
	if (!__va_none(ap)) { pid = va_arg(ap, pid_t); addr = va_arg(ap, void *); data = va_arg(ap, void *); }
	va_end(ap);
	if (req >= PTRACE_PEEKTEXT && req <= PTRACE_PEEKUSER) {
		long long word;
		long r = __sysd(__NR_ptrace, __A(req), __A(pid), __U(addr), __U(&word), 0, 0);
		if (r < 0) return -1;
		errno = 0;
		return (long)word;
	}
	return __sysd(__NR_ptrace, __A(req), __A(pid), __U(addr), __U(data), 0, 0);
}

int poll(struct pollfd *fds, nfds_t n, int timeout) { return (int)__sysd(__NR_poll, __U(fds), __U(n), __A(timeout), 0, 0, 0); }
int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *t, const sigset_t *mask)
{
	struct __kernel_timespec k;
	if (t) k = __ts_to_kernel(t);
	return (int)__sysd(__NR_ppoll, __U(fds), __U(n), __U(t ? &k : 0), __U(mask), 8, 0);
}
int select(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e, struct timeval *restrict tv)
{
	struct __kernel_timeval k;
	if (tv) { k.tv_sec = tv->tv_sec; k.tv_usec = tv->tv_usec; }
	long res = __sys5(__NR_select, n, r, w, e, tv ? &k : 0);
	if (tv) { tv->tv_sec = (time_t)k.tv_sec; tv->tv_usec = (suseconds_t)k.tv_usec; }
	return (int)res;
}
int pselect(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e, const struct timespec *restrict t, const sigset_t *restrict mask)
{
	struct __kernel_timespec k;
	if (t) k = __ts_to_kernel(t);
	unsigned long long data[2] = { (unsigned long)mask, 8 };
	return (int)__sys6(__NR_pselect6, n, r, w, e, t ? &k : 0, mask ? data : 0);
}

int sched_yield(void) { return (int)__sys0(__NR_sched_yield); }
int sched_getscheduler(pid_t p) { return (int)__sys1(__NR_sched_getscheduler, p); }
int sched_setscheduler(pid_t p, int pol, const struct sched_param *s) { return (int)__sys3(__NR_sched_setscheduler, p, pol, s); }
int sched_getparam(pid_t p, struct sched_param *s) { return (int)__sys2(__NR_sched_getparam, p, s); }
int sched_setparam(pid_t p, const struct sched_param *s) { return (int)__sys2(__NR_sched_setparam, p, s); }
int sched_get_priority_max(int pol) { return (int)__sys1(__NR_sched_get_priority_max, pol); }
int sched_get_priority_min(int pol) { return (int)__sys1(__NR_sched_get_priority_min, pol); }
int sched_rr_get_interval(pid_t p, struct timespec *t)
{
	struct __kernel_timespec k;
	if (__sys2(__NR_sched_rr_get_interval, p, &k) < 0) return -1;
	__ts_from_kernel(t, &k);
	return 0;
}
int sched_getaffinity(pid_t p, size_t n, cpu_set_t *s)
{
	long r = __sysd(__NR_sched_getaffinity, __A(p), __U(n), __U(s), 0, 0, 0);
	if (r < 0) return -1;
	if ((size_t)r < n) memset((char *)s + r, 0, n - r);
	return 0;
}
int sched_setaffinity(pid_t p, size_t n, const cpu_set_t *s) { return (int)__sysd(__NR_sched_setaffinity, __A(p), __U(n), __U(s), 0, 0, 0); }
int __sched_cpucount(size_t n, const cpu_set_t *s)
{
	int c = 0;
	for (size_t i = 0; i < n / sizeof(long); i++) c += __builtin_popcountl(s->__bits[i]);
	return c;
}
int sched_getcpu(void) { unsigned cpu; return __sys3(__NR_getcpu, &cpu, 0, 0) < 0 ? -1 : (int)cpu; }
int unshare(int f) { return (int)__sys1(__NR_unshare, f); }
int flock(int fd, int op) { return (int)__sys2(__NR_flock, fd, op); }
