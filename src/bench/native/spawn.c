/* Native reference for spawn_wait_native_us: posix_spawn of /bin/true and waitpid for it, the
 * median of many rounds. Prints "spawn_wait_us <median>". */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/wait.h>

extern char **environ;

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 500;
  char *args[] = { "/bin/true", NULL };
  double *us = malloc(sizeof *us * (rounds > 0 ? rounds : 1));
  if (rounds < 1 || !us) return 1;
  for (int i = 0; i < rounds; i++) {
    pid_t pid;
    int status;
    double t0 = now_us();
    if (posix_spawn(&pid, "/bin/true", NULL, NULL, args, environ) != 0) { perror("posix_spawn"); return 1; }
    if (waitpid(pid, &status, 0) < 0) { perror("waitpid"); return 1; }
    us[i] = now_us() - t0;
  }
  qsort(us, rounds, sizeof *us, cmp);
  printf("spawn_wait_us %.2f\n", us[rounds / 2]);
  return 0;
}
