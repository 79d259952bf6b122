/* basename and dirname (POSIX's, which may modify the path), and GNU basename's behaviour is
 * <string.h>'s own only under _GNU_SOURCE in glibc; here <libgen.h> gives POSIX's. */
#include <libgen.h>
#include <string.h>

char *dirname(char *p)
{
	if (!p || !*p) return ".";
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/') n--;
	while (n > 0 && p[n - 1] != '/') n--;
	if (n == 0) return ".";
	while (n > 1 && p[n - 1] == '/') n--;
	p[n] = 0;
	return p;
}

char *__xpg_basename(char *p)
{
	if (!p || !*p) return ".";
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/') p[--n] = 0;
	char *s = strrchr(p, '/');
	return s && s[1] ? s + 1 : p;
}
