/* strerror, strerror_r, perror and glibc's strerrorname_np: the texts are the kernel's
 * (src/include/uapi/errno.ts, made into strerror_table.c by the build). strerror_r is GNU's
 * with _GNU_SOURCE and POSIX's without, as with glibc's headers. */
#define _GNU_SOURCE
#include <string.h>
#include <stdio.h>
#include <errno.h>

extern const int __errno_max;
extern const char *const __errno_text[], *const __errno_name[];
static char unknown[32];

static const char *text(int e, char *buf, size_t n)
{
	if (e >= 0 && e <= __errno_max && __errno_text[e]) return __errno_text[e];
	snprintf(buf, n, "Unknown error %d", e);
	return buf;
}

char *strerror(int e) { return (char *)text(e, unknown, sizeof unknown); }

/* POSIX's strerror_r, the one a program gets without _GNU_SOURCE (glibc's name for it). */
int __xpg_strerror_r(int e, char *buf, size_t n)
{
	char tmp[32];
	const char *s = text(e, tmp, sizeof tmp);
	if (e < 0 || e > __errno_max || !__errno_text[e]) { if (n) snprintf(buf, n, "Unknown error %d", e); return EINVAL; }
	if (n == 0) return ERANGE;
	size_t len = strlen(s);
	if (len >= n) {
		memcpy(buf, s, n - 1);
		buf[n - 1] = 0;
		return ERANGE;
	}
	memcpy(buf, s, len + 1);
	return 0;
}

/* GNU's: the text itself for a known error, else "Unknown error N" in buf, cut to fit. */
char *strerror_r(int e, char *buf, size_t n)
{
	if (e >= 0 && e <= __errno_max && __errno_text[e]) return (char *)__errno_text[e];
	if (n) snprintf(buf, n, "Unknown error %d", e);
	return buf;
}

const char *strerrorname_np(int e) { return e == 0 ? "0" : e > 0 && e <= __errno_max ? __errno_name[e] : 0; }
const char *strerrordesc_np(int e) { return e >= 0 && e <= __errno_max ? __errno_text[e] : 0; }

void perror(const char *s)
{
	const char *msg = strerror(errno);
	if (s && *s) fprintf(stderr, "%s: %s\n", s, msg);
	else fprintf(stderr, "%s\n", msg);
}
