/* linux/cdev.h: included by the books' drivers; what Typix has of it is declared elsewhere. */
#ifndef _LINUX_CDEV_H
#define _LINUX_CDEV_H
#include <linux/types.h>
#endif
