/* Streams on memory: fmemopen (a buffer of fixed size, NUL-terminated after writes when there
 * is room) and open_memstream (a buffer that grows, its address and length kept in the
 * caller's variables). Both read and write through the FILE's function hooks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "stdio_impl.h"

struct mem { char *buf; size_t size, len, pos; int own; char **ptr; size_t *sizeloc; };

static long mem_read(FILE *f, unsigned char *b, size_t n)
{
	struct mem *m = f->cookie;
	size_t k = m->pos < m->len ? m->len - m->pos : 0;
	if (k > n) k = n;
	memcpy(b, m->buf + m->pos, k);
	m->pos += k;
	return (long)k;
}

static long fixed_write(FILE *f, const unsigned char *b, size_t n)
{
	struct mem *m = f->cookie;
	if (f->flags & F_APPEND) m->pos = m->len;
	size_t k = m->pos < m->size ? m->size - m->pos : 0;
	if (k > n) k = n;
	memcpy(m->buf + m->pos, b, k);
	m->pos += k;
	if (m->pos > m->len) { m->len = m->pos; if (m->len < m->size) m->buf[m->len] = 0; }
	if (k < n) { errno = ENOSPC; return k ? (long)k : -1; }
	return (long)k;
}

static long long mem_seek(FILE *f, long long off, int whence)
{
	struct mem *m = f->cookie;
	long long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (long long)m->pos : (long long)m->len;
	long long to = base + off;
	long long limit = m->ptr ? 0x7fffffff : (long long)m->size;
	if (to < 0 || to > limit) { errno = EINVAL; return -1; }
	m->pos = (size_t)to;
	return to;
}

static int mem_close(FILE *f)
{
	struct mem *m = f->cookie;
	if (m->own) free(m->buf);
	free(m);
	return 0;
}

static FILE *mem_file(struct mem *m, int flags)
{
	FILE *f = __fopen_fd(-1, flags);
	if (!f) return 0;
	f->cookie = m;
	f->read_fn = mem_read;
	f->seek_fn = mem_seek;
	f->close_fn = mem_close;
	f->flags |= F_NOSEEK;
	return f;
}

FILE *fmemopen(void *restrict buf, size_t size, const char *restrict mode)
{
	int o, fl = __fmode_flags(mode, &o);
	if (!fl) return 0;
	if (size == 0) { errno = EINVAL; return 0; }
	struct mem *m = calloc(1, sizeof *m);
	if (!m) return 0;
	m->size = size;
	m->buf = buf;
	if (!buf) {
		m->buf = calloc(1, size);
		if (!m->buf) { free(m); return 0; }
		m->own = 1;
	}
	if (*mode == 'r') m->len = size;
	else if (*mode == 'w') { m->buf[0] = 0; }
	else m->pos = m->len = strnlen(m->buf, size);
	if (!buf && *mode != 'r') m->len = m->pos = 0;
	FILE *f = mem_file(m, fl);
	if (!f) { mem_close(&(FILE){ .cookie = m }); return 0; }
	f->write_fn = fixed_write;
	return f;
}

static long grow_write(FILE *f, const unsigned char *b, size_t n)
{
	struct mem *m = f->cookie;
	if (m->pos + n + 1 > m->size) {
		size_t want = m->size ? m->size : 64;
		while (want < m->pos + n + 1) want *= 2;
		char *g = realloc(m->buf, want);
		if (!g) { errno = ENOMEM; return -1; }
		memset(g + m->size, 0, want - m->size);
		m->buf = g;
		m->size = want;
	}
	memcpy(m->buf + m->pos, b, n);
	m->pos += n;
	if (m->pos > m->len) m->len = m->pos;
	m->buf[m->len] = 0;
	*m->ptr = m->buf;
	*m->sizeloc = m->pos;
	return (long)n;
}

static int grow_close(FILE *f)
{
	struct mem *m = f->cookie;
	*m->ptr = m->buf;
	*m->sizeloc = m->pos < m->len ? m->pos : m->len;
	free(m);
	return 0;
}

FILE *open_memstream(char **ptr, size_t *sizeloc)
{
	if (!ptr || !sizeloc) { errno = EINVAL; return 0; }
	struct mem *m = calloc(1, sizeof *m);
	if (!m) return 0;
	m->ptr = ptr;
	m->sizeloc = sizeloc;
	m->buf = calloc(1, m->size = 64);
	if (!m->buf) { free(m); return 0; }
	*ptr = m->buf;
	*sizeloc = 0;
	FILE *f = mem_file(m, F_WRITE);
	if (!f) { free(m->buf); free(m); return 0; }
	f->read_fn = 0;
	f->write_fn = grow_write;
	f->close_fn = grow_close;
	return f;
}
