/* Integer conversions: strto(u)l(l), strtoimax, atoi, atol, atoll, with C's rules for bases,
 * signs, overflow (ERANGE and the limit) and where parsing ends. */
#include <stdlib.h>
#include <inttypes.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>

/* The magnitude of the number at s (sign in *neg); *overflow if above limit. */
static unsigned long long parse(const char *s, char **end, int base, unsigned long long limit, int *neg, int *overflow)
{
	const char *p = s;
	*neg = 0;
	*overflow = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end) *end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p)) p++;
	if (*p == '-' || *p == '+') *neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' && isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	unsigned long long v = 0;
	const char *digits = p;
	for (;; p++) {
		int d;
		if (isdigit((unsigned char)*p)) d = *p - '0';
		else if (isalpha((unsigned char)*p)) d = (*p | 32) - 'a' + 10;
		else break;
		if (d >= base) break;
		if (v > (limit - d) / base) *overflow = 1;
		else v = v * base + d;
	}
	if (end) *end = (char *)(p == digits ? s : p);
	return v;
}

static long long to_signed(const char *s, char **end, int base, long long min, long long max)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, (unsigned long long)max + 1, &neg, &over);
	if (over || (!neg && v > (unsigned long long)max)) { errno = ERANGE; return neg ? min : max; }
	return neg ? (long long)(0 - v) : (long long)v;
}

static unsigned long long to_unsigned(const char *s, char **end, int base, unsigned long long max)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, max, &neg, &over);
	if (over) { errno = ERANGE; return max; }
	return neg ? 0 - v : v;
}

long strtol(const char *restrict s, char **restrict e, int b) { return (long)to_signed(s, e, b, LONG_MIN, LONG_MAX); }
long long strtoll(const char *restrict s, char **restrict e, int b) { return to_signed(s, e, b, LLONG_MIN, LLONG_MAX); }
unsigned long strtoul(const char *restrict s, char **restrict e, int b)
{
	int neg, over;
	unsigned long long v = parse(s, e, b, ULONG_MAX, &neg, &over);
	if (over) { errno = ERANGE; return ULONG_MAX; }
	return neg ? (unsigned long)(0 - v) : (unsigned long)v;
}
unsigned long long strtoull(const char *restrict s, char **restrict e, int b) { return to_unsigned(s, e, b, ULLONG_MAX); }
intmax_t strtoimax(const char *restrict s, char **restrict e, int b) { return strtoll(s, e, b); }
uintmax_t strtoumax(const char *restrict s, char **restrict e, int b) { return strtoull(s, e, b); }

int atoi(const char *s) { return (int)strtol(s, 0, 10); }
long atol(const char *s) { return strtol(s, 0, 10); }
long long atoll(const char *s) { return strtoll(s, 0, 10); }

int abs(int a) { return a < 0 ? -a : a; }
long labs(long a) { return a < 0 ? -a : a; }
long long llabs(long long a) { return a < 0 ? -a : a; }
intmax_t imaxabs(intmax_t a) { return a < 0 ? -a : a; }
div_t div(int a, int b) { return (div_t){ a / b, a % b }; }
ldiv_t ldiv(long a, long b) { return (ldiv_t){ a / b, a % b }; }
lldiv_t lldiv(long long a, long long b) { return (lldiv_t){ a / b, a % b }; }
imaxdiv_t imaxdiv(intmax_t a, intmax_t b) { return (imaxdiv_t){ a / b, a % b }; }
