/* File descriptors: read, write, positions, duplication, pipes, sync, truncation. */
#include <unistd.h>
#include <sys/uio.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include "libc.h"
#include "kstructs.h"

ssize_t read(int fd, void *b, size_t n) { return __sysd(__NR_read, __A(fd), __U(b), __U(n), 0, 0, 0); }
ssize_t write(int fd, const void *b, size_t n) { return __sysd(__NR_write, __A(fd), __U(b), __U(n), 0, 0, 0); }
ssize_t pread(int fd, void *b, size_t n, off_t o) { return __sysd(__NR_pread64, __A(fd), __U(b), __U(n), __L(o), 0, 0); }
ssize_t pwrite(int fd, const void *b, size_t n, off_t o) { return __sysd(__NR_pwrite64, __A(fd), __U(b), __U(n), __L(o), 0, 0); }
int close(int fd) { return (int)__sys1(__NR_close, fd); }

off64_t lseek64(int fd, off64_t off, int whence)
{
	long long r = __syscall_ll(__NR_lseek, fd, off, whence, 0, 0, 0);
	if (r < 0 && r > -4096) { errno = (int)-r; return -1; }
	return r;
}
off_t lseek(int fd, off_t off, int whence)
{
	off64_t r = lseek64(fd, off, whence);
	if (r > LONG_MAX) { errno = EOVERFLOW; return -1; }
	return (off_t)r;
}

int dup(int fd) { return (int)__sys1(__NR_dup, fd); }
int dup2(int a, int b) { return (int)__sys2(__NR_dup2, a, b); }
int dup3(int a, int b, int flags) { return (int)__sys3(__NR_dup3, a, b, flags); }
int pipe(int fds[2]) { return (int)__sys2(__NR_pipe2, fds, 0); }
int pipe2(int fds[2], int flags) { return (int)__sys2(__NR_pipe2, fds, flags); }
int fsync(int fd) { return (int)__sys1(__NR_fsync, fd); }
int fdatasync(int fd) { return (int)__sys1(__NR_fdatasync, fd); }
void sync(void) { __syscall0(__NR_sync); }
int syncfs(int fd) { return (int)__sys1(__NR_syncfs, fd); }
int truncate(const char *p, off_t n) { return (int)__sysd(__NR_truncate, __U(p), __L(n), 0, 0, 0, 0); }
int ftruncate(int fd, off_t n) { return (int)__sysd(__NR_ftruncate, __A(fd), __L(n), 0, 0, 0, 0); }

/* readv and writev: the program's 8-byte iovecs become the kernel's 16-byte ones. */
static long vector(int nr, int fd, const struct iovec *iov, int n, long long off, int has_off)
{
	if (n < 0 || n > 1024) { errno = EINVAL; return -1; }
	struct __kernel_iovec k[n ? n : 1];
	for (int i = 0; i < n; i++) { k[i].iov_base = (unsigned long)iov[i].iov_base; k[i].iov_len = iov[i].iov_len; }
	return __sysd(nr, __A(fd), __U(k), __A(n), has_off ? __L(off) : 0, 0, 0);
}
ssize_t readv(int fd, const struct iovec *v, int n) { return vector(__NR_readv, fd, v, n, 0, 0); }
ssize_t writev(int fd, const struct iovec *v, int n) { return vector(__NR_writev, fd, v, n, 0, 0); }
ssize_t preadv(int fd, const struct iovec *v, int n, off_t o) { return vector(__NR_preadv, fd, v, n, o, 1); }
ssize_t pwritev(int fd, const struct iovec *v, int n, off_t o) { return vector(__NR_pwritev, fd, v, n, o, 1); }
