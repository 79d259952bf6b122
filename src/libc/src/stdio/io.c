/* Character, line and block input and output on streams. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include "stdio_impl.h"

static int locked_fgetc(FILE *f)
{
	if (f->rpos == f->rend && !__frefill(f)) return EOF;
	return *f->rpos++;
}
int fgetc(FILE *f)
{
	__LOCKED(f, int, locked_fgetc(f));
}
int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }
int fgetc_unlocked(FILE *f) { return locked_fgetc(f); }
int getc_unlocked(FILE *f) { return locked_fgetc(f); }
int getchar_unlocked(void) { return locked_fgetc(stdin); }

static int locked_ungetc(int c, FILE *f)
{
	if (c == EOF) return EOF;
	if (f->rpos && f->rpos > (f->buf ? f->buf : f->ungot)) {
		*--f->rpos = (unsigned char)c;
	} else if (!f->rpos || f->rpos == f->rend) {
		f->ungot[sizeof f->ungot - 1] = (unsigned char)c;
		f->rpos = f->ungot + sizeof f->ungot - 1;
		f->rend = f->ungot + sizeof f->ungot;
	} else {
		return EOF;
	}
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}
int ungetc(int c, FILE *f)
{
	__LOCKED(f, int, locked_ungetc(c, f));
}

static int locked_fputc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;
	return __fwritex(&b, 1, f) == 1 ? b : EOF;
}
int fputc(int c, FILE *f)
{
	__LOCKED(f, int, locked_fputc(c, f));
}
int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }
int fputc_unlocked(int c, FILE *f) { return locked_fputc(c, f); }
int putc_unlocked(int c, FILE *f) { return locked_fputc(c, f); }
int putchar_unlocked(int c) { return locked_fputc(c, stdout); }

static int locked_fputs(const char *restrict s, FILE *restrict f)
{
	size_t n = strlen(s);
	return __fwritex((const unsigned char *)s, n, f) == n ? 1 : EOF;
}
int fputs(const char *restrict s, FILE *restrict f)
{
	__LOCKED(f, int, locked_fputs(s, f));
}

static int locked_puts(const char *s)
{
	size_t n = strlen(s);
	if (__fwritex((const unsigned char *)s, n, stdout) != n) return EOF;
	return fputc('\n', stdout) == EOF ? EOF : 1;
}
int puts(const char *s)
{
	__LOCKED(stdout, int, locked_puts(s));
}

static char *locked_fgets(char *restrict s, int n, FILE *restrict f)
{
	if (n <= 0) { errno = EINVAL; return 0; }
	if (n == 1) { *s = 0; return s; } /* room for the NUL only: glibc returns s, reading nothing */
	int i = 0;
	while (i < n - 1) {
		if (f->rpos == f->rend && !__frefill(f)) break;
		unsigned char *nl = memchr(f->rpos, '\n', f->rend - f->rpos);
		size_t k = (nl ? (size_t)(nl - f->rpos) + 1 : (size_t)(f->rend - f->rpos));
		if (k > (size_t)(n - 1 - i)) k = n - 1 - i;
		memcpy(s + i, f->rpos, k);
		f->rpos += k;
		i += k;
		if (s[i - 1] == '\n') break;
	}
	if (i == 0) return 0;
	s[i] = 0;
	return s;
}
char *fgets(char *restrict s, int n, FILE *restrict f)
{
	__LOCKED(f, char *, locked_fgets(s, n, f));
}

static size_t locked_fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (!size || !n) return 0;
	size_t total = size * n;
	size_t done = __fwritex(p, total, f);
	return done == total ? n : done / size;
}
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	__LOCKED(f, size_t, locked_fwrite(p, size, n, f));
}

static size_t locked_fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (!size || !n) return 0;
	size_t total = size * n, done = 0;
	unsigned char *d = p;
	while (done < total) {
		if (f->rpos == f->rend) {
			/* a large read with nothing buffered goes straight to the file */
			if (f->buf && total - done >= f->size && !f->read_fn && f->rpos == f->rend && f->mode >= 0) {
				if (f->wpos && __fflush_write(f)) break;
				long r = read(f->fd, d + done, total - done);
				if (r <= 0) { f->flags |= r == 0 ? F_EOF : F_ERR; break; }
				done += r;
				continue;
			}
			if (!__frefill(f)) break;
		}
		size_t k = f->rend - f->rpos;
		if (k > total - done) k = total - done;
		memcpy(d + done, f->rpos, k);
		f->rpos += k;
		done += k;
	}
	return done / size;
}
size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	__LOCKED(f, size_t, locked_fread(p, size, n, f));
}

static ssize_t locked_getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
	if (!line || !cap) { errno = EINVAL; f->flags |= F_ERR; return -1; }
	size_t n = 0;
	for (;;) {
		if (f->rpos == f->rend && !__frefill(f)) break;
		unsigned char *e = memchr(f->rpos, delim, f->rend - f->rpos);
		size_t k = e ? (size_t)(e - f->rpos) + 1 : (size_t)(f->rend - f->rpos);
		if (n + k + 1 > *cap || !*line) {
			size_t c = *cap ? *cap : 120;
			while (c < n + k + 1) c *= 2;
			char *b = realloc(*line, c);
			if (!b) { f->flags |= F_ERR; return -1; }
			*line = b;
			*cap = c;
		}
		memcpy(*line + n, f->rpos, k);
		f->rpos += k;
		n += k;
		if (e) break;
	}
	if (n == 0) return -1;
	(*line)[n] = 0;
	return (ssize_t)n;
}
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
	__LOCKED(f, ssize_t, locked_getdelim(line, cap, delim, f));
}
ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f) { return getdelim(line, cap, '\n', f); }
