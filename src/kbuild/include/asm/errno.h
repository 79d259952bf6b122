/* asm/errno.h: the error numbers. */
#ifndef _ASM_ERRNO_H
#define _ASM_ERRNO_H
#include <linux/errno.h>
#endif
