/* Streams locked per FILE, as POSIX asks of stdio in a program with threads: flockfile and its
 * relatives, and the lock every stdio function takes around its work. The lock is recursive (a
 * thread holding it by flockfile may call printf), a futex word with its owner beside it, and
 * taken only once the program has made a thread, so a program without threads pays nothing. */
#include <stdio.h>
#include "stdio_impl.h"
#include "pthread_impl.h"

/* Set by pthread_create before the second thread exists; never cleared. */
int __libc_threaded;

/* pthread_create, which sets __libc_threaded, links __pthread_self with it. */
struct pthread *__pthread_self(void) __attribute__((weak));

static void lock_word(volatile int *l)
{
	int c = 0;
	if (__atomic_compare_exchange_n(l, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return;
	if (c != 2) c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		__futex_wait(l, 2, 0);
		c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
	}
}

static void unlock_word(volatile int *l)
{
	if (__atomic_exchange_n(l, 0, __ATOMIC_RELEASE) == 2) __futex_wake(l, 1);
}

void flockfile(FILE *f)
{
	if (!__libc_threaded) return;
	void *me = __pthread_self();
	if (f->lock_owner == me) { f->lock_count++; return; }
	lock_word(&f->lock);
	f->lock_owner = me;
	f->lock_count = 1;
}

int ftrylockfile(FILE *f)
{
	if (!__libc_threaded) return 0;
	void *me = __pthread_self();
	if (f->lock_owner == me) { f->lock_count++; return 0; }
	int c = 0;
	if (!__atomic_compare_exchange_n(&f->lock, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) return -1;
	f->lock_owner = me;
	f->lock_count = 1;
	return 0;
}

void funlockfile(FILE *f)
{
	if (!f->lock_owner || --f->lock_count) return;
	f->lock_owner = 0;
	unlock_word(&f->lock);
}

int __lockfile(FILE *f)
{
	if (!__libc_threaded) return 0;
	flockfile(f);
	return 1;
}

void __unlockfile(FILE *f) { funlockfile(f); }

/* The list of open streams (fopen, fclose, fflush(NULL), exit). */
static volatile int list_lock;
void __lock_stdio_list(void) { if (__libc_threaded) lock_word(&list_lock); }
void __unlock_stdio_list(void) { if (__libc_threaded) unlock_word(&list_lock); }
