/* Paths: access, directories, links, ownership, the working directory. */
#include <unistd.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include "libc.h"

int access(const char *p, int m) { return (int)__sys2(__NR_access, p, m); }
int faccessat(int d, const char *p, int m, int f) { return (int)(f ? __sys4(__NR_faccessat2, d, p, m, f) : __sys3(__NR_faccessat, d, p, m)); }
int eaccess(const char *p, int m) { return faccessat(AT_FDCWD, p, m, AT_EACCESS); }
int chdir(const char *p) { return (int)__sys1(__NR_chdir, p); }
int fchdir(int fd) { return (int)__sys1(__NR_fchdir, fd); }
int chroot(const char *p) { return (int)__sys1(__NR_chroot, p); }
int unlink(const char *p) { return (int)__sys1(__NR_unlink, p); }
int unlinkat(int d, const char *p, int f) { return (int)__sys3(__NR_unlinkat, d, p, f); }
int rmdir(const char *p) { return (int)__sys1(__NR_rmdir, p); }
int link(const char *a, const char *b) { return (int)__sys2(__NR_link, a, b); }
int linkat(int da, const char *a, int db, const char *b, int f) { return (int)__sys5(__NR_linkat, da, a, db, b, f); }
int symlink(const char *a, const char *b) { return (int)__sys2(__NR_symlink, a, b); }
int symlinkat(const char *a, int d, const char *b) { return (int)__sys3(__NR_symlinkat, a, d, b); }
ssize_t readlink(const char *restrict p, char *restrict b, size_t n) { return __sysd(__NR_readlink, __U(p), __U(b), __U(n), 0, 0, 0); }
ssize_t readlinkat(int d, const char *restrict p, char *restrict b, size_t n) { return __sysd(__NR_readlinkat, __A(d), __U(p), __U(b), __U(n), 0, 0); }
int chown(const char *p, uid_t u, gid_t g) { return (int)__sys3(__NR_chown, p, (int)u, (int)g); }
int fchown(int fd, uid_t u, gid_t g) { return (int)__sys3(__NR_fchown, fd, (int)u, (int)g); }
int lchown(const char *p, uid_t u, gid_t g) { return (int)__sys3(__NR_lchown, p, (int)u, (int)g); }
int fchownat(int d, const char *p, uid_t u, gid_t g, int f) { return (int)__sys5(__NR_fchownat, d, p, (int)u, (int)g, f); }
int rename(const char *a, const char *b) { return (int)__sys2(__NR_rename, a, b); }
int renameat(int da, const char *a, int db, const char *b) { return (int)__sys4(__NR_renameat, da, a, db, b); }
int remove(const char *p)
{
	if (unlink(p) == 0) return 0;
	if (errno == EISDIR) return rmdir(p);
	return -1;
}

char *getcwd(char *buf, size_t n)
{
	char tmp[PATH_MAX];
	if (!buf) {
		long r = __sysd(__NR_getcwd, __U(tmp), __U(sizeof tmp), 0, 0, 0, 0);
		if (r < 0) return 0;
		if (n && (size_t)r > n) { errno = ERANGE; return 0; }
		return strdup(tmp);
	}
	if (n == 0) { errno = EINVAL; return 0; }
	if (__sysd(__NR_getcwd, __U(buf), __U(n), 0, 0, 0, 0) < 0) return 0;
	return buf;
}
char *get_current_dir_name(void)
{
	return getcwd(0, 0);
}
