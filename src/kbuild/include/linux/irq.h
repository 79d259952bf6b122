/* linux/irq.h: included by the books' drivers; what Typix has of it is declared elsewhere. */
#ifndef _LINUX_IRQ_H
#define _LINUX_IRQ_H
#include <linux/types.h>
#endif
