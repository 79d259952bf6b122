/* BSD's err/warn family and glibc's error(): "prog: message: strerror(errno)" on stderr. */
#include <err.h>
#include <error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdarg.h>
#include "libc.h"

void vwarn(const char *fmt, va_list ap)
{
	int e = errno;
	fflush(stdout);
	fprintf(stderr, "%s: ", __progname);
	if (fmt) { vfprintf(stderr, fmt, ap); fputs(": ", stderr); }
	fprintf(stderr, "%s\n", strerror(e));
}
void vwarnx(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", __progname);
	if (fmt) vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}
void warn(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vwarn(fmt, ap); va_end(ap); }
void warnx(const char *fmt, ...) { va_list ap; va_start(ap, fmt); vwarnx(fmt, ap); va_end(ap); }
_Noreturn void verr(int status, const char *fmt, va_list ap) { vwarn(fmt, ap); exit(status); }
_Noreturn void verrx(int status, const char *fmt, va_list ap) { vwarnx(fmt, ap); exit(status); }
_Noreturn void err(int status, const char *fmt, ...) { va_list ap; va_start(ap, fmt); verr(status, fmt, ap); }
_Noreturn void errx(int status, const char *fmt, ...) { va_list ap; va_start(ap, fmt); verrx(status, fmt, ap); }

unsigned int error_message_count;
int error_one_per_line;

static void verror_at(int status, int e, const char *file, unsigned line, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s:", __progname);
	if (file) fprintf(stderr, "%s:%u:", file, line);
	fputc(' ', stderr);
	vfprintf(stderr, fmt, ap);
	if (e) fprintf(stderr, ": %s", strerror(e));
	fputc('\n', stderr);
	error_message_count++;
	if (status) exit(status);
}
void error(int status, int e, const char *fmt, ...) { va_list ap; va_start(ap, fmt); verror_at(status, e, 0, 0, fmt, ap); va_end(ap); }
void error_at_line(int status, int e, const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror_at(status, e, file, line, fmt, ap);
	va_end(ap);
}
