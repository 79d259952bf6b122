/* linux/delay.h: msleep and its kin sleep (the task waits, every other task runs); udelay,
 * ndelay and mdelay busy-wait as Linux's do, so they are for short delays only. */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H
#include <linux/types.h>

void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void ssleep(unsigned int seconds);
void usleep_range(unsigned long min, unsigned long max);
void udelay(unsigned long usecs);
void ndelay(unsigned long nsecs);
void mdelay(unsigned long msecs);

#endif
