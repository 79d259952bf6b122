/* linux/kthread.h: kernel threads. kthread_create makes a thread that is not running yet
 * (wake_up_process starts it); kthread_run does both. The thread's function runs as a task of
 * its own (ps shows it in brackets) and may sleep; it ends by returning, by kthread_exit, or
 * when kthread_stop has asked it to (kthread_should_stop) and it returns. */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/completion.h>

#define NUMA_NO_NODE (-1)

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node, const char namefmt[], ...);
#define kthread_create(threadfn, data, namefmt, ...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##__VA_ARGS__)
#define kthread_run(threadfn, data, namefmt, ...) ({ \
	struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
	if (!IS_ERR(__k)) \
		wake_up_process(__k); \
	__k; \
})

int wake_up_process(struct task_struct *p);
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
void __attribute__((noreturn)) kthread_exit(long result);
void __attribute__((noreturn)) kthread_complete_and_exit(struct completion *comp, long code);

#endif
