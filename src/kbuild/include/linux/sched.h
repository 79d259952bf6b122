/* linux/sched.h: the running task (`current`, a view of its struct task_struct) and giving up
 * the CPU. schedule() lets other tasks run; schedule_timeout() sleeps in the state
 * set_current_state() gave. */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H
#include <linux/types.h>
#include <linux/jiffies.h>
#include <linux/wait.h>

#define TASK_COMM_LEN 16
#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_KILLABLE (0x0100 | TASK_UNINTERRUPTIBLE)
#define MAX_SCHEDULE_TIMEOUT MAX_JIFFY_OFFSET

struct task_struct {
	volatile long __state;
	pid_t pid;
	pid_t tgid;
	char comm[TASK_COMM_LEN];
};

struct task_struct *__typix_current(void);
#define current (__typix_current())
#define get_current() (__typix_current())
static inline pid_t task_pid_nr(struct task_struct *t) { return t->pid; }
static inline pid_t task_tgid_nr(struct task_struct *t) { return t->tgid; }

int signal_pending(struct task_struct *p);
int fatal_signal_pending(struct task_struct *p);
void schedule(void);
int cond_resched(void);
long schedule_timeout(long timeout);
void set_current_state(long state);
#define __set_current_state(state) set_current_state(state)

#endif
