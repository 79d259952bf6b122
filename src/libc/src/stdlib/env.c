/* The environment: getenv, setenv, unsetenv, putenv, clearenv. Strings libc made are kept in
 * environ itself; the array is copied to the heap on the first change. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "libc.h"

static char **owned; /* environ once libc has copied it */

char *getenv(const char *name)
{
	size_t n = strlen(name);
	if (!environ || strchr(name, '=')) return 0;
	for (char **e = environ; *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=') return *e + n + 1;
	return 0;
}
char *secure_getenv(const char *name) { return getuid() == geteuid() && getgid() == getegid() ? getenv(name) : 0; }

static size_t count(void) { size_t n = 0; if (environ) while (environ[n]) n++; return n; }

/* Put s ("NAME=value") in place of NAME's entry, or at the end. */
static int put(char *s, size_t namelen)
{
	size_t n = count();
	for (size_t i = 0; i < n; i++)
		if (!strncmp(environ[i], s, namelen) && environ[i][namelen] == '=') { environ[i] = s; return 0; }
	char **e = owned == environ ? realloc(owned, (n + 2) * sizeof *e) : malloc((n + 2) * sizeof *e);
	if (!e) return -1;
	if (owned != environ && n) memcpy(e, environ, n * sizeof *e);
	e[n] = s;
	e[n + 1] = 0;
	environ = owned = e;
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t n = name ? strlen(name) : 0;
	if (!n || strchr(name, '=')) { errno = EINVAL; return -1; }
	if (!overwrite && getenv(name)) return 0;
	size_t v = strlen(value);
	char *s = malloc(n + v + 2);
	if (!s) return -1;
	memcpy(s, name, n);
	s[n] = '=';
	memcpy(s + n + 1, value, v + 1);
	return put(s, n);
}

int putenv(char *s)
{
	char *eq = strchr(s, '=');
	if (!eq) return unsetenv(s);
	return put(s, eq - s);
}

int unsetenv(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (!n || strchr(name, '=')) { errno = EINVAL; return -1; }
	if (!environ) return 0;
	char **w = environ;
	for (char **r = environ; *r; r++)
		if (strncmp(*r, name, n) || (*r)[n] != '=') *w++ = *r;
	*w = 0;
	return 0;
}

int clearenv(void)
{
	if (owned == environ) free(owned);
	environ = owned = 0;
	return 0;
}
