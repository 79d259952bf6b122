/* linux/errno.h: the error numbers (a function returns -ENOMEM, -EINVAL ...). */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H
#include <uapi/asm-generic/errno.h>
/* The kernel's own, never seen by user space. */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ENOIOCTLCMD 515
#endif
