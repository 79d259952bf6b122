/* The scanf family: C's conversions (d i u o x X a e f g s c [ p n %), assignment suppression
 * with *, field widths and length modifiers. Numbers are collected as text, as long as they
 * could still be a number, then converted with strtoll/strtoull/strtod. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stddef.h>
#include "stdio_impl.h"

enum { L_NONE, L_HH, L_H, L_L, L_LL, L_J, L_Z, L_T, L_BIG };

struct in { FILE *f; long long count; };
static int next(struct in *in) { int c = fgetc(in->f); if (c != EOF) in->count++; return c; }
static void back(struct in *in, int c) { if (c != EOF) { ungetc(c, in->f); in->count--; } }

static void store_int(void *p, int len, unsigned long long v)
{
	switch (len) {
	case L_HH: *(signed char *)p = (signed char)v; break;
	case L_H: *(short *)p = (short)v; break;
	case L_L: case L_Z: case L_T: *(long *)p = (long)v; break;
	case L_LL: case L_J: *(long long *)p = (long long)v; break;
	default: *(int *)p = (int)v; break;
	}
}

/* Collect an integer's text in base (0: C's prefixes); returns its length. */
static int scan_int(struct in *in, char *buf, int width, int base)
{
	int n = 0, c = next(in);
	if ((c == '+' || c == '-') && n < width) { buf[n++] = (char)c; c = next(in); }
	if (c == '0' && n < width && (base == 0 || base == 16)) {
		buf[n++] = '0';
		c = next(in);
		if ((c | 32) == 'x' && n < width) {
			int d = next(in);
			if (isxdigit(d)) { buf[n++] = (char)c; c = d; base = 16; }
			else { back(in, d); buf[n] = 0; return n; } /* "0x" alone is 0, the x consumed, as glibc */
		} else if (base == 0) base = 8;
	}
	if (base == 0) base = 10;
	while (n < width && c != EOF) {
		int ok = base == 16 ? isxdigit(c) : base == 8 ? c >= '0' && c <= '7' : isdigit(c);
		if (!ok) break;
		buf[n++] = (char)c;
		c = next(in);
	}
	back(in, c);
	buf[n] = 0;
	return n;
}

static int scan_float(struct in *in, char *buf, int width)
{
	int n = 0, c = next(in), digits = 0;
	if ((c == '+' || c == '-') && n < width) { buf[n++] = (char)c; c = next(in); }
	if ((c | 32) == 'i' || (c | 32) == 'n') { /* inf, infinity, nan */
		const char *word = (c | 32) == 'i' ? "infinity" : "nan";
		int k = 0;
		while (n < width && word[k] && (c | 32) == word[k]) { buf[n++] = (char)c; k++; c = next(in); }
		back(in, c);
		buf[n] = 0;
		return k >= 3 ? n : 0;
	}
	int hex = 0;
	if (c == '0' && n < width) {
		buf[n++] = '0'; digits = 1; c = next(in);
		if ((c | 32) == 'x' && n < width) { hex = 1; buf[n++] = (char)c; c = next(in); digits = 0; }
	}
	while (n < width && (hex ? isxdigit(c) : isdigit(c))) { buf[n++] = (char)c; digits++; c = next(in); }
	if (c == '.' && n < width) {
		buf[n++] = '.'; c = next(in);
		while (n < width && (hex ? isxdigit(c) : isdigit(c))) { buf[n++] = (char)c; digits++; c = next(in); }
	}
	if (digits && (c | 32) == (hex ? 'p' : 'e') && n < width) {
		buf[n++] = (char)c; c = next(in);
		if ((c == '+' || c == '-') && n < width) { buf[n++] = (char)c; c = next(in); }
		while (n < width && isdigit(c)) { buf[n++] = (char)c; c = next(in); }
	}
	back(in, c);
	buf[n] = 0;
	return digits ? n : 0;
}

static int locked_vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct in in = { f, 0 };
	int assigned = 0, matched_any = 0;
	char buf[512];
	for (const char *p = fmt; *p; p++) {
		if (isspace((unsigned char)*p)) {
			int c;
			while ((c = next(&in)) != EOF && isspace(c)) {}
			back(&in, c);
			continue;
		}
		if (*p != '%' || p[1] == '%') {
			if (*p == '%') p++;
			int c = next(&in);
			if (*p == '%') while (c != EOF && isspace(c)) c = next(&in);
			if (c != (unsigned char)*p) { back(&in, c); if (c == EOF && !matched_any) return EOF; return assigned; }
			continue;
		}
		p++;
		int suppress = 0, width = 0, len = L_NONE, alloc = 0;
		if (*p == '*') { suppress = 1; p++; }
		while (isdigit((unsigned char)*p)) width = width * 10 + (*p++ - '0');
		if (*p == 'm') { alloc = 1; p++; } /* %ms %mc %m[: the string is malloc'd */
		for (;;) {
			if (*p == 'h') { len = len == L_H ? L_HH : L_H; p++; }
			else if (*p == 'l') { len = len == L_L ? L_LL : L_L; p++; }
			else if (*p == 'q' || *p == 'L') { len = *p == 'L' ? L_BIG : L_LL; p++; }
			else if (*p == 'j') { len = L_J; p++; }
			else if (*p == 'z') { len = L_Z; p++; }
			else if (*p == 't') { len = L_T; p++; }
			else break;
		}
		int conv = *p;
		if (!conv) break;
		if (conv == 'n') {
			if (!suppress) store_int(va_arg(ap, void *), len, (unsigned long long)in.count);
			continue;
		}
		if (conv != 'c' && conv != '[') {
			int c;
			while ((c = next(&in)) != EOF && isspace(c)) {}
			if (c == EOF) return matched_any || assigned ? assigned : EOF;
			back(&in, c);
		}
		int w = width ? width : (conv == 'c' ? 1 : (int)sizeof buf - 1);
		if (w > (int)sizeof buf - 1 && conv != 's' && conv != 'c' && conv != '[') w = sizeof buf - 1;
		switch (conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
			int base = conv == 'd' || conv == 'u' ? 10 : conv == 'o' ? 8 : conv == 'i' ? 0 : 16;
			int n = scan_int(&in, buf, w, base);
			if (n == 0 || (n == 1 && (buf[0] == '+' || buf[0] == '-'))) return assigned ? assigned : (matched_any ? 0 : 0);
			matched_any = 1;
			if (suppress) break;
			unsigned long long v = conv == 'd' || conv == 'i' ? (unsigned long long)strtoll(buf, 0, base) : strtoull(buf, 0, base);
			if (conv == 'p') *va_arg(ap, void **) = (void *)(uintptr_t)v;
			else store_int(va_arg(ap, void *), len, v);
			assigned++;
			break;
		}
		case 'a': case 'e': case 'f': case 'g': case 'A': case 'E': case 'F': case 'G': {
			int n = scan_float(&in, buf, w);
			if (!n) return assigned;
			matched_any = 1;
			if (suppress) break;
			double d = strtod(buf, 0);
			if (len == L_L) *va_arg(ap, double *) = d;
			else if (len == L_BIG) *va_arg(ap, long double *) = d;
			else *va_arg(ap, float *) = (float)d;
			assigned++;
			break;
		}
		case 's': case 'c': case '[': {
			char set[256] = { 0 };
			if (conv == '[') {
				const char *q = p + 1;
				int invert = *q == '^';
				if (invert) q++;
				if (*q == ']') { set[']'] = 1; q++; }
				for (; *q && *q != ']'; q++) {
					if (q[1] == '-' && q[2] && q[2] != ']') { for (int ch = (unsigned char)q[0]; ch <= (unsigned char)q[2]; ch++) set[ch] = 1; q += 2; }
					else set[(unsigned char)*q] = 1;
				}
				if (!*q) return assigned;
				p = q;
				if (invert) for (int i = 0; i < 256; i++) set[i] = !set[i];
			}
			char **dst = suppress || !alloc ? 0 : va_arg(ap, char **);
			char *out = suppress ? 0 : alloc ? 0 : va_arg(ap, char *);
			size_t cap = 0;
			int n = 0, c = 0, limit = width ? width : (conv == 'c' ? 1 : INT32_MAX);
			while (n < limit && (c = next(&in)) != EOF) {
				if (conv == 's' && isspace(c)) break;
				if (conv == '[' && !set[c]) break;
				if (dst && (size_t)n + 1 >= cap) {
					char *g = realloc(out, cap = cap ? cap * 2 : 32);
					if (!g) { free(out); return assigned ? assigned : EOF; }
					out = g;
				}
				if (out) out[n] = (char)c;
				n++;
			}
			if (n < limit && c != EOF) back(&in, c);
			/* nothing matched: a matching failure, or an input failure at the end */
			if (n == 0 || (conv == 'c' && n < limit)) { free(dst ? out : 0); return c == EOF && !matched_any && !assigned ? EOF : assigned; }
			matched_any = 1;
			if (out) { if (conv != 'c' || dst) out[n] = 0; assigned++; }
			if (dst) *dst = out;
			break;
		}
		default:
			return assigned;
		}
	}
	return assigned;
}
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	__LOCKED(f, int, locked_vfscanf(f, fmt, ap));
}

int fscanf(FILE *restrict f, const char *restrict fmt, ...) { va_list ap; va_start(ap, fmt); int r = vfscanf(f, fmt, ap); va_end(ap); return r; }
int vscanf(const char *restrict fmt, va_list ap) { return vfscanf(stdin, fmt, ap); }
int scanf(const char *restrict fmt, ...) { va_list ap; va_start(ap, fmt); int r = vfscanf(stdin, fmt, ap); va_end(ap); return r; }

static long no_more(FILE *f, unsigned char *b, size_t n) { (void)f; (void)b; (void)n; return 0; }
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	FILE f;
	memset(&f, 0, sizeof f);
	f.fd = -1;
	f.flags = F_READ;
	f.mode = _IOFBF;
	f.read_fn = no_more;
	f.buf = f.rpos = (unsigned char *)s;
	f.size = strlen(s);
	f.rend = f.buf + f.size;
	return vfscanf(&f, fmt, ap);
}
int sscanf(const char *restrict s, const char *restrict fmt, ...) { va_list ap; va_start(ap, fmt); int r = vsscanf(s, fmt, ap); va_end(ap); return r; }
