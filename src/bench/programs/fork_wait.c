/* fork+exit+wait and pthread_create+join, each the median of many rounds, in ms. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void *nothing(void *a) { return a; }

int main(void)
{
	enum { N = 60 };
	double f[N], t[N];
	for (int i = 0; i < N; i++) {
		double a = now();
		pid_t p = fork();
		if (p == 0) _exit(0);
		waitpid(p, NULL, 0);
		f[i] = now() - a;
	}
	for (int i = 0; i < N; i++) {
		double a = now();
		pthread_t th;
		pthread_create(&th, NULL, nothing, NULL);
		pthread_join(th, NULL);
		t[i] = now() - a;
	}
	qsort(f, N, sizeof f[0], cmp);
	qsort(t, N, sizeof t[0], cmp);
	printf("fork_wait_ms %.3f\nthread_join_ms %.3f\n", f[N / 2], t[N / 2]);
	return 0;
}
