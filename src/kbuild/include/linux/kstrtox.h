/* linux/kstrtox.h: parsing numbers written to sysfs or /proc. kstrto*(s, base, res): an optional
 * sign, digits (base 0: a 0x or 0 prefix picks hex or octal), one optional newline and nothing
 * else; 0 with *res set, or -EINVAL (not a number) or -ERANGE (too big for the type). */
#ifndef _LINUX_KSTRTOX_H
#define _LINUX_KSTRTOX_H
#include <linux/types.h>
#include <linux/compiler.h>

int __must_check kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int __must_check kstrtoll(const char *s, unsigned int base, long long *res);
int __must_check kstrtoul(const char *s, unsigned int base, unsigned long *res);
int __must_check kstrtol(const char *s, unsigned int base, long *res);
int __must_check kstrtouint(const char *s, unsigned int base, unsigned int *res);
int __must_check kstrtoint(const char *s, unsigned int base, int *res);
int __must_check kstrtou16(const char *s, unsigned int base, u16 *res);
int __must_check kstrtos16(const char *s, unsigned int base, s16 *res);
int __must_check kstrtou8(const char *s, unsigned int base, u8 *res);
int __must_check kstrtos8(const char *s, unsigned int base, s8 *res);
int __must_check kstrtobool(const char *s, bool *res);
#define kstrtou64 kstrtoull
#define kstrtos64 kstrtoll
#define kstrtou32 kstrtouint
#define kstrtos32 kstrtoint

/* The leading number of cp (0 when none); *endp, if given, where it stopped. */
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);
long long simple_strtoll(const char *cp, char **endp, unsigned int base);
#endif
