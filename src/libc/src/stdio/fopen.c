/* Opening and closing streams: fopen's modes, fdopen, freopen, fclose, tmpfile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include "stdio_impl.h"

/* fopen's mode string: the stream's F_ flags and open(2)'s flags; 0 if the mode is invalid. */
int __fmode_flags(const char *mode, int *oflags)
{
	int f, o;
	switch (*mode) {
	case 'r': f = F_READ; o = O_RDONLY; break;
	case 'w': f = F_WRITE; o = O_WRONLY | O_CREAT | O_TRUNC; break;
	case 'a': f = F_WRITE | F_APPEND; o = O_WRONLY | O_CREAT | O_APPEND; break;
	default: errno = EINVAL; return 0;
	}
	for (const char *p = mode + 1; *p; p++) {
		if (*p == '+') { f |= F_READ | F_WRITE; o = (o & ~O_ACCMODE) | O_RDWR; }
		else if (*p == 'x') o |= O_EXCL;
		else if (*p == 'e') o |= O_CLOEXEC;
	}
	*oflags = o;
	return f;
}

FILE *__fopen_fd(int fd, int flags)
{
	FILE *f = calloc(1, sizeof *f);
	if (!f) return 0;
	f->fd = fd;
	f->flags = flags;
	f->mode = -1;
	__flink(f);
	return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int o, fl = __fmode_flags(mode, &o);
	if (!fl) return 0;
	int fd = open(path, o, 0666);
	if (fd < 0) return 0;
	FILE *f = __fopen_fd(fd, fl);
	if (!f) close(fd);
	return f;
}
FILE *fopen64(const char *restrict path, const char *restrict mode) { return fopen(path, mode); }

FILE *fdopen(int fd, const char *mode)
{
	int o, fl = __fmode_flags(mode, &o);
	if (!fl) return 0;
	if (fcntl(fd, F_GETFD) < 0) return 0;
	if (fl & F_APPEND) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_APPEND);
	return __fopen_fd(fd, fl);
}

static void drop(FILE *f)
{
	if (f->flags & F_OWNBUF) free(f->buf);
	f->buf = 0;
	f->size = 0;
	f->rpos = f->rend = f->wpos = 0;
	f->flags &= ~F_OWNBUF;
}

int fclose(FILE *f)
{
	int r = fflush(f);
	if (f->close_fn) { if (f->close_fn(f)) r = EOF; }
	else if (f->fd >= 0 && close(f->fd) < 0) r = EOF;
	drop(f);
	if (f->flags & F_STATIC) { f->fd = -1; f->flags &= F_STATIC; return r; }
	__funlink(f);
	free(f);
	return r;
}

FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	int o, fl = __fmode_flags(mode, &o);
	fflush(f);
	if (!fl) { fclose(f); return 0; }
	if (!path) {
		if (fcntl(f->fd, F_SETFL, o & O_APPEND) < 0) { fclose(f); return 0; }
	} else {
		int fd = open(path, o, 0666);
		if (fd < 0) { fclose(f); return 0; }
		if (f->fd >= 0 && fd != f->fd) {
			if (dup3(fd, f->fd, o & O_CLOEXEC) < 0) { close(fd); fclose(f); return 0; }
			close(fd);
		} else {
			f->fd = fd;
		}
	}
	drop(f);
	f->flags = (f->flags & F_STATIC) | fl;
	f->mode = -1;
	return f;
}

FILE *tmpfile(void)
{
	int fd = open("/tmp", O_RDWR | O_TMPFILE | O_EXCL, 0600);
	if (fd < 0) {
		char name[] = "/tmp/tmpfileXXXXXX";
		fd = mkstemp(name);
		if (fd < 0) return 0;
		unlink(name);
	}
	FILE *f = __fopen_fd(fd, F_READ | F_WRITE);
	if (!f) close(fd);
	return f;
}
