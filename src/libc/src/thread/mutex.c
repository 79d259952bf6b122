/* Mutexes (a futex word: 0 free, 1 locked, 2 locked with waiters), condition variables (a
 * sequence number waiters sleep on), pthread_once and barriers. */
#define _GNU_SOURCE
#include <pthread.h>
#include <unistd.h>
#include <errno.h>
#include <limits.h>
#include <time.h>
#include "pthread_impl.h"

static int cas(volatile int *p, int old, int new)
{
	__atomic_compare_exchange_n(p, &old, new, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
	return old;
}

static void lock_word(volatile int *w)
{
	if (cas(w, 0, 1) == 0) return;
	do {
		if (*w == 2 || cas(w, 1, 2) != 0) __futex_wait(w, 2, 0);
	} while (cas(w, 0, 2) != 0);
}

static void unlock_word(volatile int *w)
{
	if (__atomic_exchange_n(w, 0, __ATOMIC_RELEASE) == 2) __futex_wake(w, 1);
}

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict a)
{
	m->__lock = m->__owner = m->__count = 0;
	m->__type = a ? a->__type : PTHREAD_MUTEX_NORMAL;
	return 0;
}
int pthread_mutex_destroy(pthread_mutex_t *m) { return m->__lock ? EBUSY : 0; }

int pthread_mutex_lock(pthread_mutex_t *m)
{
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		int me = gettid();
		if (m->__owner == me) {
			if (m->__type == PTHREAD_MUTEX_ERRORCHECK) return EDEADLK;
			m->__count++;
			return 0;
		}
		lock_word((volatile int *)&m->__lock);
		m->__owner = me;
		m->__count = 1;
		return 0;
	}
	lock_word((volatile int *)&m->__lock);
	return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	if (m->__type != PTHREAD_MUTEX_NORMAL && m->__owner == gettid()) {
		if (m->__type == PTHREAD_MUTEX_ERRORCHECK) return EBUSY;
		m->__count++;
		return 0;
	}
	if (cas((volatile int *)&m->__lock, 0, 1) != 0) return EBUSY;
	if (m->__type != PTHREAD_MUTEX_NORMAL) { m->__owner = gettid(); m->__count = 1; }
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		if (m->__owner != gettid()) return EPERM;
		if (--m->__count > 0) return 0;
		m->__owner = 0;
	}
	unlock_word((volatile int *)&m->__lock);
	return 0;
}

int pthread_mutexattr_init(pthread_mutexattr_t *a) { a->__type = PTHREAD_MUTEX_NORMAL; return 0; }
int pthread_mutexattr_destroy(pthread_mutexattr_t *a) { (void)a; return 0; }
int pthread_mutexattr_settype(pthread_mutexattr_t *a, int t)
{
	if (t < PTHREAD_MUTEX_NORMAL || t > PTHREAD_MUTEX_ERRORCHECK) return EINVAL;
	a->__type = t;
	return 0;
}
int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict a, int *restrict t) { *t = a->__type; return 0; }

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict a) { (void)a; c->__seq = 0; return 0; }
int pthread_cond_destroy(pthread_cond_t *c) { (void)c; return 0; }
int pthread_condattr_init(pthread_condattr_t *a) { a->__clock = CLOCK_REALTIME; return 0; }
int pthread_condattr_destroy(pthread_condattr_t *a) { (void)a; return 0; }

int __timeout_left(const struct timespec *at, struct timespec *rel)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	long long ns = (at->tv_sec - now.tv_sec) * 1000000000LL + (at->tv_nsec - now.tv_nsec);
	if (ns <= 0) return -ETIMEDOUT;
	rel->tv_sec = ns / 1000000000LL;
	rel->tv_nsec = ns % 1000000000LL;
	return 0;
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m, const struct timespec *restrict at)
{
	struct timespec rel;
	if (at && (at->tv_nsec < 0 || at->tv_nsec >= 1000000000L)) return EINVAL;
	int seq = __atomic_load_n(&c->__seq, __ATOMIC_ACQUIRE);
	int r = 0;
	if (at && __timeout_left(at, &rel) < 0) r = -ETIMEDOUT;
	pthread_mutex_unlock(m);
	if (!r) r = __futex_wait((volatile int *)&c->__seq, seq, at ? &rel : 0);
	pthread_mutex_lock(m);
	return r == -ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m) { return pthread_cond_timedwait(c, m, 0); }

int pthread_cond_signal(pthread_cond_t *c)
{
	__atomic_fetch_add(&c->__seq, 1, __ATOMIC_RELEASE);
	__futex_wake((volatile int *)&c->__seq, 1);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	__atomic_fetch_add(&c->__seq, 1, __ATOMIC_RELEASE);
	__futex_wake((volatile int *)&c->__seq, INT_MAX);
	return 0;
}

/* once: 0 not run, 1 running, 2 done. */
int pthread_once(pthread_once_t *o, void (*fn)(void))
{
	volatile int *w = (volatile int *)o;
	for (;;) {
		int s = cas(w, 0, 1);
		if (s == 2) return 0;
		if (s == 0) {
			fn();
			__atomic_store_n(w, 2, __ATOMIC_RELEASE);
			__futex_wake(w, INT_MAX);
			return 0;
		}
		__futex_wait(w, 1, 0);
	}
}

int pthread_barrier_init(pthread_barrier_t *restrict b, const pthread_barrierattr_t *restrict a, unsigned n)
{
	(void)a;
	if (n == 0) return EINVAL;
	b->__lock = b->__count = b->__seq = 0;
	b->__limit = (int)n;
	return 0;
}
int pthread_barrier_destroy(pthread_barrier_t *b) { (void)b; return 0; }

int pthread_barrier_wait(pthread_barrier_t *b)
{
	lock_word((volatile int *)&b->__lock);
	int seq = b->__seq;
	if (++b->__count == b->__limit) {
		b->__count = 0;
		__atomic_fetch_add(&b->__seq, 1, __ATOMIC_RELEASE);
		unlock_word((volatile int *)&b->__lock);
		__futex_wake((volatile int *)&b->__seq, INT_MAX);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	unlock_word((volatile int *)&b->__lock);
	while (__atomic_load_n(&b->__seq, __ATOMIC_ACQUIRE) == seq) __futex_wait((volatile int *)&b->__seq, seq, 0);
	return 0;
}
