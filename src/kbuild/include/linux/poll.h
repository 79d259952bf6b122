/* linux/poll.h: included by the books' drivers; what Typix has of it is declared elsewhere. */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H
#include <linux/types.h>
#endif
