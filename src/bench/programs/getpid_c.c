/* The getpid benchmark as a C program (WebAssembly): BATCHES batches of CALLS getpid() through the
 * trap, each timed with clock_gettime(CLOCK_MONOTONIC); prints the median "getpid_ns N". */
#include "syscall_arch.h"

struct ts { long long sec, nsec; };
static long long now(void) { struct ts t; __syscall2(228, 1, (long)&t); return t.sec * 1000000000LL + t.nsec; }
static long num(const char *p) { long n = 0; while (*p) n = n * 10 + (*p++ - '0'); return n; }

int main(int argc, char **argv, char **envp)
{
	long calls = argc > 1 ? num(argv[1]) : 200000, batches = argc > 2 ? num(argv[2]) : 9;
	long long v[64];
	if (batches > 64) batches = 64;
	for (long b = 0; b < batches; b++) {
		long long t0 = now();
		for (long i = 0; i < calls; i++) __syscall0(39);
		v[b] = (now() - t0) * 1000 / calls; /* picoseconds per call */
	}
	for (long i = 0; i < batches; i++)
		for (long j = i + 1; j < batches; j++)
			if (v[j] < v[i]) { long long x = v[i]; v[i] = v[j]; v[j] = x; }
	long long med = v[batches / 2];
	char out[40] = "getpid_ns ";
	int o = 10;
	char d[24]; int k = 0;
	long long ns = med / 1000, frac = med % 1000 / 10;
	do d[k++] = '0' + ns % 10; while (ns /= 10);
	while (k) out[o++] = d[--k];
	out[o++] = '.'; out[o++] = '0' + frac / 10; out[o++] = '0' + frac % 10; out[o++] = '\n';
	__syscall3(1, 1, (long)out, o);
	(void)envp;
	return 0;
}
