/* Clocks and sleeping: time, clock_gettime and its relatives, gettimeofday, nanosleep, timers,
 * times and clock, converting the kernel's 64-bit timespec and timeval. */
#include <time.h>
#include <sys/time.h>
#include <sys/times.h>
#include <errno.h>
#include "libc.h"
#include "kstructs.h"

int clock_gettime(clockid_t c, struct timespec *t)
{
	struct __kernel_timespec k;
	if (__sys2(__NR_clock_gettime, c, &k) < 0) return -1;
	__ts_from_kernel(t, &k);
	return 0;
}
int clock_getres(clockid_t c, struct timespec *t)
{
	struct __kernel_timespec k;
	if (__sys2(__NR_clock_getres, c, t ? &k : 0) < 0) return -1;
	if (t) __ts_from_kernel(t, &k);
	return 0;
}
int clock_settime(clockid_t c, const struct timespec *t)
{
	struct __kernel_timespec k = __ts_to_kernel(t);
	return (int)__sys2(__NR_clock_settime, c, &k);
}
int clock_nanosleep(clockid_t c, int flags, const struct timespec *t, struct timespec *left)
{
	struct __kernel_timespec k = __ts_to_kernel(t), r;
	long e = __syscall4(__NR_clock_nanosleep, c, flags, (long)&k, left ? (long)&r : 0);
	if (e == -EINTR && left && !(flags & TIMER_ABSTIME)) __ts_from_kernel(left, &r);
	return (int)-e;
}
int nanosleep(const struct timespec *t, struct timespec *left)
{
	int e = clock_nanosleep(CLOCK_REALTIME, 0, t, left);
	if (e) { errno = e; return -1; }
	return 0;
}
int clock_getcpuclockid(pid_t pid, clockid_t *c)
{
	clockid_t id = (clockid_t)((~(unsigned)pid << 3) | 2);
	struct timespec t;
	if (clock_getres(id, &t) < 0) return errno == EINVAL ? ESRCH : errno;
	*c = id;
	return 0;
}

time_t time(time_t *t)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (t) *t = ts.tv_sec;
	return ts.tv_sec;
}
int timespec_get(struct timespec *t, int base)
{
	if (base != TIME_UTC) return 0;
	return clock_gettime(CLOCK_REALTIME, t) < 0 ? 0 : base;
}
clock_t clock(void)
{
	struct timespec t;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t) < 0) return (clock_t)-1;
	return (clock_t)(t.tv_sec * 1000000 + t.tv_nsec / 1000);
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	if (tz) { struct timezone *z = tz; z->tz_minuteswest = 0; z->tz_dsttime = 0; }
	if (!tv) return 0;
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	tv->tv_sec = t.tv_sec;
	tv->tv_usec = t.tv_nsec / 1000;
	return 0;
}
int settimeofday(const struct timeval *tv, const struct timezone *tz)
{
	(void)tz;
	if (!tv) return 0;
	if (tv->tv_usec < 0 || tv->tv_usec >= 1000000) { errno = EINVAL; return -1; }
	struct timespec t = { tv->tv_sec, tv->tv_usec * 1000 };
	return clock_settime(CLOCK_REALTIME, &t);
}

struct __kernel_itimerval { struct __kernel_timeval it_interval, it_value; };
static void itv_from(struct itimerval *v, const struct __kernel_itimerval *k)
{
	v->it_interval.tv_sec = (time_t)k->it_interval.tv_sec;
	v->it_interval.tv_usec = (suseconds_t)k->it_interval.tv_usec;
	v->it_value.tv_sec = (time_t)k->it_value.tv_sec;
	v->it_value.tv_usec = (suseconds_t)k->it_value.tv_usec;
}
int getitimer(int which, struct itimerval *v)
{
	struct __kernel_itimerval k;
	if (__sys2(__NR_getitimer, which, &k) < 0) return -1;
	itv_from(v, &k);
	return 0;
}
int setitimer(int which, const struct itimerval *restrict v, struct itimerval *restrict old)
{
	struct __kernel_itimerval k = { { v->it_interval.tv_sec, v->it_interval.tv_usec }, { v->it_value.tv_sec, v->it_value.tv_usec } }, o;
	if (__sys3(__NR_setitimer, which, &k, old ? &o : 0) < 0) return -1;
	if (old) itv_from(old, &o);
	return 0;
}
unsigned ualarm(useconds_t value, useconds_t interval)
{
	struct itimerval v = { { interval / 1000000, interval % 1000000 }, { value / 1000000, value % 1000000 } }, old;
	setitimer(ITIMER_REAL, &v, &old);
	return (unsigned)(old.it_value.tv_sec * 1000000 + old.it_value.tv_usec);
}

static int utimes_at(int fd, const char *p, const struct timeval tv[2], int flags)
{
	struct __kernel_timespec k[2];
	if (tv) for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000) { errno = EINVAL; return -1; }
		k[i].tv_sec = tv[i].tv_sec;
		k[i].tv_nsec = tv[i].tv_usec * 1000LL;
	}
	return (int)__sys4(__NR_utimensat, fd, p, tv ? k : 0, flags);
}
int utimes(const char *p, const struct timeval tv[2]) { return utimes_at(-100, p, tv, 0); }
int lutimes(const char *p, const struct timeval tv[2]) { return utimes_at(-100, p, tv, 0x100); }
int futimes(int fd, const struct timeval tv[2]) { return utimes_at(fd, 0, tv, 0); }

clock_t times(struct tms *t)
{
	long long k[4];
	long r = __sys1(__NR_times, t ? k : 0);
	if (r == -1) return (clock_t)-1;
	if (t) { t->tms_utime = (clock_t)k[0]; t->tms_stime = (clock_t)k[1]; t->tms_cutime = (clock_t)k[2]; t->tms_cstime = (clock_t)k[3]; }
	return (clock_t)r;
}
