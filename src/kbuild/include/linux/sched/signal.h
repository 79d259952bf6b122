/* linux/sched/signal.h: signal_pending() and the task's signal state. */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H
#include <linux/sched.h>
#endif
