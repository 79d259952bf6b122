/* linux/jiffies.h: the tick count (HZ ticks a second) and conversions. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H
#include <linux/types.h>

#define HZ 250
#define MAX_JIFFY_OFFSET ((long)(~0UL >> 1))
unsigned long __typix_jiffies(void);
#define jiffies (__typix_jiffies())
unsigned long msecs_to_jiffies(unsigned int m);
unsigned int jiffies_to_msecs(unsigned long j);
#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)

#endif
