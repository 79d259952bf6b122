/* Native reference for pipe_native_gbps: 1 GiB through a pipe between two processes (pipe and
 * fork), the writer writing 64 KiB chunks and the reader reading them. The time runs from
 * before fork until the reader has been reaped. Prints "pipe_gbps <GB/s>". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#define CHUNK (64 * 1024)

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  long long total = argc > 1 ? atoll(argv[1]) : 1LL << 30;
  static char buf[CHUNK];
  int fds[2];
  memset(buf, 'x', sizeof buf);
  if (pipe(fds) < 0) { perror("pipe"); return 1; }
  double t0 = now_s();
  pid_t pid = fork();
  if (pid < 0) { perror("fork"); return 1; }
  if (pid == 0) {
    long long got = 0;
    ssize_t n;
    close(fds[1]);
    while ((n = read(fds[0], buf, CHUNK)) > 0) got += n;
    _exit(got == total ? 0 : 1);
  }
  close(fds[0]);
  for (long long sent = 0; sent < total;) {
    ssize_t n = write(fds[1], buf, CHUNK);
    if (n < 0) { perror("write"); return 1; }
    sent += n;
  }
  close(fds[1]);
  int status;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "pipe: the reader did not get every byte\n");
    return 1;
  }
  double s = now_s() - t0;
  printf("pipe_gbps %.3f\n", total / s / 1e9);
  return 0;
}
