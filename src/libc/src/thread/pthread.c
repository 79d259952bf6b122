/* Thread creation and end: pthread_create makes a stack (mmap) and a TLS block, then clone with
 * the flags glibc uses for a thread; the new thread's Worker (include/uapi/wasm_abi.ts,
 * "threads") calls __typix_thread_start with the descriptor, which sets up its TLS and runs
 * the start routine. pthread_join waits on the descriptor's tid, which the kernel clears and
 * wakes when the thread exits (CLONE_CHILD_CLEARTID). */
#include <pthread.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "pthread_impl.h"

#define DEFAULT_STACK (2 * 1024 * 1024)
#define CLONE_THREAD_FLAGS (0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 | 0x80000 | 0x100000 | 0x200000)

extern void __wasm_init_tls(void *);
extern int __libc_threaded;

/* Detached threads that have exited: a thread cannot unmap the stack it runs on, so it leaves
 * its descriptor here and a later pthread_create frees it once the kernel has cleared its tid
 * (the thread is gone then). */
static struct pthread *volatile gone_detached;

static void free_thread(struct pthread *p)
{
	munmap(p->stack, p->stack_size);
	free(p->tls);
	free(p);
}

static void reap_detached(void)
{
	struct pthread *list = __atomic_exchange_n(&gone_detached, 0, __ATOMIC_ACQUIRE), *keep = 0;
	while (list) {
		struct pthread *next = list->next_gone;
		if (__atomic_load_n(&list->tid, __ATOMIC_ACQUIRE) == 0) {
			free_thread(list);
		} else {
			list->next_gone = keep;
			keep = list;
		}
		list = next;
	}
	while (keep) { /* still on their way out: back on the list */
		struct pthread *next = keep->next_gone;
		keep->next_gone = __atomic_load_n(&gone_detached, __ATOMIC_RELAXED);
		while (!__atomic_compare_exchange_n(&gone_detached, &keep->next_gone, keep, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {}
		keep = next;
	}
}

static struct pthread main_thread;
static _Thread_local struct pthread *self_ptr;

struct pthread *__pthread_self(void)
{
	if (!self_ptr) {
		main_thread.self = &main_thread;
		main_thread.tid = gettid();
		self_ptr = &main_thread;
	}
	return self_ptr;
}

pthread_t pthread_self(void) { return (pthread_t)__pthread_self(); }

void __pthread_after_fork(void) { __pthread_self()->tid = gettid(); }
int pthread_equal(pthread_t a, pthread_t b) { return a == b; }

/* Where a new thread starts (called by the runtime on the thread's own stack). */
__attribute__((export_name("__typix_thread_start"))) void __typix_thread_start(struct pthread *p)
{
	__wasm_init_tls(p->tls);
	self_ptr = p;
	pthread_exit(p->start(p->arg));
}

int pthread_create(pthread_t *restrict res, const pthread_attr_t *restrict attr, void *(*fn)(void *), void *restrict arg)
{
	reap_detached();
	size_t size = attr && attr->__stacksize ? attr->__stacksize : DEFAULT_STACK;
	size = (size + 4095) & ~(size_t)4095;
	struct pthread *p = calloc(1, sizeof *p);
	size_t align = __builtin_wasm_tls_align();
	void *tls = aligned_alloc(align < 16 ? 16 : align, (__builtin_wasm_tls_size() + 15) & ~(size_t)15 ?: 16);
	void *stack = mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (!p || !tls || stack == MAP_FAILED) {
		free(p);
		free(tls);
		if (stack != MAP_FAILED) munmap(stack, size);
		return EAGAIN;
	}
	__pthread_self(); /* the main thread's descriptor, before there are two threads */
	__libc_threaded = 1; /* stdio locks its streams from now on */
	p->self = p;
	p->start = fn;
	p->arg = arg;
	p->stack = stack;
	p->stack_size = size;
	p->tls = tls;
	p->detach_state = attr && attr->__detach ? DT_DETACHED : DT_JOINABLE;
	long r = __syscall5(__NR_clone, CLONE_THREAD_FLAGS, (long)((char *)stack + size), (long)&p->tid, (long)&p->tid, (long)p);
	if (r < 0) {
		munmap(stack, size);
		free(tls);
		free(p);
		return r == -ENOSYS ? ENOSYS : EAGAIN;
	}
	*res = (pthread_t)p;
	return 0;
}

_Noreturn void pthread_exit(void *result)
{
	struct pthread *self = __pthread_self();
	self->result = result;
	__pthread_tsd_run_dtors(self);
	if (self == &main_thread) {
		/* The main thread leaves; the process goes on until its last thread exits. */
		for (;;) __syscall1(__NR_exit, 0);
	}
	int want = DT_JOINABLE;
	if (!__atomic_compare_exchange_n(&self->detach_state, &want, DT_EXITING, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		/* Detached: the descriptor and stack are freed by a later pthread_create. */
		self->next_gone = __atomic_load_n(&gone_detached, __ATOMIC_RELAXED);
		while (!__atomic_compare_exchange_n(&gone_detached, &self->next_gone, self, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {}
	}
	for (;;) __syscall1(__NR_exit, 0);
}

int pthread_join(pthread_t t, void **res)
{
	struct pthread *p = (struct pthread *)t;
	if (p == __pthread_self()) return EDEADLK;
	if (p->detach_state == DT_DETACHED) return EINVAL;
	int tid;
	while ((tid = __atomic_load_n(&p->tid, __ATOMIC_ACQUIRE)) != 0)
		__futex_wait(&p->tid, tid, 0);
	if (res) *res = p->result;
	free_thread(p);
	return 0;
}

int pthread_detach(pthread_t t)
{
	struct pthread *p = (struct pthread *)t;
	int want = DT_JOINABLE;
	if (!__atomic_compare_exchange_n(&p->detach_state, &want, DT_DETACHED, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return want == DT_DETACHED ? EINVAL : pthread_join(t, 0);
	return 0;
}

int pthread_kill(pthread_t t, int sig)
{
	struct pthread *p = (struct pthread *)t;
	int tid = p == __pthread_self() ? gettid() : p->tid;
	if (!tid) return ESRCH;
	long r = __syscall3(__NR_tgkill, getpid(), tid, sig);
	return r < 0 ? (int)-r : 0;
}

int pthread_attr_init(pthread_attr_t *a) { a->__detach = 0; a->__stacksize = DEFAULT_STACK; return 0; }
int pthread_attr_destroy(pthread_attr_t *a) { (void)a; return 0; }
int pthread_attr_setdetachstate(pthread_attr_t *a, int s)
{
	if (s != PTHREAD_CREATE_JOINABLE && s != PTHREAD_CREATE_DETACHED) return EINVAL;
	a->__detach = s;
	return 0;
}
int pthread_attr_getdetachstate(const pthread_attr_t *a, int *s) { *s = a->__detach; return 0; }
int pthread_attr_setstacksize(pthread_attr_t *a, size_t n)
{
	if (n < PTHREAD_STACK_MIN) return EINVAL;
	a->__stacksize = n;
	return 0;
}
int pthread_attr_getstacksize(const pthread_attr_t *restrict a, size_t *restrict n) { *n = a->__stacksize; return 0; }
