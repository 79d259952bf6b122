/* linux/wait.h: wait queues. The wait_event* macros check their condition and sleep until the
 * queue is woken, as often as it takes; a module using them can sleep (its C stack is suspended
 * while the task waits, and every other task runs). The interruptible forms end with
 * -ERESTARTSYS when a signal arrives. */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H
#include <linux/types.h>
#include <linux/errno.h>

struct wait_queue_head { int __typix_queue; };
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { 0 }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

void __init_waitqueue_head(struct wait_queue_head *wq_head);
#define init_waitqueue_head(wq_head) __init_waitqueue_head(wq_head)
int waitqueue_active(struct wait_queue_head *wq_head);

/* Sleep until wq_head is woken (or, interruptible, a signal: -ERESTARTSYS). The timeout form
 * takes jiffies and returns those left (0 when they ran out). */
int __typix_wait_sleep(struct wait_queue_head *wq_head, int interruptible);
long __typix_wait_sleep_timeout(struct wait_queue_head *wq_head, int interruptible, long timeout);

#define __typix_wait_event(wq_head, condition, intr) \
	({ \
		int __ret = 0; \
		while (!(condition)) { \
			__ret = __typix_wait_sleep(&(wq_head), (intr)); \
			if (__ret) \
				break; \
		} \
		__ret; \
	})

#define wait_event(wq_head, condition) ((void)__typix_wait_event(wq_head, condition, 0))
#define wait_event_interruptible(wq_head, condition) __typix_wait_event(wq_head, condition, 1)
#define wait_event_killable(wq_head, condition) __typix_wait_event(wq_head, condition, 1)

#define __typix_wait_event_timeout(wq_head, condition, timeout, intr) \
	({ \
		long __left = (timeout); \
		long __ret = 0; \
		if (condition) \
			__ret = __left ? __left : 1; \
		else \
			for (;;) { \
				__left = __typix_wait_sleep_timeout(&(wq_head), (intr), __left); \
				if (__left < 0) { __ret = __left; break; } \
				if (condition) { __ret = __left ? __left : 1; break; } \
				if (__left == 0) { __ret = 0; break; } \
			} \
		__ret; \
	})

#define wait_event_timeout(wq_head, condition, timeout) __typix_wait_event_timeout(wq_head, condition, timeout, 0)
#define wait_event_interruptible_timeout(wq_head, condition, timeout) \
	__typix_wait_event_timeout(wq_head, condition, timeout, 1)

void __wake_up(struct wait_queue_head *wq_head);
#define wake_up(x) __wake_up(x)
#define wake_up_all(x) __wake_up(x)
#define wake_up_interruptible(x) __wake_up(x)
#define wake_up_interruptible_all(x) __wake_up(x)

#endif
