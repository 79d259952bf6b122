/* The rest of <stdlib.h>: temporary files, realpath, system, and the C locale's multibyte
 * functions (one byte is one character). */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <limits.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>
#include "libc.h"

/* The XXXXXX of a template replaced with letters until open (or mkdir) succeeds. */
static int try_names(char *tmpl, int suffix, int (*make)(const char *, int), int flags)
{
	size_t n = strlen(tmpl);
	if (n < 6 + (size_t)suffix || memcmp(tmpl + n - suffix - 6, "XXXXXX", 6)) { errno = EINVAL; return -1; }
	char *x = tmpl + n - suffix - 6;
	static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	for (int attempt = 0; attempt < 100; attempt++) {
		unsigned long long r;
		if (__syscall3(__NR_getrandom, (long)&r, sizeof r, 0) != sizeof r) {
			struct timespec t;
			clock_gettime(CLOCK_MONOTONIC, &t);
			r = (unsigned long long)t.tv_nsec * 2654435761u + attempt;
		}
		for (int i = 0; i < 6; i++) { x[i] = chars[r % 62]; r /= 62; }
		int fd = make(tmpl, flags);
		if (fd >= 0) return fd;
		if (errno != EEXIST) return -1;
	}
	memcpy(x, "XXXXXX", 6);
	errno = EEXIST;
	return -1;
}
static int make_file(const char *p, int flags) { return open(p, O_RDWR | O_CREAT | O_EXCL | flags, 0600); }
static int make_dir(const char *p, int flags) { (void)flags; return mkdir(p, 0700) < 0 ? -1 : 0; }
int mkostemp(char *t, int flags) { return try_names(t, 0, make_file, flags); }
int mkstemp(char *t) { return try_names(t, 0, make_file, 0); }
char *mkdtemp(char *t) { return try_names(t, 0, make_dir, 0) < 0 ? 0 : t; }
static int exists(const char *p, int flags) { (void)flags; struct stat st; if (lstat(p, &st) == 0) { errno = EEXIST; return -1; } return errno == ENOENT ? 0 : -1; }
char *mktemp(char *t) { if (try_names(t, 0, exists, 0) < 0) *t = 0; return t; }
char *tmpnam(char *buf)
{
	static char name[L_tmpnam];
	char *s = buf ? buf : name;
	strcpy(s, "/tmp/fileXXXXXX");
	mktemp(s);
	return *s ? s : 0;
}

/* realpath: the path resolved component by component, following symbolic links. */
char *realpath(const char *restrict path, char *restrict out)
{
	if (!path) { errno = EINVAL; return 0; }
	if (!*path) { errno = ENOENT; return 0; }
	char res[PATH_MAX], rest[PATH_MAX];
	size_t rl = 0;
	if (path[0] != '/') {
		if (!getcwd(res, sizeof res)) return 0;
		rl = strlen(res);
		if (rl == 1) rl = 0;
	}
	if (strlen(path) >= sizeof rest) { errno = ENAMETOOLONG; return 0; }
	strcpy(rest, path);
	int links = 0;
	char *p = rest;
	while (*p) {
		while (*p == '/') p++;
		if (!*p) break;
		char *e = strchrnul(p, '/');
		size_t cl = e - p;
		if (cl == 1 && p[0] == '.') { p = e; continue; }
		if (cl == 2 && p[0] == '.' && p[1] == '.') {
			while (rl > 0 && res[--rl] != '/') {}
			p = e;
			continue;
		}
		if (rl + 1 + cl >= sizeof res) { errno = ENAMETOOLONG; return 0; }
		res[rl] = '/';
		memcpy(res + rl + 1, p, cl);
		res[rl + 1 + cl] = 0;
		char target[PATH_MAX];
		ssize_t tl = readlink(res, target, sizeof target - 1);
		if (tl < 0) {
			if (errno != EINVAL) return 0;
			struct stat st; /* not a link: with anything after it, even a slash, a directory */
			if (*e == '/' && (stat(res, &st) < 0 || !S_ISDIR(st.st_mode))) { errno = ENOTDIR; return 0; }
			rl += 1 + cl;
			p = e;
			continue;
		}
		if (++links > 40) { errno = ELOOP; return 0; }
		target[tl] = 0;
		size_t remaining = strlen(e);
		if (tl + remaining + 1 >= sizeof rest) { errno = ENAMETOOLONG; return 0; }
		memmove(rest + tl, e, remaining + 1);
		memcpy(rest, target, tl);
		p = rest;
		if (target[0] == '/') rl = 0;
	}
	if (rl == 0) { res[0] = '/'; rl = 1; }
	res[rl] = 0;
	if (!out) return strdup(res);
	strcpy(out, res);
	return out;
}

/* system: /bin/sh -c command in a child, SIGINT and SIGQUIT ignored and SIGCHLD blocked in
 * the caller meanwhile, as POSIX says. The child comes from vfork, when the kernel gives one. */
int system(const char *cmd)
{
	if (!cmd) return access("/bin/sh", X_OK) == 0;
	struct sigaction ign, oint, oquit;
	sigset_t block, omask;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &omask);
	int status = -1;
	pid_t __spawn_shell(const char *, const struct sigaction *, const struct sigaction *, const sigset_t *);
	pid_t pid = __spawn_shell(cmd, &oint, &oquit, &omask);
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
	sigaction(SIGINT, &oint, 0);
	sigaction(SIGQUIT, &oquit, 0);
	sigprocmask(SIG_SETMASK, &omask, 0);
	return pid > 0 ? status : -1;
}

int mblen(const char *s, size_t n) { return s && n && *s ? 1 : 0; }
int mbtowc(wchar_t *restrict w, const char *restrict s, size_t n)
{
	if (!s) return 0;
	if (!n) return -1;
	if (w) *w = (unsigned char)*s;
	return *s ? 1 : 0;
}
int wctomb(char *s, wchar_t w) { if (!s) return 0; if (w < 0 || w > 255) { errno = EILSEQ; return -1; } *s = (char)w; return 1; }
size_t mbstowcs(wchar_t *restrict w, const char *restrict s, size_t n)
{
	size_t i = 0;
	for (; (!w || i < n) && s[i]; i++) if (w) w[i] = (unsigned char)s[i];
	if (w && i < n) w[i] = 0;
	return i;
}
size_t wcstombs(char *restrict s, const wchar_t *restrict w, size_t n)
{
	size_t i = 0;
	for (; (!s || i < n) && w[i]; i++) {
		if (w[i] < 0 || w[i] > 255) { errno = EILSEQ; return (size_t)-1; }
		if (s) s[i] = (char)w[i];
	}
	if (s && i < n) s[i] = 0;
	return i;
}
