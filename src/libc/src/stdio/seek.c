/* Positioning streams: fseek, ftell and their relatives; a seek drops what was read ahead and
 * writes out what waits. */
#include <stdio.h>
#include <unistd.h>
#include <errno.h>
#include <limits.h>
#include "stdio_impl.h"

static long long position(FILE *f, long long off, int whence)
{
	if (f->seek_fn) return f->seek_fn(f, off, whence);
	return lseek64(f->fd, off, whence);
}

static int locked_fseeko(FILE *f, off_t off, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) { errno = EINVAL; return -1; }
	if (f->wpos && __fflush_write(f)) return -1;
	long long o = off;
	if (whence == SEEK_CUR && f->rpos) o -= f->rend - f->rpos;
	if (position(f, o, whence) < 0) return -1;
	f->rpos = f->rend = 0;
	f->flags &= ~(F_EOF | F_PUTTING);
	return 0;
}
int fseeko(FILE *f, off_t off, int whence)
{
	__LOCKED(f, int, locked_fseeko(f, off, whence));
}
int fseek(FILE *f, long off, int whence) { return fseeko(f, off, whence); }

static off_t locked_ftello(FILE *f)
{
	long long p = position(f, 0, SEEK_CUR);
	if (p < 0) return -1;
	if (f->rpos) p -= f->rend - f->rpos;
	if (f->wpos) p += f->wpos - f->buf;
	if (p > LONG_MAX) { errno = EOVERFLOW; return -1; }
	return (off_t)p;
}
off_t ftello(FILE *f)
{
	__LOCKED(f, off_t, locked_ftello(f));
}
long ftell(FILE *f) { return ftello(f); }

void rewind(FILE *f) { fseek(f, 0, SEEK_SET); f->flags &= ~F_ERR; }
int fgetpos(FILE *restrict f, fpos_t *restrict p) { long v = ftell(f); if (v < 0) return -1; p->__pos = v; return 0; }
int fsetpos(FILE *f, const fpos_t *p) { return fseek(f, (long)p->__pos, SEEK_SET); }
