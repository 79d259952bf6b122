/* open, openat, creat and fcntl: the mode is read only when O_CREAT or O_TMPFILE asks for it;
 * fcntl's record locks convert struct flock to the kernel's. */
#include <fcntl.h>
#include <stdarg.h>
#include <errno.h>
#include "libc.h"

struct __kernel_flock { short l_type, l_whence; long long l_start, l_len; int l_pid; };

int openat(int dir, const char *path, int flags, ...)
{
	mode_t mode = 0;
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
		va_list ap;
		va_start(ap, flags);
		mode = __va_none(ap) ? 0 : va_arg(ap, mode_t);
		va_end(ap);
	}
	return (int)__sys4(__NR_openat, dir, path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) {
		va_list ap;
		va_start(ap, flags);
		mode = __va_none(ap) ? 0 : va_arg(ap, mode_t);
		va_end(ap);
	}
	return openat(AT_FDCWD, path, flags, mode);
}

int creat(const char *path, mode_t mode) { return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode); }

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	va_start(ap, cmd);
	unsigned long arg = __va_none(ap) ? 0 : va_arg(ap, unsigned long);
	va_end(ap);
	if (cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW) {
		struct flock *l = (struct flock *)arg;
		struct __kernel_flock k = { l->l_type, l->l_whence, l->l_start, l->l_len, l->l_pid };
		long r = __sys3(__NR_fcntl, fd, cmd, &k);
		if (r == 0 && cmd == F_GETLK) {
			l->l_type = k.l_type;
			l->l_whence = k.l_whence;
			l->l_start = (off_t)k.l_start;
			l->l_len = (off_t)k.l_len;
			l->l_pid = k.l_pid;
		}
		return (int)r;
	}
	return (int)__sys3(__NR_fcntl, fd, cmd, arg);
}

int posix_fadvise(int fd, off_t o, off_t n, int advice)
{
	long r = __syscall_raw(__NR_fadvise64, __A(fd), __L(o), __L(n), __A(advice), 0, 0);
	return r < 0 ? (int)-r : 0;
}
int fallocate(int fd, int mode, off_t o, off_t n) { return (int)__sysd(__NR_fallocate, __A(fd), __A(mode), __L(o), __L(n), 0, 0); }
int posix_fallocate(int fd, off_t o, off_t n)
{
	long r = __syscall_raw(__NR_fallocate, __A(fd), 0, __L(o), __L(n), 0, 0);
	return r < 0 ? (int)-r : 0;
}
