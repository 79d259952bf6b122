/* A failed assert: glibc's message on stderr, then abort() (stdout is not flushed, as glibc's). */
#include <stdio.h>
#include <stdlib.h>
#include "libc.h"

_Noreturn void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func)
{
	fprintf(stderr, "%s: %s:%u: %s: Assertion `%s' failed.\n", __progname, file, line, func, expr);
	abort();
}
