/* The printf engine: glibc's conversions (d i u o x X c s p n m % and the floating ones),
 * flags, field width and precision (also from arguments with *), the length modifiers
 * hh h l ll q j z Z t L, and positional arguments (%1$d, *2$). */
#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include "stdio_impl.h"

enum { L_NONE, L_HH, L_H, L_L, L_LL, L_J, L_Z, L_T, L_BIG };

struct counting { __fmt_out out; void *ctx; long long count; };
static void counted(void *c, const char *s, size_t n)
{
	struct counting *k = c;
	if (n) k->out(k->ctx, s, n);
	k->count += n;
}

static void pad(struct counting *c, char ch, int n)
{
	char t[32];
	memset(t, ch, sizeof t);
	for (; n > 0; n -= 32) counted(c, t, n < 32 ? n : 32);
}

/* An integer conversion: digits in base with prefix, precision and padding. */
static void integer(struct counting *c, uintmax_t v, int neg, int conv, int width, int prec, int flags)
{
	char digits[72];
	int n = 0;
	const char *xd = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = conv == 'o' ? 8 : conv == 'x' || conv == 'X' || conv == 'p' ? 16 : 10;
	uintmax_t u = v;
	while (u) { digits[n++] = xd[u % base]; u /= base; }
	if (prec < 0 && n == 0) digits[n++] = '0'; /* no precision: 0 prints "0" */
	char pre[4];
	int npre = 0;
	if (conv == 'd' || conv == 'i') {
		if (neg) pre[npre++] = '-';
		else if (flags & FMT_PLUS) pre[npre++] = '+';
		else if (flags & FMT_SPACE) pre[npre++] = ' ';
	}
	if (((flags & FMT_ALT) && (conv == 'x' || conv == 'X') && v) || conv == 'p') { pre[npre++] = '0'; pre[npre++] = conv == 'X' ? 'X' : 'x'; }
	int zeros = prec > n ? prec - n : 0;
	if ((flags & FMT_ALT) && conv == 'o' && zeros == 0 && (n == 0 || digits[n - 1] != '0')) zeros = 1;
	if (prec < 0 && (flags & FMT_ZERO) && !(flags & FMT_LEFT)) {
		int fill = width - npre - n;
		if (fill > zeros) zeros = fill;
	}
	int total = npre + zeros + n;
	if (!(flags & FMT_LEFT)) pad(c, ' ', width - total);
	counted(c, pre, npre);
	pad(c, '0', zeros);
	char out[72];
	for (int i = 0; i < n; i++) out[i] = digits[n - 1 - i];
	counted(c, out, n);
	if (flags & FMT_LEFT) pad(c, ' ', width - total);
}

static void text(struct counting *c, const char *s, size_t n, int width, int flags)
{
	if (!(flags & FMT_LEFT)) pad(c, ' ', width - (int)n);
	counted(c, s, n);
	if (flags & FMT_LEFT) pad(c, ' ', width - (int)n);
}

/* Positional arguments: their types, gathered in a first pass, then their values. */
#define NL_MAX 64
union arg { intmax_t i; uintmax_t u; double d; long double ld; void *p; };
enum { T_NONE, T_INT, T_LONG, T_LLONG, T_SIZE, T_PTRDIFF, T_INTMAX, T_DOUBLE, T_LDOUBLE, T_PTR };

static int arg_type(int conv, int len)
{
	switch (conv) {
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'c':
		return len == L_L ? T_LONG : len == L_LL ? T_LLONG : len == L_J ? T_INTMAX : len == L_Z ? T_SIZE : len == L_T ? T_PTRDIFF : T_INT;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
		return len == L_BIG ? T_LDOUBLE : T_DOUBLE;
	case 's': case 'p': case 'n': return T_PTR;
	}
	return T_NONE;
}

static int parse_len(const char **pp)
{
	const char *p = *pp;
	int len = L_NONE;
	for (;;) {
		if (*p == 'h') len = len == L_H ? L_HH : L_H;
		else if (*p == 'l') len = len == L_L ? L_LL : L_L;
		else if (*p == 'q') len = L_LL;
		else if (*p == 'j') len = L_J;
		else if (*p == 'z' || *p == 'Z') len = L_Z;
		else if (*p == 't') len = L_T;
		else if (*p == 'L') len = L_BIG;
		else break;
		p++;
	}
	*pp = p;
	return len;
}

static int digits_num(const char **pp)
{
	int v = 0;
	while (**pp >= '0' && **pp <= '9') { if (v < INT_MAX / 10) v = v * 10 + (**pp - '0'); (*pp)++; }
	return v;
}

static void fetch(union arg *a, int type, va_list *ap)
{
	switch (type) {
	case T_INT: a->i = va_arg(*ap, int); break;
	case T_LONG: a->i = va_arg(*ap, long); break;
	case T_LLONG: a->i = va_arg(*ap, long long); break;
	case T_SIZE: a->i = (intmax_t)va_arg(*ap, size_t); break;
	case T_PTRDIFF: a->i = va_arg(*ap, ptrdiff_t); break;
	case T_INTMAX: a->i = va_arg(*ap, intmax_t); break;
	case T_DOUBLE: a->d = va_arg(*ap, double); break;
	case T_LDOUBLE: a->ld = va_arg(*ap, long double); break;
	case T_PTR: a->p = va_arg(*ap, void *); break;
	default: a->i = va_arg(*ap, int); break;
	}
}

/* The first pass over a format with positions: each argument's type, then all the values. */
static int gather(const char *fmt, union arg *args, va_list *ap)
{
	int types[NL_MAX + 1] = { 0 }, max = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') continue;
		p++;
		if (*p == '%') continue;
		int pos = digits_num(&p);
		if (*p != '$' || pos < 1 || pos > NL_MAX) return -1;
		p++;
		while (strchr("-+ #0'I", *p)) p++;
		if (*p == '*') { p++; int w = digits_num(&p); if (*p++ != '$' || w < 1 || w > NL_MAX) return -1; types[w] = T_INT; if (w > max) max = w; }
		else digits_num(&p);
		if (*p == '.') {
			p++;
			if (*p == '*') { p++; int w = digits_num(&p); if (*p++ != '$' || w < 1 || w > NL_MAX) return -1; types[w] = T_INT; if (w > max) max = w; }
			else digits_num(&p);
		}
		int len = parse_len(&p);
		types[pos] = arg_type(*p, len);
		if (pos > max) max = pos;
		if (!*p) break;
	}
	for (int i = 1; i <= max; i++) fetch(&args[i], types[i], ap);
	return max;
}

int __vformat(__fmt_out out, void *ctx, const char *fmt, va_list ap0)
{
	struct counting c = { out, ctx, 0 };
	va_list ap;
	va_copy(ap, ap0);
	union arg args[NL_MAX + 1];
	int positional = 0;
	{
		const char *q = strchr(fmt, '%');
		if (q) { q++; while (*q >= '0' && *q <= '9') q++; positional = *q == '$' && q[-1] != '%'; }
	}
	if (positional && gather(fmt, args, &ap) < 0) { va_end(ap); errno = EINVAL; return -1; }
	int saved_errno = errno;

	for (const char *p = fmt; *p;) {
		if (*p != '%') {
			const char *q = strchrnul(p, '%');
			counted(&c, p, q - p);
			p = q;
			continue;
		}
		const char *start = p++;
		if (*p == '%') { counted(&c, "%", 1); p++; continue; }
		int pos = 0;
		if (positional) { pos = digits_num(&p); if (*p == '$') p++; }
		int flags = 0;
		for (;; p++) {
			if (*p == '-') flags |= FMT_LEFT;
			else if (*p == '+') flags |= FMT_PLUS;
			else if (*p == ' ') flags |= FMT_SPACE;
			else if (*p == '#') flags |= FMT_ALT;
			else if (*p == '0') flags |= FMT_ZERO;
			else if (*p == '\'' || *p == 'I') continue;
			else break;
		}
		int width = 0, prec = -1;
		if (*p == '*') {
			p++;
			if (positional) { int w = digits_num(&p); p++; width = (int)args[w].i; }
			else width = va_arg(ap, int);
			if (width < 0) { flags |= FMT_LEFT; width = -width; }
		} else width = digits_num(&p);
		if (*p == '.') {
			p++;
			if (*p == '*') {
				p++;
				if (positional) { int w = digits_num(&p); p++; prec = (int)args[w].i; }
				else prec = va_arg(ap, int);
				if (prec < 0) prec = -1;
			} else prec = digits_num(&p);
		}
		int len = parse_len(&p);
		int conv = *p;
		if (!conv) { va_end(ap); errno = EINVAL; return -1; } /* glibc: a spec cut short fails */
		p++;
		union arg a;
		int type = arg_type(conv, len);
		if (type != T_NONE) {
			if (positional) a = args[pos];
			else fetch(&a, type, &ap);
		}
		switch (conv) {
		case 'd': case 'i': {
			intmax_t v = a.i;
			if (len == L_HH) v = (signed char)v;
			else if (len == L_H) v = (short)v;
			else if (len == L_NONE) v = (int)v;
			else if (len == L_L || len == L_Z || len == L_T) v = (long)v; /* ssize_t is a long */
			integer(&c, v < 0 ? -(uintmax_t)v : (uintmax_t)v, v < 0, 'd', width, prec, flags);
			break;
		}
		case 'u': case 'o': case 'x': case 'X': {
			uintmax_t v = a.u;
			if (len == L_HH) v = (unsigned char)v;
			else if (len == L_H) v = (unsigned short)v;
			else if (len == L_NONE) v = (unsigned)v;
			else if (len == L_L || len == L_Z || len == L_T) v = (unsigned long)v;
			integer(&c, v, 0, conv, width, prec, flags);
			break;
		}
		case 'p':
			if (!a.p) text(&c, "(nil)", 5, width, flags);
			else integer(&c, (uintptr_t)a.p, 0, 'p', width, prec, flags);
			break;
		case 'c': {
			char ch = (char)a.i;
			text(&c, &ch, 1, width, flags);
			break;
		}
		case 's': {
			const char *s = a.p;
			if (!s) s = prec < 0 || prec >= 6 ? "(null)" : "";
			size_t n = prec >= 0 ? strnlen(s, prec) : strlen(s);
			text(&c, s, n, width, flags);
			break;
		}
		case 'm': {
			const char *s = strerror(saved_errno);
			size_t n = prec >= 0 ? strnlen(s, prec) : strlen(s);
			text(&c, s, n, width, flags);
			break;
		}
		case 'n':
			if (len == L_HH) *(signed char *)a.p = (signed char)c.count;
			else if (len == L_H) *(short *)a.p = (short)c.count;
			else if (len == L_LL || len == L_J) *(long long *)a.p = c.count;
			else if (len == L_L || len == L_Z || len == L_T) *(long *)a.p = (long)c.count;
			else *(int *)a.p = (int)c.count;
			break;
		case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A': {
			double v = len == L_BIG ? (double)a.ld : a.d;
			c.count += __fmt_fp(out, ctx, v, width, prec, flags, conv);
			break;
		}
		case '%': /* flags and width do not apply */
			counted(&c, "%", 1);
			break;
		default: /* unknown: printed as it was written, as glibc does */
			counted(&c, start, p - start);
			break;
		}
	}
	va_end(ap);
	if (c.count > INT_MAX) { errno = EOVERFLOW; return -1; }
	return (int)c.count;
}
