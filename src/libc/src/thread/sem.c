/* Unnamed semaphores: a count in a futex word; sem_wait sleeps while it is 0. */
#include <semaphore.h>
#include <errno.h>
#include <limits.h>
#include <time.h>
#include "pthread_impl.h"

int sem_init(sem_t *s, int pshared, unsigned v)
{
	(void)pshared;
	if (v > INT_MAX) { errno = EINVAL; return -1; }
	s->__value = (int)v;
	s->__waiters = 0;
	return 0;
}
int sem_destroy(sem_t *s) { (void)s; return 0; }

int sem_trywait(sem_t *s)
{
	int v = __atomic_load_n(&s->__value, __ATOMIC_ACQUIRE);
	while (v > 0)
		if (__atomic_compare_exchange_n(&s->__value, &v, v - 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) return 0;
	errno = EAGAIN;
	return -1;
}

int sem_timedwait(sem_t *restrict s, const struct timespec *restrict at)
{
	for (;;) {
		if (sem_trywait(s) == 0) return 0;
		struct timespec rel;
		if (at && __timeout_left(at, &rel) < 0) { errno = ETIMEDOUT; return -1; }
		__atomic_fetch_add(&s->__waiters, 1, __ATOMIC_ACQ_REL);
		int r = __futex_wait((volatile int *)&s->__value, 0, at ? &rel : 0);
		__atomic_fetch_sub(&s->__waiters, 1, __ATOMIC_ACQ_REL);
		if (r == -EINTR) { errno = EINTR; return -1; }
	}
}

int sem_wait(sem_t *s) { return sem_timedwait(s, 0); }

int sem_post(sem_t *s)
{
	if (__atomic_load_n(&s->__value, __ATOMIC_ACQUIRE) == INT_MAX) { errno = EOVERFLOW; return -1; }
	__atomic_fetch_add(&s->__value, 1, __ATOMIC_ACQ_REL);
	if (__atomic_load_n(&s->__waiters, __ATOMIC_ACQUIRE)) __futex_wake((volatile int *)&s->__value, 1);
	return 0;
}

int sem_getvalue(sem_t *restrict s, int *restrict v) { *v = __atomic_load_n(&s->__value, __ATOMIC_ACQUIRE); return 0; }
