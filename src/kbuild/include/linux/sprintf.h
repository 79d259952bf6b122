/* linux/sprintf.h: the kernel's string formatting (the same conversions as printk). */
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
#endif
