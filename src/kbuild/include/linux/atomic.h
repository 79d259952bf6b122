/* linux/atomic.h: atomic_t. C kernel code runs on the kernel's one CPU and is never interrupted
 * inside a call, so each operation is a plain read-modify-write. */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H
#include <linux/types.h> /* atomic_t */
#define ATOMIC_INIT(i) { (i) }
static inline int atomic_read(const atomic_t *v) { return v->counter; }
static inline void atomic_set(atomic_t *v, int i) { v->counter = i; }
static inline void atomic_inc(atomic_t *v) { v->counter++; }
static inline void atomic_dec(atomic_t *v) { v->counter--; }
static inline void atomic_add(int i, atomic_t *v) { v->counter += i; }
static inline void atomic_sub(int i, atomic_t *v) { v->counter -= i; }
static inline int atomic_inc_return(atomic_t *v) { return ++v->counter; }
static inline int atomic_dec_return(atomic_t *v) { return --v->counter; }
static inline int atomic_dec_and_test(atomic_t *v) { return --v->counter == 0; }
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	int cur = v->counter;
	if (cur == old)
		v->counter = new;
	return cur;
}
static inline int atomic_xchg(atomic_t *v, int new) { int cur = v->counter; v->counter = new; return cur; }
#endif
