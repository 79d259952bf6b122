/* What the thread functions share: the thread descriptor, futex(2) calls and atomics. */
#ifndef _TYPIX_PTHREAD_IMPL_H
#define _TYPIX_PTHREAD_IMPL_H
#include <pthread.h>
#include <time.h>
#include "libc.h"

/* A thread's descriptor: pthread_t is its address; clone's tls argument points at it. tid is
 * the thread id until the thread exits, when the kernel clears it and wakes pthread_join. */
struct pthread {
	struct pthread *self;
	void *(*start)(void *);
	void *arg;
	void *result;
	volatile int tid;
	volatile int detach_state; /* DT_JOINABLE, DT_DETACHED, DT_EXITING */
	void *stack;
	size_t stack_size;
	void *tls;
	struct pthread *next_gone; /* on the list of exited detached threads */
	void *tsd[PTHREAD_KEYS_MAX];
};
enum { DT_JOINABLE, DT_DETACHED, DT_EXITING };

struct pthread *__pthread_self(void);

#define FUTEX_WAIT_PRIVATE 128
#define FUTEX_WAKE_PRIVATE 129

/* Sleep while *addr == val (or until woken, a signal, or the relative timeout): 0, or -errno. */
static inline int __futex_wait(volatile int *addr, int val, const struct timespec *rel)
{
	struct __kernel_timespec { long long s, ns; } k;
	if (rel) { k.s = rel->tv_sec; k.ns = rel->tv_nsec; }
	return (int)__syscall4(__NR_futex, (long)addr, FUTEX_WAIT_PRIVATE, val, rel ? (long)&k : 0);
}
static inline int __futex_wake(volatile int *addr, int n)
{
	return (int)__syscall3(__NR_futex, (long)addr, FUTEX_WAKE_PRIVATE, n);
}

/* The time left until the CLOCK_REALTIME instant at, in rel; -ETIMEDOUT if it has passed. */
int __timeout_left(const struct timespec *at, struct timespec *rel);
void __pthread_tsd_run_dtors(struct pthread *self);
#endif
