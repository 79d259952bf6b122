/* String functions of <string.h> and <strings.h>. */
#include <string.h>
#include <strings.h>
#include <stdlib.h>
#include <ctype.h>

size_t strlen(const char *s) { const char *p = s; while (*p) p++; return p - s; }
size_t strnlen(const char *s, size_t n) { size_t i = 0; while (i < n && s[i]) i++; return i; }

char *stpcpy(char *restrict d, const char *restrict s) { while ((*d = *s++)) d++; return d; }
char *strcpy(char *restrict d, const char *restrict s) { stpcpy(d, s); return d; }

char *stpncpy(char *restrict d, const char *restrict s, size_t n)
{
	size_t i = 0;
	for (; i < n && s[i]; i++) d[i] = s[i];
	char *end = d + i;
	for (; i < n; i++) d[i] = 0;
	return end;
}
char *strncpy(char *restrict d, const char *restrict s, size_t n) { stpncpy(d, s, n); return d; }

size_t strlcpy(char *restrict d, const char *restrict s, size_t n)
{
	size_t len = strlen(s);
	if (n) {
		size_t k = len < n - 1 ? len : n - 1;
		memcpy(d, s, k);
		d[k] = 0;
	}
	return len;
}
size_t strlcat(char *restrict d, const char *restrict s, size_t n)
{
	size_t l = strnlen(d, n);
	if (l == n) return l + strlen(s);
	return l + strlcpy(d + l, s, n - l);
}

char *strcat(char *restrict d, const char *restrict s) { strcpy(d + strlen(d), s); return d; }
char *strncat(char *restrict d, const char *restrict s, size_t n)
{
	char *p = d + strlen(d);
	while (n-- && *s) *p++ = *s++;
	*p = 0;
	return d;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) a++, b++;
	return *(const unsigned char *)a - *(const unsigned char *)b;
}
int strncmp(const char *a, const char *b, size_t n)
{
	if (!n) return 0;
	while (--n && *a && *a == *b) a++, b++;
	return *(const unsigned char *)a - *(const unsigned char *)b;
}
int strcoll(const char *a, const char *b) { return strcmp(a, b); }
size_t strxfrm(char *restrict d, const char *restrict s, size_t n)
{
	size_t len = strlen(s);
	if (len < n) memcpy(d, s, len + 1);
	return len;
}

int strcasecmp(const char *a, const char *b)
{
	while (*a && tolower((unsigned char)*a) == tolower((unsigned char)*b)) a++, b++;
	return tolower(*(const unsigned char *)a) - tolower(*(const unsigned char *)b);
}
int strncasecmp(const char *a, const char *b, size_t n)
{
	if (!n) return 0;
	while (--n && *a && tolower((unsigned char)*a) == tolower((unsigned char)*b)) a++, b++;
	return tolower(*(const unsigned char *)a) - tolower(*(const unsigned char *)b);
}

char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c) s++;
	return (char *)s;
}
char *strchr(const char *s, int c) { char *p = strchrnul(s, c); return *p == (char)c ? p : 0; }
char *index(const char *s, int c) { return strchr(s, c); }
char *strrchr(const char *s, int c)
{
	const char *last = 0;
	do if (*s == (char)c) last = s; while (*s++);
	return (char *)last;
}
char *rindex(const char *s, int c) { return strrchr(s, c); }

char *strstr(const char *h, const char *n)
{
	size_t nl = strlen(n);
	for (; *h; h++)
		if (!strncmp(h, n, nl)) return (char *)h;
	return nl ? 0 : (char *)h;
}
char *strcasestr(const char *h, const char *n)
{
	size_t nl = strlen(n);
	for (; *h; h++)
		if (!strncasecmp(h, n, nl)) return (char *)h;
	return nl ? 0 : (char *)h;
}

size_t strspn(const char *s, const char *accept)
{
	size_t i = 0;
	while (s[i] && strchr(accept, s[i])) i++;
	return i;
}
size_t strcspn(const char *s, const char *reject)
{
	size_t i = 0;
	while (s[i] && !strchr(reject, s[i])) i++;
	return i;
}
char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : 0;
}

char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save)
{
	if (!s && !(s = *save)) return 0;
	s += strspn(s, sep);
	if (!*s) return *save = 0;
	char *end = s + strcspn(s, sep);
	if (*end) *end++ = 0;
	else end = 0;
	*save = end;
	return s;
}
char *strtok(char *restrict s, const char *restrict sep)
{
	static char *save;
	return strtok_r(s, sep, &save);
}
char *strsep(char **sp, const char *sep)
{
	char *s = *sp;
	if (!s) return 0;
	char *end = s + strcspn(s, sep);
	if (*end) *end++ = 0;
	else end = 0;
	*sp = end;
	return s;
}

char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	return d ? memcpy(d, s, n) : 0;
}
char *strndup(const char *s, size_t n)
{
	size_t l = strnlen(s, n);
	char *d = malloc(l + 1);
	if (!d) return 0;
	memcpy(d, s, l);
	d[l] = 0;
	return d;
}
