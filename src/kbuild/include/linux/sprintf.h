/* linux/sprintf.h: the kernel's string formatting (the same conversions as printk) and sscanf
 * (%d %i %u %x %o %s %c %n, with hh, h, l, ll; the number of conversions stored). */
#ifndef _LINUX_SPRINTF_H
#define _LINUX_SPRINTF_H
#include <linux/types.h>
#include <linux/stdarg.h>
#include <linux/compiler.h>

int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);
int vsprintf(char *buf, const char *fmt, va_list args) __printf(2, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args) __printf(3, 0);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args) __printf(3, 0);
int sscanf(const char *buf, const char *fmt, ...) __attribute__((__format__(scanf, 2, 3)));
int vsscanf(const char *buf, const char *fmt, va_list args) __attribute__((__format__(scanf, 2, 0)));
#endif
