/* A freestanding C test program for Typix's WebAssembly executables (src/tests/wasm.test.ts):
 * its first argument picks what it does. Only the trap helpers of syscall_arch.h are used. */
#include "syscall_arch.h"

static long len(const char *s) { long n = 0; while (s[n]) n++; return n; }
static void puts1(const char *s) { __syscall3(1, 1, (long)s, len(s)); }
static int eq(const char *a, const char *b) { while (*a && *a == *b) a++, b++; return *a == *b; }
static void putnum(long v)
{
	char b[24]; int i = 23; unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
	b[i] = 0;
	do b[--i] = '0' + u % 10; while (u /= 10);
	if (v < 0) b[--i] = '-';
	puts1(b + i);
}

static volatile int got;
static void on_usr1(int sig) { got = sig; }
static void on_info(int sig, void *info, void *uc) { got = sig * 100 + *(int *)info; (void)uc; }

struct kact { unsigned long long handler, flags, restorer, mask; };

static void set_handler(int sig, void *fn, unsigned long flags)
{
	struct kact a = { (unsigned long)fn, flags, 0, 0 };
	__syscall4(13, sig, (long)&a, 0, 8);
}

static int recurse(volatile int *p) { volatile int x[64]; x[0] = *p + 1; return recurse(x) + x[1]; }

int main(int argc, char **argv, char **envp)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (eq(mode, "args")) {
		putnum(argc);
		for (int i = 0; i < argc; i++) { puts1(" "); puts1(argv[i]); }
		puts1("\n");
		for (char **e = envp; *e; e++)
			if ((*e)[0] == 'F' && (*e)[1] == 'O' && (*e)[2] == 'O' && (*e)[3] == '=') { puts1(*e); puts1("\n"); }
		unsigned *aux = (unsigned *)envp;
		while (*aux) aux++;
		for (aux++; aux[0]; aux += 2) {
			if (aux[0] == 6) { puts1("pagesz "); putnum(aux[1]); puts1("\n"); }
			if (aux[0] == 31) { puts1("execfn "); puts1((char *)aux[1]); puts1("\n"); }
			if (aux[0] == 25) { puts1("random "); putnum(aux[1] % 16 == 0); puts1("\n"); }
		}
		return 7;
	}
	if (eq(mode, "maps")) {
		static char buf[8192];
		long fd = __syscall3(2, (long)"/proc/self/maps", 0, 0), n;
		while ((n = __syscall3(0, fd, (long)buf, sizeof buf)) > 0) __syscall3(1, 1, (long)buf, n);
		return 0;
	}
	if (eq(mode, "sigself")) {
		set_handler(10, on_usr1, 0);
		__syscall2(62, __syscall0(39), 10);
		puts1("handler saw "); putnum(got); puts1("\n");
		set_handler(12, on_info, 4 /* SA_SIGINFO */);
		__syscall2(62, __syscall0(39), 12);
		puts1("siginfo handler saw "); putnum(got); puts1("\n");
		return 0;
	}
	if (eq(mode, "sigwait")) {
		set_handler(10, on_usr1, 0);
		puts1("ready\n");
		while (!got) __syscall0(34); /* pause */
		puts1("woken by "); putnum(got); puts1("\n");
		return 0;
	}
	if (eq(mode, "spin")) {
		puts1("spinning\n");
		for (volatile unsigned i = 0;; i++) ;
	}
	if (eq(mode, "nullstore")) { *(volatile int *)0 = 1; return 0; }
	if (eq(mode, "nullload")) { puts1("x"); return *(volatile int *)(argc - 2); }
	if (eq(mode, "nearnull")) { volatile struct { int a[100]; } *p = (void *)(argc - 2); return p->a[50]; }
	if (eq(mode, "div0")) { volatile int z = 0; return argc / z; }
	if (eq(mode, "trap")) __builtin_trap();
	if (eq(mode, "recurse")) { volatile int x = 1; return recurse(&x); }
	if (eq(mode, "getpid")) {
		long n = 0;
		for (const char *p = argv[2]; *p; p++) n = n * 10 + (*p - '0');
		long pid = 0;
		for (long i = 0; i < n; i++) pid = __syscall0(39);
		putnum(pid > 0); puts1("\n");
		return 0;
	}
	if (eq(mode, "wildstore")) { *(volatile int *)0x20000000 = 1; return 0; }
	puts1("hello from C\n");
	return 0;
}
