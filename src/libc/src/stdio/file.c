/* The standard streams and the FILE machinery: buffering decided as glibc decides it, the
 * write and read paths, flushing one stream or all of them (and at exit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <termios.h>
#include "stdio_impl.h"
#include "libc.h"

static FILE files[3] = {
	{ .fd = 0, .flags = F_READ | F_STATIC, .mode = -1 },
	{ .fd = 1, .flags = F_WRITE | F_STATIC, .mode = -1 },
	{ .fd = 2, .flags = F_WRITE | F_STATIC, .mode = _IONBF },
};
#undef stdin
#undef stdout
#undef stderr
FILE *const stdin = &files[0], *const stdout = &files[1], *const stderr = &files[2];
FILE *__stdio_files = &files[0];
__attribute__((constructor)) static void link_std(void) { files[0].next = &files[1]; files[1].next = &files[2]; }

void __flink(FILE *f)
{
	__lock_stdio_list();
	f->next = __stdio_files;
	__stdio_files = f;
	__unlock_stdio_list();
}
void __funlink(FILE *f)
{
	__lock_stdio_list();
	for (FILE **p = &__stdio_files; *p; p = &(*p)->next)
		if (*p == f) { *p = f->next; break; }
	__unlock_stdio_list();
}

/* A terminal, as glibc tells: fstat first, and TCGETS only on a character device (so that
 * strace shows glibc's calls). */
static int is_tty(int fd)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISCHR(st.st_mode)) return 0;
	struct termios t;
	return __syscall3(__NR_ioctl, fd, TCGETS, (long)&t) == 0;
}

/* A buffer of the file's st_blksize (BUFSIZ if it has none); unbuffered if there is no memory. */
static void alloc_buf(FILE *f)
{
	struct stat st;
	size_t n = fstat(f->fd, &st) == 0 && st.st_blksize > 0 ? (size_t)st.st_blksize : BUFSIZ;
	f->buf = malloc(n);
	if (!f->buf) { f->mode = _IONBF; f->size = 0; return; }
	f->size = n;
	f->flags |= F_OWNBUF;
}

/* The first use: a terminal is line-buffered, anything else fully buffered in st_blksize. */
int __fdecide(FILE *f)
{
	if (f->mode >= 0) return 0;
	if (f->write_fn || f->read_fn) { f->mode = _IOFBF; return 0; }
	f->mode = is_tty(f->fd) ? _IOLBF : _IOFBF;
	if (!f->buf) alloc_buf(f);
	return 0;
}

static long raw_write(FILE *f, const unsigned char *p, size_t n)
{
	if (f->write_fn) return f->write_fn(f, p, n);
	size_t done = 0;
	while (done < n) {
		long r = write(f->fd, p + done, n - done);
		if (r < 0) { if (errno == EINTR) continue; return done ? (long)done : -1; }
		done += r;
	}
	return (long)done;
}

/* Write out what waits in the buffer. */
int __fflush_write(FILE *f)
{
	if (!f->wpos || f->wpos == f->buf) { f->wpos = 0; return 0; }
	size_t n = f->wpos - f->buf;
	long r = raw_write(f, f->buf, n);
	if (r < (long)n) {
		if (r > 0) memmove(f->buf, f->buf + r, n - r), f->wpos = f->buf + (n - r);
		f->flags |= F_ERR;
		return EOF;
	}
	f->wpos = 0;
	f->flags |= F_PUTTING;
	return 0;
}

/* Buffered writing as glibc does it, since the order of bytes mixed with write(2) shows it: the
 * bytes that fit go in the buffer (on a line-buffered stream, up to the last newline, which then
 * flushes); if more remain, the buffer is written out, then whole buffers' worth of them
 * directly (all of them when the buffer is under 128 bytes), and the rest is buffered. A stream
 * not yet written to since it was opened or positioned counts as having no room at all. */
static size_t buffer_rest(FILE *f, const unsigned char *p, size_t n)
{
	size_t done = 0;
	while (done < n) {
		if (f->wpos == f->buf + f->size && __fflush_write(f)) return done;
		if (!f->wpos) f->wpos = f->buf;
		size_t room = f->size - (f->wpos - f->buf), k = n - done < room ? n - done : room;
		const unsigned char *nl = f->mode == _IOLBF ? memchr(p + done, '\n', k) : 0;
		if (nl) k = (size_t)(nl - (p + done)) + 1;
		memcpy(f->wpos, p + done, k);
		f->wpos += k;
		done += k;
		if (nl && __fflush_write(f)) return done;
	}
	return n;
}

size_t __fwritex(const unsigned char *p, size_t n, FILE *f)
{
	if (!(f->flags & F_WRITE)) { f->flags |= F_ERR; errno = EBADF; return 0; }
	__fdecide(f);
	if (f->rpos) { /* switching from reading: give the unread bytes back to the file */
		if (f->rend > f->rpos && !(f->flags & F_NOSEEK)) lseek(f->fd, -(f->rend - f->rpos), SEEK_CUR);
		f->rpos = f->rend = 0;
	}
	if (f->mode == _IONBF || !f->buf) {
		if (__fflush_write(f)) return 0;
		long r = raw_write(f, p, n);
		if (r < (long)n) { f->flags |= F_ERR; return r > 0 ? (size_t)r : 0; }
		return n;
	}
	size_t used = f->wpos ? (size_t)(f->wpos - f->buf) : 0;
	size_t count = f->flags & F_PUTTING ? f->size - used : 0, done = 0;
	int must_flush = 0;
	if (f->mode == _IOLBF && count >= n) {
		for (size_t i = n; i > 0; i--)
			if (p[i - 1] == '\n') { count = i; must_flush = 1; break; }
	}
	if (count > n) count = n;
	if (count) {
		if (!f->wpos) f->wpos = f->buf;
		memcpy(f->wpos, p, count);
		f->wpos += count;
		done = count;
	}
	if (done == n && !must_flush) return n;
	if (__fflush_write(f)) return done;
	f->flags |= F_PUTTING;
	size_t rest = n - done, direct = rest - (f->size >= 128 ? rest % f->size : 0);
	if (direct) {
		long r = raw_write(f, p + done, direct);
		if (r < (long)direct) { f->flags |= F_ERR; return done + (r > 0 ? r : 0); }
		done += direct;
	}
	return done + buffer_rest(f, p + done, n - done);
}

/* Fill the buffer: 1 with bytes to read, 0 at end of file or on an error. Reading from an
 * unbuffered or line-buffered stream first flushes a line-buffered stdout, as glibc does. */
int __frefill(FILE *f)
{
	if (!(f->flags & F_READ)) { f->flags |= F_ERR; errno = EBADF; return 0; }
	__fdecide(f);
	if (f->wpos && __fflush_write(f)) return 0;
	if (f->mode != _IOFBF && f != stdout && stdout->mode == _IOLBF && stdout->wpos) __fflush_write(stdout);
	unsigned char *b = f->buf ? f->buf : f->ungot;
	size_t size = f->buf ? f->size : 1;
	long r;
	for (;;) {
		r = f->read_fn ? f->read_fn(f, b, size) : read(f->fd, b, size);
		if (r < 0 && errno == EINTR) continue;
		break;
	}
	f->flags &= ~F_PUTTING;
	if (r <= 0) {
		f->flags |= r == 0 ? F_EOF : F_ERR;
		f->rpos = f->rend = 0;
		return 0;
	}
	f->rpos = b;
	f->rend = b + r;
	return 1;
}

static int locked_fflush(FILE *f);

int fflush(FILE *f)
{
	if (!f) {
		int r = 0;
		__lock_stdio_list();
		for (FILE *g = __stdio_files; g; g = g->next) {
			int l = __lockfile(g);
			if (g->wpos && __fflush_write(g)) r = EOF;
			if (l) __unlockfile(g);
		}
		__unlock_stdio_list();
		return r;
	}
	__LOCKED(f, int, locked_fflush(f));
}

static int locked_fflush(FILE *f)
{
	if (f->wpos) return __fflush_write(f);
	if (f->rpos && f->rend > f->rpos && !(f->flags & F_NOSEEK) && !f->read_fn) {
		lseek(f->fd, -(f->rend - f->rpos), SEEK_CUR);
		f->rpos = f->rend = 0;
	}
	return 0;
}

void __stdio_exit(void)
{
	for (FILE *g = __stdio_files; g; g = g->next)
		if (g->wpos) __fflush_write(g);
}

/* As glibc: without a buffer of the caller's, the size is ignored and the stream keeps its
 * buffer, or gets one of st_blksize. */
static int locked_setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) { errno = EINVAL; return -1; }
	fflush(f); /* what waits is written out first, as glibc does */
	f->flags &= ~F_PUTTING;
	f->mode = mode;
	if (mode != _IONBF && !buf) {
		if (!f->buf) alloc_buf(f);
		return 0;
	}
	if (f->flags & F_OWNBUF) free(f->buf);
	f->flags &= ~F_OWNBUF;
	f->buf = 0;
	f->size = 0;
	if (mode != _IONBF && size) { f->buf = (unsigned char *)buf; f->size = size; }
	else if (mode != _IONBF) alloc_buf(f);
	return 0;
}
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	__LOCKED(f, int, locked_setvbuf(f, buf, mode, size));
}
void setbuf(FILE *restrict f, char *restrict buf) { setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ); }
void setbuffer(FILE *f, char *buf, size_t n) { setvbuf(f, buf, buf ? _IOFBF : _IONBF, n); }
void setlinebuf(FILE *f) { setvbuf(f, 0, _IOLBF, 0); }

int fileno(FILE *f) { if (f->fd < 0) { errno = EBADF; return -1; } return f->fd; }
int feof(FILE *f) { return !!(f->flags & F_EOF); }
int ferror(FILE *f) { return !!(f->flags & F_ERR); }
void clearerr(FILE *f) { f->flags &= ~(F_EOF | F_ERR); }
