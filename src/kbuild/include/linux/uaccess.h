/* linux/uaccess.h: copying between kernel memory and a process's (user) memory. */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/string.h>

/* The number of bytes that could not be copied (0 on success). */
unsigned long _copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long _copy_from_user(void *to, const void __user *from, unsigned long n);

static inline __must_check unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return _copy_to_user(to, from, n);
}
static inline __must_check unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	return _copy_from_user(to, from, n);
}

#define put_user(x, ptr) ({ \
	__typeof__(*(ptr)) __pu_val = (x); \
	_copy_to_user((ptr), &__pu_val, sizeof(*(ptr))) ? -EFAULT : 0; })
#define get_user(x, ptr) ({ \
	__typeof__(*(ptr)) __gu_val; \
	int __gu_err = _copy_from_user(&__gu_val, (ptr), sizeof(*(ptr))) ? -EFAULT : 0; \
	(x) = __gu_err ? (__typeof__(*(ptr)))0 : __gu_val; \
	__gu_err; })
#endif
