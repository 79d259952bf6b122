/* stdio's buffering as a user sees it: stdout is line-buffered on a terminal, fully buffered on a
   pipe or file, so printf and write(2) mixed come out in an order that depends on where stdout
   goes; stderr is unbuffered; setvbuf changes it; exit flushes, _exit does not. The program
   writes to a pipe and to a file and prints what each received. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

static void mixture(void) {
  printf("p1\n"); write(1, "w1\n", 3); printf("p2 no newline "); write(1, "w2\n", 3);
  fputs("p3\n", stdout); fflush(stdout); write(1, "w3\n", 3); printf("p4\n");
}

static void show(const char *what, int fd) {
  char buf[512]; ssize_t n, t = 0;
  while ((n = read(fd, buf + t, sizeof buf - 1 - t)) > 0) t += n;
  buf[t] = 0;
  for (char *p = buf; *p; p++) if (*p == '\n') *p = '|';
  printf("%s: %s\n", what, buf);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "exit") == 0) { printf("flushed by exit"); exit(0); }
  if (argc > 1 && strcmp(argv[1], "_exit") == 0) { printf("lost by _exit"); write(1, "w\n", 2); _exit(0); }
  if (argc > 1 && strcmp(argv[1], "return") == 0) { printf("flushed by return"); return 3; }
  if (argc > 1 && strcmp(argv[1], "stderr") == 0) {
    printf("out1 "); fprintf(stderr, "err1 "); write(2, "w2 ", 3); fputs("err2\n", stderr); printf("out2\n"); return 0;
  }
  int saved = dup(1);
  int p[2]; pipe(p);
  dup2(p[1], 1); close(p[1]);
  mixture(); fflush(stdout);
  dup2(saved, 1); close(saved);
  /* stdout stayed the same FILE: its mode was chosen on its first output (a pipe: full) */
  fflush(stdout);
  show("pipe", p[0]); close(p[0]);

  int fd = open("out.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  FILE *f = fdopen(fd, "w");
  fprintf(f, "f1\n"); write(fd, "w1\n", 3); fprintf(f, "f2\n"); fflush(f); write(fd, "w2\n", 3);
  setvbuf(f, NULL, _IONBF, 0); fprintf(f, "f3\n"); write(fd, "w3\n", 3);
  fflush(f);
  int rd = open("out.txt", O_RDONLY); show("file", rd); close(rd);
  fclose(f);

  fd = open("lb.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  f = fdopen(fd, "w");
  static char lbuf[64]; setvbuf(f, lbuf, _IOLBF, sizeof lbuf);
  fprintf(f, "l1\n"); write(fd, "w1\n", 3); fprintf(f, "l2 "); write(fd, "w2\n", 3); fprintf(f, "l3\n");
  rd = open("lb.txt", O_RDONLY); show("line", rd); close(rd);
  fclose(f);

  fd = open("fb.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  f = fdopen(fd, "w");
  static char fbuf[8]; setvbuf(f, fbuf, _IOFBF, sizeof fbuf);
  fprintf(f, "abc"); write(fd, "1", 1); fprintf(f, "defghij"); write(fd, "2", 1); fprintf(f, "k"); write(fd, "3", 1);
  rd = open("fb.txt", O_RDONLY); show("full8", rd); close(rd);
  fclose(f);
  rd = open("fb.txt", O_RDONLY); show("full8 closed", rd); close(rd);
  /* line-buffered: a write with a newline in the middle sends up to the newline */
  fd = open("lb2.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  f = fdopen(fd, "w"); setvbuf(f, NULL, _IOLBF, 256);
  fputs("a\nb", f); write(fd, "W", 1); fputs("c\nd\ne", f); write(fd, "X", 1); putc('\n', f); write(fd, "Y", 1);
  rd = open("lb2.txt", O_RDONLY); show("line2", rd); close(rd);
  fclose(f);
  /* more than the buffer holds, on a fresh and on a used stream: whole buffers go out directly */
  fd = open("big.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  f = fdopen(fd, "w"); setvbuf(f, NULL, _IOFBF, 256);
  { static char big[700]; memset(big, '.', sizeof big);
    fwrite(big, 1, 600, f); write(fd, "A", 1); fwrite(big, 1, 100, f); write(fd, "B", 1);
    fwrite(big, 1, 700, f); write(fd, "C", 1); fflush(f); fseek(f, 0, SEEK_END); fwrite(big, 1, 300, f); write(fd, "D", 1); fclose(f); }
  rd = open("big.txt", O_RDONLY);
  { char buf[4096]; ssize_t n, t = 0; while ((n = read(rd, buf + t, sizeof buf - t)) > 0) t += n;
    printf("big:"); for (ssize_t i = 0; i < t; i++) if (buf[i] != '.') printf(" %c@%zd", buf[i], i); printf(" size %zd\n", t); }
  close(rd);
  /* an unbuffered stream: one printf is one write, seen as one read from a pipe in packet mode */
  { int q[2]; pipe2(q, O_DIRECT); FILE *u = fdopen(q[1], "w"); setvbuf(u, NULL, _IONBF, 0);
    fprintf(u, "a%db%sc%5.1fd", 1, "str", 2.5); fputs("puts", u); fclose(u);
    char b[64]; ssize_t n; printf("unbuffered reads:"); while ((n = read(q[0], b, sizeof b)) > 0) printf(" [%.*s]", (int)n, b); printf("\n"); close(q[0]); }
  printf("BUFSIZ %d\n", BUFSIZ);
  return 0;
}
