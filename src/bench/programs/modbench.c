/* The C module figures, as root: the extra ns a read of a C module's device costs over the same
 * read of /dev/null (the kernel's call into C and back), and insmod+rmmod of that module through
 * finit_module(2) and delete_module(2), each the median of several batches or rounds. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median ns per read(fd, buf, 1) over 9 batches of n calls. */
static double read_ns(int fd, int n)
{
	double b[9];
	char c;
	for (int i = 0; i < 9; i++) {
		double a = now_ns();
		for (int k = 0; k < n; k++) read(fd, &c, 1);
		b[i] = (now_ns() - a) / n;
	}
	qsort(b, 9, sizeof b[0], cmp);
	return b[4];
}

int main(int argc, char **argv)
{
	if (argc < 2) return 2;
	int ko = open(argv[1], O_RDONLY);
	if (ko < 0 || syscall(SYS_finit_module, ko, "", 0)) { perror("finit_module"); return 1; }
	int c = open("/dev/nullc", O_RDONLY), z = open("/dev/null", O_RDONLY);
	if (c < 0 || z < 0) { perror("open"); return 1; }
	double in_c = read_ns(c, 50000), plain = read_ns(z, 50000);
	close(c);
	close(z);
	if (syscall(SYS_delete_module, "nullc", O_NONBLOCK)) { perror("delete_module"); return 1; }
	enum { N = 25 };
	double r[N];
	for (int i = 0; i < N; i++) {
		double a = now_ns();
		if (syscall(SYS_finit_module, ko, "", 0)) { perror("finit_module"); return 1; }
		if (syscall(SYS_delete_module, "nullc", O_NONBLOCK)) { perror("delete_module"); return 1; }
		r[i] = (now_ns() - a) / 1e6;
	}
	qsort(r, N, sizeof r[0], cmp);
	printf("c_fop_call_ns %.1f\nread_null_ns %.1f\nc_insmod_rmmod_ms %.3f\n", in_c - plain, plain, r[N / 2]);
	return 0;
}
