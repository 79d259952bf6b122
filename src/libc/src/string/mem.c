/* Memory functions. memcpy, memmove and memset are WebAssembly's bulk-memory instructions. */
#include <string.h>
#include <stdint.h>

void *memcpy(void *restrict d, const void *restrict s, size_t n) { return __builtin_memcpy(d, s, n); }
void *memmove(void *d, const void *s, size_t n) { return __builtin_memmove(d, s, n); }
void *memset(void *d, int c, size_t n) { return __builtin_memset(d, c, n); }

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;
	for (; n; n--, p++, q++)
		if (*p != *q) return *p - *q;
	return 0;
}
int bcmp(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (; n; n--, p++)
		if (*p == (unsigned char)c) return (void *)p;
	return 0;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	while (n--)
		if (p[n] == (unsigned char)c) return (void *)(p + n);
	return 0;
}

void *memccpy(void *restrict d, const void *restrict s, int c, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	for (; n; n--) {
		*dp = *sp++;
		if (*dp++ == (unsigned char)c) return dp;
	}
	return 0;
}

void *mempcpy(void *restrict d, const void *restrict s, size_t n) { return (char *)memcpy(d, s, n) + n; }

void *memmem(const void *h, size_t hn, const void *n, size_t nn)
{
	const char *hp = h;
	if (nn == 0) return (void *)h;
	for (size_t i = 0; i + nn <= hn; i++)
		if (hp[i] == *(const char *)n && !memcmp(hp + i, n, nn)) return (void *)(hp + i);
	return 0;
}

void bzero(void *s, size_t n) { memset(s, 0, n); }
void explicit_bzero(void *s, size_t n) { memset(s, 0, n); __asm__ volatile("" ::: "memory"); }
void bcopy(const void *s, void *d, size_t n) { memmove(d, s, n); }

int ffs(int i) { return i ? __builtin_ctz((unsigned)i) + 1 : 0; }
int ffsl(long i) { return i ? __builtin_ctzl((unsigned long)i) + 1 : 0; }
int ffsll(long long i) { return i ? __builtin_ctzll((unsigned long long)i) + 1 : 0; }
