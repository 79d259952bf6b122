/* The printf family over the engine (vformat.c): to a stream, a descriptor, a buffer of a given
 * size, or a string malloc'd to fit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <errno.h>
#include <unistd.h>
#include "stdio_impl.h"

static void to_file(void *f, const char *s, size_t n) { if (n) __fwritex((const unsigned char *)s, n, f); }

/* An unbuffered stream gets each call's output in one write (in BUFSIZ pieces), as glibc's
 * helper buffer gives it, not one write per piece of the format. */
struct helper { FILE *f; size_t n; char buf[BUFSIZ]; };
static void to_helper(void *c, const char *s, size_t n)
{
	struct helper *h = c;
	while (n) {
		if (h->n == sizeof h->buf) { __fwritex((const unsigned char *)h->buf, h->n, h->f); h->n = 0; }
		size_t k = sizeof h->buf - h->n < n ? sizeof h->buf - h->n : n;
		memcpy(h->buf + h->n, s, k);
		h->n += k;
		s += k;
		n -= k;
	}
}

static int locked_vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	int was_err = f->flags & F_ERR;
	f->flags &= ~F_ERR;
	__fdecide(f);
	int r;
	if (f->mode == _IONBF && (f->flags & F_WRITE)) {
		struct helper h;
		h.f = f;
		h.n = 0;
		r = __vformat(to_helper, &h, fmt, ap);
		if (h.n) __fwritex((const unsigned char *)h.buf, h.n, f);
	} else r = __vformat(to_file, f, fmt, ap);
	if (f->flags & F_ERR) r = -1;
	f->flags |= was_err;
	return r;
}
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	__LOCKED(f, int, locked_vfprintf(f, fmt, ap));
}
int vprintf(const char *restrict fmt, va_list ap) { return vfprintf(stdout, fmt, ap); }

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}
int printf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

struct strbuf { char *s; size_t n, len; };
static void to_str(void *c, const char *s, size_t n)
{
	struct strbuf *b = c;
	if (b->len + 1 < b->n) {
		size_t k = b->n - 1 - b->len;
		if (k > n) k = n;
		memcpy(b->s + b->len, s, k);
	}
	b->len += n;
}

int vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap)
{
	struct strbuf b = { s, n, 0 };
	int r = __vformat(to_str, &b, fmt, ap);
	if (n) s[b.len < n ? b.len : n - 1] = 0;
	return r;
}
int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(s, n, fmt, ap);
	va_end(ap);
	return r;
}
int vsprintf(char *restrict s, const char *restrict fmt, va_list ap) { return vsnprintf(s, (size_t)-1 >> 1, fmt, ap); }
int sprintf(char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsprintf(s, fmt, ap);
	va_end(ap);
	return r;
}

struct growbuf { char *s; size_t len, cap; int failed; };
static void to_grow(void *c, const char *s, size_t n)
{
	struct growbuf *b = c;
	if (b->failed) return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1) cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p) { b->failed = 1; return; }
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
}
int vasprintf(char **out, const char *fmt, va_list ap)
{
	struct growbuf b = { 0, 0, 0, 0 };
	int r = __vformat(to_grow, &b, fmt, ap);
	to_grow(&b, "", 0);
	if (r < 0 || b.failed || !b.s) { free(b.s); *out = 0; return -1; }
	b.s[b.len] = 0;
	*out = b.s;
	return r;
}
int asprintf(char **out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vasprintf(out, fmt, ap);
	va_end(ap);
	return r;
}

struct fdbuf { int fd; char b[512]; size_t n; };
static void fd_flush(struct fdbuf *f) { if (f->n) write(f->fd, f->b, f->n); f->n = 0; }
static void to_fd(void *c, const char *s, size_t n)
{
	struct fdbuf *f = c;
	while (n) {
		if (f->n == sizeof f->b) fd_flush(f);
		size_t k = sizeof f->b - f->n < n ? sizeof f->b - f->n : n;
		memcpy(f->b + f->n, s, k);
		f->n += k;
		s += k;
		n -= k;
	}
}
int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	struct fdbuf f;
	f.fd = fd;
	f.n = 0;
	int r = __vformat(to_fd, &f, fmt, ap);
	fd_flush(&f);
	return r;
}
int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}
