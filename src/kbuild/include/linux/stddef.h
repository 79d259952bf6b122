/* linux/stddef.h: NULL, offsetof. */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H
#include <linux/types.h>
#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
#endif
