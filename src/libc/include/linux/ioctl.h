/* <linux/ioctl.h>: the encoding of ioctl numbers, as asm-generic defines it. */
#ifndef _LINUX_IOCTL_H
#define _LINUX_IOCTL_H
#include <asm-generic/ioctl.h>
#endif
