/* Pseudo-random numbers with glibc's generators, so that a seed gives the numbers it gives on
 * Linux: random() is the additive feedback generator x[i] = x[i-3] + x[i-31] seeded by a
 * Lehmer generator (rand() is random()), rand_r the LCG glibc uses, *rand48 the 48-bit LCG. */
#include <stdlib.h>
#include <stdint.h>
#include <errno.h>

/* The state: a word telling its type and rear index (what setstate reads), then the table.
 * Types 1-4 are glibc's additive generators of degree 7, 15, 31 and 63 (the default is 3);
 * type 0, for states under 32 bytes, is a plain LCG. */
static int32_t deftab[32];
static int32_t *state = deftab + 1;
static int type = 3, deg = 31, sep = 3, front = 3, rear = 0, seeded;
static const int degrees[5] = { 0, 7, 15, 31, 63 }, separations[5] = { 0, 3, 1, 3, 1 };

static void save_info(void) { state[-1] = type == 0 ? 0 : 5 * rear + type; }

void srandom(unsigned seed)
{
	seeded = 1;
	state[0] = seed ? (int32_t)seed : 1;
	if (type == 0) return;
	for (int i = 1; i < deg; i++) {
		int32_t hi = state[i - 1] / 127773, lo = state[i - 1] % 127773;
		int32_t w = 16807 * lo - 2836 * hi;
		state[i] = w < 0 ? w + 2147483647 : w;
	}
	front = sep;
	rear = 0;
	for (int i = 0; i < 10 * deg; i++) random();
}

long random(void)
{
	if (!seeded) srandom(1);
	if (type == 0) {
		state[0] = (int32_t)(((uint32_t)state[0] * 1103515245u + 12345u) & 0x7fffffff);
		return state[0];
	}
	uint32_t v = (uint32_t)state[front] + (uint32_t)state[rear];
	state[front] = (int32_t)v;
	if (++front >= deg) { front = 0; ++rear; }
	else if (++rear >= deg) rear = 0;
	return (long)(v >> 1);
}

static void use(int32_t *table, int t, int r)
{
	state = table;
	type = t;
	deg = degrees[t];
	sep = separations[t];
	rear = r;
	front = t ? (r + sep) % deg : 0;
}

char *initstate(unsigned seed, char *buf, size_t n)
{
	if (n < 8) { errno = EINVAL; return 0; }
	if (!seeded) srandom(1);
	save_info();
	char *old = (char *)&state[-1];
	int t = n < 32 ? 0 : n < 64 ? 1 : n < 128 ? 2 : n < 256 ? 3 : 4;
	use((int32_t *)buf + 1, t, 0);
	srandom(seed);
	save_info();
	return old;
}

char *setstate(char *buf)
{
	int32_t *table = (int32_t *)buf, info = table[0];
	int t = info % 5;
	if (t < 0 || t > 4) { errno = EINVAL; return 0; }
	if (!seeded) srandom(1);
	save_info();
	char *old = (char *)&state[-1];
	use(table + 1, t, info / 5);
	seeded = 1;
	return old;
}

int rand(void) { return (int)random(); }
void srand(unsigned seed) { srandom(seed); }

int rand_r(unsigned *seed)
{
	unsigned next = *seed;
	int r;
	next = next * 1103515245 + 12345;
	r = (next / 65536) % 2048;
	next = next * 1103515245 + 12345;
	r = (r << 10) ^ (next / 65536) % 1024;
	next = next * 1103515245 + 12345;
	r = (r << 10) ^ (next / 65536) % 1024;
	*seed = next;
	return r;
}

static uint64_t x48 = 0x1234abcd330eULL;
static uint64_t step48(void)
{
	x48 = (x48 * 0x5deece66dULL + 0xb) & 0xffffffffffffULL;
	return x48;
}
void srand48(long seed) { x48 = ((uint64_t)(uint32_t)seed << 16) | 0x330e; }
double drand48(void) { return (double)step48() / 281474976710656.0; }
long lrand48(void) { return (long)(step48() >> 17); }
long mrand48(void) { return (long)(int32_t)(step48() >> 16); }
