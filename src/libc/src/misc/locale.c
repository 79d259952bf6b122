/* The C locale, the only one Typix has: setlocale accepts "C", "POSIX" and "" (which means it,
 * as no LANG names another here) and refuses the rest, as glibc does for a locale not installed. */
#include <locale.h>
#include <string.h>
#include <limits.h>

char *setlocale(int cat, const char *name)
{
	if (cat < 0 || cat > LC_ALL) return 0;
	if (!name || !*name || !strcmp(name, "C") || !strcmp(name, "POSIX")) return "C";
	if (!strcmp(name, "C.UTF-8") || !strcmp(name, "C.utf8")) return "C.UTF-8";
	return 0;
}

static struct lconv c_lconv = { ".", "", "", "", "", "", "", "", "", "",
	CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX,
	CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX, CHAR_MAX };
struct lconv *localeconv(void) { return &c_lconv; }
