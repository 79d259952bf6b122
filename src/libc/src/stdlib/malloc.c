/* The allocator: chunks with boundary tags in the brk heap, free chunks in 32 size classes
 * (first fit, split, coalesced with their neighbours, the last one given back to the top), and
 * requests of 128 KiB or more mapped on their own with mmap, as glibc's malloc does. A chunk is
 * [prev_size][size | flags] followed by its payload, 16-byte aligned. A spin lock guards it. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/mman.h>
#include <malloc.h>
#include "libc.h"

#define ALIGN 16
#define HDR 8
#define MIN_CHUNK 16
#define PREV_INUSE 1u
#define MMAPPED 2u
#define FLAGS 3u
#define MMAP_THRESHOLD (128 * 1024)
#define NCLASS 32

typedef struct chunk {
	size_t prev_size;
	size_t size;
	struct chunk *next, *prev; /* only while free */
} chunk;

static chunk *bins[NCLASS];
static char *heap_start, *top; /* top: the first byte after the last chunk */
static char *heap_end;
static volatile int lock;

static void acquire(void) { while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE)) {} }
static void release(void) { __atomic_store_n(&lock, 0, __ATOMIC_RELEASE); }

static inline size_t csize(const chunk *c) { return c->size & ~(size_t)FLAGS; }
static inline chunk *next_chunk(chunk *c) { return (chunk *)((char *)c + csize(c)); }
static inline void *payload(chunk *c) { return (char *)c + HDR; }
static inline chunk *of(void *p) { return (chunk *)((char *)p - HDR); }
/* Whether c is in use: its successor's PREV_INUSE, and the last chunk before top always is. */
static inline int in_use(chunk *c) { return (char *)next_chunk(c) >= top ? 1 : (int)(next_chunk(c)->size & PREV_INUSE); }

static int class_of(size_t n) { int k = 31 - __builtin_clz((unsigned)n); return k < NCLASS ? k : NCLASS - 1; }

static void bin_insert(chunk *c)
{
	int k = class_of(csize(c));
	c->prev = 0;
	c->next = bins[k];
	if (bins[k]) bins[k]->prev = c;
	bins[k] = c;
}
static void bin_remove(chunk *c)
{
	if (c->prev) c->prev->next = c->next;
	else bins[class_of(csize(c))] = c->next;
	if (c->next) c->next->prev = c->prev;
}

/* Mark c free: the next chunk's PREV_INUSE clears and its prev_size says c's size. */
static void set_free_tags(chunk *c)
{
	chunk *n = next_chunk(c);
	if ((char *)n < top) {
		n->size &= ~(size_t)PREV_INUSE;
		n->prev_size = csize(c);
	}
}

static size_t request_size(size_t n)
{
	if (n > SIZE_MAX / 2) return 0;
	size_t s = (n + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	return s < MIN_CHUNK ? MIN_CHUNK : s;
}

/* More heap: what is needed plus 128 KiB, in pages, as glibc's malloc asks brk for it (the
 * first time with the padding that aligns the first chunk, in the same call). */
static int grow(size_t need)
{
	size_t pad = 0;
	if (!heap_start) {
		char *b = sbrk(0);
		if (b == (void *)-1) return 0;
		pad = ((uintptr_t)b + HDR + ALIGN - 1) / ALIGN * ALIGN - HDR - (uintptr_t)b;
		heap_start = top = heap_end = b + pad;
	}
	size_t more = (need + pad + 128 * 1024 + 4095) & ~(size_t)4095;
	if (more < need || sbrk(more) == (void *)-1) return 0;
	heap_end += more - pad;
	return 1;
}

/* A chunk of exactly s bytes (s aligned), from a bin or from the top. */
static chunk *take(size_t s)
{
	for (int k = class_of(s); k < NCLASS; k++) {
		for (chunk *c = bins[k]; c; c = c->next) {
			if (csize(c) < s) continue;
			bin_remove(c);
			size_t rest = csize(c) - s;
			if (rest >= MIN_CHUNK) {
				chunk *r = (chunk *)((char *)c + s);
				c->size = s | (c->size & PREV_INUSE);
				r->size = rest | PREV_INUSE;
				set_free_tags(r);
				bin_insert(r);
			} else {
				chunk *n = next_chunk(c);
				if ((char *)n < top) n->size |= PREV_INUSE;
			}
			return c;
		}
	}
	if ((size_t)(heap_end - top) < s && !grow(s - (heap_end - top))) return 0;
	chunk *c = (chunk *)top; /* the chunk before top is never free: see release_chunk */
	c->size = s | PREV_INUSE;
	top += s;
	return c;
}

/* Free c: merged with free neighbours, then binned, or given back to the top. */
static void release_chunk(chunk *c)
{
	size_t s = csize(c);
	if (!(c->size & PREV_INUSE)) {
		chunk *p = (chunk *)((char *)c - c->prev_size);
		bin_remove(p);
		s += csize(p);
		c = p;
	}
	chunk *n = (chunk *)((char *)c + s);
	if ((char *)n < top && !in_use(n)) {
		bin_remove(n);
		s += csize(n);
	}
	c->size = s | (c->size & PREV_INUSE);
	if ((char *)c + s >= top) {
		top = (char *)c;
		return;
	}
	set_free_tags(c);
	bin_insert(c);
}

static void *map_chunk(size_t s)
{
	size_t len = (s + ALIGN + 4095) & ~(size_t)4095;
	char *m = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) return 0;
	chunk *c = (chunk *)(m + ALIGN - HDR);
	c->prev_size = ALIGN - HDR;
	c->size = (len - (ALIGN - HDR)) | MMAPPED;
	return payload(c);
}

static void unmap_chunk(chunk *c)
{
	munmap((char *)c - c->prev_size, csize(c) + c->prev_size);
}

void *malloc(size_t n)
{
	size_t s = request_size(n);
	if (!s) { errno = ENOMEM; return 0; }
	if (s >= MMAP_THRESHOLD) {
		void *p = map_chunk(s);
		if (!p) errno = ENOMEM;
		return p;
	}
	acquire();
	chunk *c = take(s);
	release();
	if (!c) { errno = ENOMEM; return 0; }
	return payload(c);
}

void free(void *p)
{
	if (!p) return;
	chunk *c = of(p);
	if (c->size & MMAPPED) { unmap_chunk(c); return; }
	acquire();
	release_chunk(c);
	release();
}

void *calloc(size_t n, size_t m)
{
	if (m && n > SIZE_MAX / m) { errno = ENOMEM; return 0; }
	void *p = malloc(n * m);
	if (p) memset(p, 0, n * m);
	return p;
}

size_t malloc_usable_size(void *p)
{
	if (!p) return 0;
	chunk *c = of(p);
	return csize(c) - HDR;
}

void *realloc(void *p, size_t n)
{
	if (!p) return malloc(n);
	if (!n) { free(p); return 0; }
	size_t have = malloc_usable_size(p);
	size_t s = request_size(n);
	if (!s) { errno = ENOMEM; return 0; }
	chunk *c = of(p);
	if (!(c->size & MMAPPED) && s <= csize(c)) return p;
	void *q = malloc(n);
	if (!q) return 0;
	memcpy(q, p, have < n ? have : n);
	free(p);
	return q;
}

void *reallocarray(void *p, size_t n, size_t m)
{
	if (m && n > SIZE_MAX / m) { errno = ENOMEM; return 0; }
	return realloc(p, n * m);
}

/* An aligned block: over-allocate, then free the chunk's front as a chunk of its own. */
static void *aligned(size_t align, size_t n)
{
	if (align <= ALIGN) return malloc(n);
	char *p = malloc(n + align + MIN_CHUNK);
	if (!p) return 0;
	chunk *c = of(p);
	uintptr_t a = ((uintptr_t)p + MIN_CHUNK + align - 1) & ~(uintptr_t)(align - 1);
	if (c->size & MMAPPED) {
		chunk *m = of((void *)a);
		m->prev_size = c->prev_size + (a - (uintptr_t)p);
		m->size = (csize(c) - (a - (uintptr_t)p)) | MMAPPED;
		return (void *)a;
	}
	if ((uintptr_t)p == a) return p;
	acquire();
	chunk *m = of((void *)a);
	size_t front = (char *)m - (char *)c;
	m->size = (csize(c) - front) | PREV_INUSE;
	c->size = front | (c->size & PREV_INUSE);
	release_chunk(c);
	release();
	return (void *)a;
}

int posix_memalign(void **out, size_t align, size_t n)
{
	if (align < sizeof(void *) || (align & (align - 1))) return EINVAL;
	void *p = aligned(align, n);
	if (!p) return ENOMEM;
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	if (!align || (align & (align - 1))) { errno = EINVAL; return 0; }
	return aligned(align, n);
}
void *memalign(size_t align, size_t n) { return aligned_alloc(align, n); }
void *valloc(size_t n) { return aligned(4096, n); }
void *pvalloc(size_t n) { return aligned(4096, (n + 4095) & ~(size_t)4095); }

