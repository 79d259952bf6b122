/* The kernel's x86-64 structures that differ from the program's ILP32 ones, and their
 * conversions: libc passes these to the kernel and copies the fields across. */
#ifndef _TYPIX_KSTRUCTS_H
#define _TYPIX_KSTRUCTS_H
#include <bits/alltypes.h>

struct __kernel_timespec { long long tv_sec, tv_nsec; };
struct __kernel_timeval { long long tv_sec, tv_usec; };
struct __kernel_iovec { unsigned long long iov_base, iov_len; };
struct __kernel_stat {
	unsigned long long st_dev, st_ino, st_nlink;
	unsigned int st_mode, st_uid, st_gid, __pad0;
	unsigned long long st_rdev;
	long long st_size, st_blksize, st_blocks;
	struct __kernel_timespec st_atim, st_mtim, st_ctim;
	long long __unused[3];
};
struct __kernel_sigaction { unsigned long long handler, flags, restorer, mask; };
struct __kernel_rusage {
	struct __kernel_timeval ru_utime, ru_stime;
	long long fields[14];
};

static inline struct __kernel_timespec __ts_to_kernel(const struct timespec *t)
{
	struct __kernel_timespec k = { t->tv_sec, t->tv_nsec };
	return k;
}
static inline void __ts_from_kernel(struct timespec *t, const struct __kernel_timespec *k)
{
	t->tv_sec = (time_t)k->tv_sec;
	t->tv_nsec = (long)k->tv_nsec;
}
struct rusage;
void __rusage_from_kernel(struct rusage *, const struct __kernel_rusage *);
#endif
