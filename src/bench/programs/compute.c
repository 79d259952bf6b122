/* A compute-bound C program for the speed of C in Typix against the host's gcc -O2: a sieve of
 * primes, an integer hash loop and a floating-point sum, ROUNDS times, timed inside the program
 * with clock_gettime(CLOCK_MONOTONIC) so that starting the program is not counted. Prints
 * "compute_ms N" and a checksum (the same on both sides). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 2000000

static unsigned char sieve[N];

static long primes(void)
{
	memset(sieve, 1, sizeof sieve);
	long count = 0;
	for (long i = 2; i < N; i++) {
		if (!sieve[i]) continue;
		count++;
		for (long j = i * 2; j < N; j += i) sieve[j] = 0;
	}
	return count;
}

static unsigned hash(unsigned rounds)
{
	unsigned h = 2166136261u;
	for (unsigned i = 0; i < rounds; i++) h = (h ^ (i & 0xff)) * 16777619u;
	return h;
}

static double series(long n)
{
	double s = 0;
	for (long k = 1; k <= n; k++) s += (k & 1 ? 1.0 : -1.0) / (2.0 * k - 1.0);
	return 4 * s;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 5;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	long p = 0;
	unsigned h = 0;
	double s = 0;
	for (int r = 0; r < rounds; r++) {
		p += primes();
		h ^= hash(20000000u + r);
		s += series(5000000);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	double ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
	printf("compute_ms %.2f\nchecksum %ld %u %.6f\n", ms, p, h, s);
	return 0;
}
