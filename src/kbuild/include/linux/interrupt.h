/* linux/interrupt.h: tasklets, the deferred half of interrupt handling. A scheduled tasklet runs
 * once, soon, in softirq context (it must not sleep), never on two CPUs at once; scheduling it
 * again before it runs does nothing. tasklet_kill waits until it is neither pending nor running. */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/atomic.h>

enum { TASKLET_STATE_SCHED, TASKLET_STATE_RUN };

struct tasklet_struct {
	struct tasklet_struct *next;
	unsigned long state;
	atomic_t count;
	bool use_callback;
	union {
		void (*func)(unsigned long data);
		void (*callback)(struct tasklet_struct *t);
	};
	unsigned long data;
};

#define DECLARE_TASKLET(name, _callback) \
	struct tasklet_struct name = { .count = ATOMIC_INIT(0), .callback = _callback, .use_callback = true }
#define DECLARE_TASKLET_DISABLED(name, _callback) \
	struct tasklet_struct name = { .count = ATOMIC_INIT(1), .callback = _callback, .use_callback = true }
#define DECLARE_TASKLET_OLD(name, _func) \
	struct tasklet_struct name = { .count = ATOMIC_INIT(0), .func = _func }
#define DECLARE_TASKLET_DISABLED_OLD(name, _func) \
	struct tasklet_struct name = { .count = ATOMIC_INIT(1), .func = _func }
#define from_tasklet(var, callback_tasklet, tasklet_fieldname) \
	container_of(callback_tasklet, typeof(*var), tasklet_fieldname)

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data);
void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *));
void __tasklet_schedule(struct tasklet_struct *t);
void __tasklet_hi_schedule(struct tasklet_struct *t);
static inline void tasklet_schedule(struct tasklet_struct *t) { __tasklet_schedule(t); }
static inline void tasklet_hi_schedule(struct tasklet_struct *t) { __tasklet_hi_schedule(t); }
void tasklet_disable_nosync(struct tasklet_struct *t);
void tasklet_disable(struct tasklet_struct *t);
void tasklet_enable(struct tasklet_struct *t);
void tasklet_kill(struct tasklet_struct *t);

#endif
