/* qsort (a merge sort on a temporary copy where memory allows, else an insertion sort: stable
 * like glibc's usual path) and bsearch. */
#include <stdlib.h>
#include <string.h>

typedef int (*cmp3)(const void *, const void *, void *);

static void merge(char *a, char *tmp, size_t n, size_t w, cmp3 cmp, void *arg)
{
	if (n < 2) return;
	size_t h = n / 2;
	merge(a, tmp, h, w, cmp, arg);
	merge(a + h * w, tmp, n - h, w, cmp, arg);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n) {
		/* left against right, the left one on ties: glibc's order of comparisons */
		if (cmp(a + i * w, a + j * w, arg) <= 0) memcpy(tmp + k++ * w, a + i++ * w, w);
		else memcpy(tmp + k++ * w, a + j++ * w, w);
	}
	while (i < h) memcpy(tmp + k++ * w, a + i++ * w, w);
	while (j < n) memcpy(tmp + k++ * w, a + j++ * w, w);
	memcpy(a, tmp, n * w);
}

static void insertion(char *a, size_t n, size_t w, cmp3 cmp, void *arg)
{
	char t[256];
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp(a + (j - 1) * w, a + j * w, arg) > 0; j--)
			for (size_t o = 0; o < w; o += sizeof t) {
				size_t k = w - o < sizeof t ? w - o : sizeof t;
				memcpy(t, a + j * w + o, k);
				memcpy(a + j * w + o, a + (j - 1) * w + o, k);
				memcpy(a + (j - 1) * w + o, t, k);
			}
}

void qsort_r(void *base, size_t n, size_t w, cmp3 cmp, void *arg)
{
	if (n < 2 || !w) return;
	char *tmp = n * w / w == n ? malloc(n * w) : 0;
	if (tmp) {
		merge(base, tmp, n, w, cmp, arg);
		free(tmp);
	} else {
		insertion(base, n, w, cmp, arg);
	}
}

static int call2(const void *a, const void *b, void *f) { return ((int (*)(const void *, const void *))f)(a, b); }
void qsort(void *base, size_t n, size_t w, int (*cmp)(const void *, const void *)) { qsort_r(base, n, w, call2, (void *)cmp); }

void *bsearch(const void *key, const void *base, size_t n, size_t w, int (*cmp)(const void *, const void *))
{
	const char *b = base;
	while (n) {
		size_t h = n / 2;
		int r = cmp(key, b + h * w);
		if (r == 0) return (void *)(b + h * w);
		if (r > 0) { b += (h + 1) * w; n -= h + 1; }
		else n = h;
	}
	return 0;
}
