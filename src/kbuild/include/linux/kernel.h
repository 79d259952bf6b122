/* linux/kernel.h: printk, the string formatters and the everyday macros. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stringify.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <linux/bug.h>
#include <linux/sprintf.h>
#include <linux/kstrtox.h>

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define min(x, y) ((x) < (y) ? (x) : (y))
#define max(x, y) ((x) > (y) ? (x) : (y))
#define min_t(type, x, y) min((type)(x), (type)(y))
#define max_t(type, x, y) max((type)(x), (type)(y))
#define clamp(val, lo, hi) min(max(val, lo), hi)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define INT_MAX ((int)(~0U >> 1))
#define INT_MIN (-INT_MAX - 1)
#define UINT_MAX (~0U)
#define LONG_MAX ((long)(~0UL >> 1))
#define ULONG_MAX (~0UL)
#endif
