/* Directory streams over getdents64(2): opendir, readdir, scandir and their relatives. */
#include <dirent.h>
#include <stddef.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "libc.h"

struct __dirstream {
	int fd;
	size_t pos, len;
	long tell;
	struct dirent ent;
	char buf[4096];
};

struct kdirent64 { unsigned long long d_ino; long long d_off; unsigned short d_reclen; unsigned char d_type; char d_name[]; };

ssize_t getdents64(int fd, void *buf, size_t n) { return __sysd(__NR_getdents64, __A(fd), __U(buf), __U(n), 0, 0, 0); }

DIR *fdopendir(int fd)
{
	if (fcntl(fd, F_GETFD) < 0) return 0;
	DIR *d = calloc(1, sizeof *d);
	if (!d) return 0;
	d->fd = fd;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return d;
}

DIR *opendir(const char *name)
{
	int fd = open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) return 0;
	DIR *d = calloc(1, sizeof *d);
	if (!d) { close(fd); return 0; }
	d->fd = fd;
	return d;
}

struct dirent *readdir(DIR *d)
{
	if (d->pos >= d->len) {
		int e = errno;
		ssize_t n = getdents64(d->fd, d->buf, sizeof d->buf);
		if (n <= 0) { if (n == 0) errno = e; return 0; }
		d->len = n;
		d->pos = 0;
	}
	struct kdirent64 *k = (struct kdirent64 *)(d->buf + d->pos);
	d->pos += k->d_reclen;
	d->ent.d_ino = (ino_t)k->d_ino;
	d->ent.d_off = (off_t)k->d_off;
	d->tell = (long)k->d_off;
	d->ent.d_type = k->d_type;
	size_t l = strnlen(k->d_name, sizeof d->ent.d_name - 1);
	memcpy(d->ent.d_name, k->d_name, l);
	d->ent.d_name[l] = 0;
	d->ent.d_reclen = (unsigned short)((offsetof(struct dirent, d_name) + l + 1 + 3) & ~3u);
	return &d->ent;
}

int readdir_r(DIR *restrict d, struct dirent *restrict e, struct dirent **restrict out)
{
	int saved = errno;
	errno = 0;
	struct dirent *r = readdir(d);
	int err = errno;
	errno = saved;
	if (err) return err;
	if (r) memcpy(e, r, sizeof *e);
	*out = r ? e : 0;
	return 0;
}

int closedir(DIR *d)
{
	int r = close(d->fd);
	free(d);
	return r;
}
void rewinddir(DIR *d) { lseek(d->fd, 0, SEEK_SET); d->pos = d->len = 0; d->tell = 0; }
long telldir(DIR *d) { return d->tell; }
void seekdir(DIR *d, long off) { lseek(d->fd, off, SEEK_SET); d->pos = d->len = 0; d->tell = off; }
int dirfd(DIR *d) { return d->fd; }

int alphasort(const struct dirent **a, const struct dirent **b) { return strcoll((*a)->d_name, (*b)->d_name); }
int versionsort(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

int scandir(const char *path, struct dirent ***out, int (*sel)(const struct dirent *),
            int (*cmp)(const struct dirent **, const struct dirent **))
{
	DIR *d = opendir(path);
	if (!d) return -1;
	struct dirent **list = 0, *e;
	size_t n = 0, cap = 0;
	int saved = errno;
	errno = 0;
	while ((e = readdir(d))) {
		if (sel && !sel(e)) continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct dirent **l = realloc(list, cap * sizeof *l);
			if (!l) goto fail;
			list = l;
		}
		if (!(list[n] = malloc(sizeof *e))) goto fail;
		memcpy(list[n++], e, sizeof *e);
	}
	if (errno) goto fail;
	closedir(d);
	errno = saved;
	if (cmp) qsort(list, n, sizeof *list, (int (*)(const void *, const void *))cmp);
	*out = list;
	return (int)n;
fail:
	while (n) free(list[--n]);
	free(list);
	closedir(d);
	return -1;
}
