/* stat and its relatives through newfstatat(2), the kernel's 144-byte struct stat converted to
 * the program's; modes, directories, nodes, times. */
#include <sys/stat.h>
#include <fcntl.h>
#include <errno.h>
#include <limits.h>
#include "libc.h"
#include "kstructs.h"

static int convert(struct stat *st, const struct __kernel_stat *k)
{
	st->st_dev = (dev_t)k->st_dev;
	st->st_ino = (ino_t)k->st_ino;
	st->st_nlink = (nlink_t)k->st_nlink;
	st->st_mode = k->st_mode;
	st->st_uid = k->st_uid;
	st->st_gid = k->st_gid;
	st->st_rdev = (dev_t)k->st_rdev;
	st->st_size = (off_t)k->st_size;
	st->st_blksize = (blksize_t)k->st_blksize;
	st->st_blocks = (blkcnt_t)k->st_blocks;
	__ts_from_kernel(&st->st_atim, &k->st_atim);
	__ts_from_kernel(&st->st_mtim, &k->st_mtim);
	__ts_from_kernel(&st->st_ctim, &k->st_ctim);
	if (k->st_size > LONG_MAX || k->st_ino > 0xffffffffULL) { errno = EOVERFLOW; return -1; }
	return 0;
}

int fstatat(int dir, const char *restrict path, struct stat *restrict st, int flags)
{
	struct __kernel_stat k;
	if (__sys4(__NR_newfstatat, dir, path, &k, flags) < 0) return -1;
	return convert(st, &k);
}
int stat(const char *restrict p, struct stat *restrict st) { return fstatat(AT_FDCWD, p, st, 0); }
int lstat(const char *restrict p, struct stat *restrict st) { return fstatat(AT_FDCWD, p, st, AT_SYMLINK_NOFOLLOW); }
int fstat(int fd, struct stat *st)
{
	if (fd < 0) { errno = EBADF; return -1; }
	return fstatat(fd, "", st, AT_EMPTY_PATH);
}

int chmod(const char *p, mode_t m) { return (int)__sys2(__NR_chmod, p, m); }
int fchmod(int fd, mode_t m) { return (int)__sys2(__NR_fchmod, fd, m); }
int fchmodat(int d, const char *p, mode_t m, int f)
{
	if (f) { errno = f == AT_SYMLINK_NOFOLLOW ? EOPNOTSUPP : EINVAL; return -1; }
	return (int)__sys3(__NR_fchmodat, d, p, m);
}
mode_t umask(mode_t m) { return (mode_t)__syscall1(__NR_umask, (long)m); }
int mkdir(const char *p, mode_t m) { return (int)__sys2(__NR_mkdir, p, m); }
int mkdirat(int d, const char *p, mode_t m) { return (int)__sys3(__NR_mkdirat, d, p, m); }
int mknod(const char *p, mode_t m, dev_t dev) { return (int)__sysd(__NR_mknod, __U(p), __U(m), __U(dev), 0, 0, 0); }
int mknodat(int d, const char *p, mode_t m, dev_t dev) { return (int)__sysd(__NR_mknodat, __A(d), __U(p), __U(m), __U(dev), 0, 0); }
int mkfifo(const char *p, mode_t m) { return mknod(p, m | S_IFIFO, 0); }
int mkfifoat(int d, const char *p, mode_t m) { return mknodat(d, p, m | S_IFIFO, 0); }

int utimensat(int d, const char *p, const struct timespec ts[2], int f)
{
	struct __kernel_timespec k[2];
	if (ts) { k[0] = __ts_to_kernel(&ts[0]); k[1] = __ts_to_kernel(&ts[1]); }
	return (int)__sys4(__NR_utimensat, d, p, ts ? k : 0, f);
}
int futimens(int fd, const struct timespec ts[2]) { return utimensat(fd, 0, ts, 0); }
