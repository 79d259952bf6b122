/* linux/delay.h: included by the books' drivers; what Typix has of it is declared elsewhere. */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H
#include <linux/types.h>
#endif
