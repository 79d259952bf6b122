/* Native reference for getpid_native_ns: the median cost of one getpid system call, made with
 * syscall(SYS_getpid) so that no libc cache answers it. Prints "getpid_ns <median>". */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  long calls = argc > 1 ? atol(argv[1]) : 1000000;
  int batches = argc > 2 ? atoi(argv[2]) : 7;
  double per[64];
  if (batches < 1 || batches > 64) batches = 7;
  for (int b = 0; b < batches; b++) {
    double t0 = now_ns();
    for (long i = 0; i < calls; i++) syscall(SYS_getpid);
    per[b] = (now_ns() - t0) / calls;
  }
  qsort(per, batches, sizeof per[0], cmp);
  printf("getpid_ns %.2f\n", per[batches / 2]);
  return 0;
}
