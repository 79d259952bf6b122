/* Thread-specific data: keys with destructors, values in each thread's descriptor. */
#include <pthread.h>
#include <errno.h>
#include "pthread_impl.h"

static void (*volatile dtors[PTHREAD_KEYS_MAX])(void *);
static volatile int used[PTHREAD_KEYS_MAX];

static void nodtor(void *p) { (void)p; }

int pthread_key_create(pthread_key_t *k, void (*dtor)(void *))
{
	for (unsigned i = 0; i < PTHREAD_KEYS_MAX; i++) {
		int free_slot = 0;
		if (__atomic_compare_exchange_n(&used[i], &free_slot, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			dtors[i] = dtor ? dtor : nodtor;
			*k = i;
			return 0;
		}
	}
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t k)
{
	if (k >= PTHREAD_KEYS_MAX || !used[k]) return EINVAL;
	dtors[k] = 0;
	__atomic_store_n(&used[k], 0, __ATOMIC_RELEASE);
	return 0;
}

void *pthread_getspecific(pthread_key_t k) { return k < PTHREAD_KEYS_MAX ? __pthread_self()->tsd[k] : 0; }

int pthread_setspecific(pthread_key_t k, const void *v)
{
	if (k >= PTHREAD_KEYS_MAX || !used[k]) return EINVAL;
	__pthread_self()->tsd[k] = (void *)v;
	return 0;
}

void __pthread_tsd_run_dtors(struct pthread *self)
{
	for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		int any = 0;
		for (unsigned i = 0; i < PTHREAD_KEYS_MAX; i++) {
			void *v = self->tsd[i];
			if (!v || !dtors[i]) continue;
			self->tsd[i] = 0;
			dtors[i](v);
			any = 1;
		}
		if (!any) return;
	}
}
