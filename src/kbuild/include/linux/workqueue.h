/* linux/workqueue.h: deferred work run by a kernel worker thread (kworker), so a work function
 * may sleep. schedule_work queues on the system workqueue; alloc_workqueue makes one with its
 * own worker. Work already pending is not queued twice (queue_work returns false); a delayed
 * work item is queued when its delay (jiffies) has passed. */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/atomic.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
};

struct workqueue_struct;

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;
	int cpu;
};

#define WORK_CPU_UNBOUND 1
#define WQ_UNBOUND (1 << 1)
#define WQ_FREEZABLE (1 << 2)
#define WQ_MEM_RECLAIM (1 << 3)
#define WQ_HIGHPRI (1 << 4)
#define WQ_CPU_INTENSIVE (1 << 5)

#define __WORK_INITIALIZER(n, f) { .func = (f) }
#define DECLARE_WORK(n, f) struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f) struct delayed_work n = { .work = __WORK_INITIALIZER((n).work, (f)) }

void __typix_init_work(struct work_struct *work, work_func_t func);
void __typix_init_delayed_work(struct work_struct *work, work_func_t func);
#define INIT_WORK(_work, _func) __typix_init_work((_work), (_func))
#define INIT_DELAYED_WORK(_work, _func) __typix_init_delayed_work(&(_work)->work, (_func))

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...);
struct workqueue_struct *__typix_create_workqueue(const char *name, unsigned int flags);
#define create_workqueue(name) __typix_create_workqueue((name), WQ_MEM_RECLAIM)
#define create_singlethread_workqueue(name) __typix_create_workqueue((name), WQ_MEM_RECLAIM)
void destroy_workqueue(struct workqueue_struct *wq);

/* The system workqueue: NULL stands for it in the calls below. */
#define system_wq ((struct workqueue_struct *)0)

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *work, unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork, unsigned long delay);
static inline bool queue_work(struct workqueue_struct *wq, struct work_struct *work) { return queue_work_on(WORK_CPU_UNBOUND, wq, work); }
static inline bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}
static inline bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork, unsigned long delay)
{
	return mod_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}
static inline bool schedule_work(struct work_struct *work) { return queue_work(system_wq, work); }
static inline bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay) { return queue_delayed_work(system_wq, dwork, delay); }

bool flush_work(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);
void __typix_flush_workqueue(struct workqueue_struct *wq);
#define flush_workqueue(wq) __typix_flush_workqueue(wq)
#define flush_scheduled_work() __typix_flush_workqueue(system_wq)
bool work_pending(struct work_struct *work);
#define delayed_work_pending(w) work_pending(&(w)->work)

#endif
