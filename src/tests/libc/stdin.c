/* Reading stdin from a pipe with every stdio reader mixed (scanf, getchar, ungetc, fgets,
   getline, fread, gets-free), the file position of a pipe, and write errors: /dev/full's ENOSPC
   through fflush and fclose, ferror, and clearerr. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

int main(void) {
  int a = 0; char w[16] = "";
  int n = scanf("%d", &a); printf("scanf %d %d\n", n, a);
  int c = getchar(); printf("getchar %d\n", c);
  printf("ungetc %d\n", ungetc('Q', stdin));
  char line[64]; printf("fgets [%s]", fgets(line, sizeof line, stdin));
  n = scanf("%15s", w); printf("scanf s %d [%s]\n", n, w);
  char *l = NULL; size_t cap = 0; ssize_t k = getline(&l, &cap, stdin); printf("getline %zd [%s]", k, l);
  char blk[8]; size_t got = fread(blk, 1, sizeof blk, stdin); printf("fread %zu [%.*s]\n", got, (int)got, blk);
  errno = 0; long pos = ftell(stdin); printf("ftell pipe %ld errno %d\n", pos, errno);
  errno = 0; int r = fseek(stdin, 0, SEEK_SET); printf("fseek pipe %d errno %d\n", r, errno);
  while ((k = getline(&l, &cap, stdin)) > 0) printf("rest %zd [%.*s]\n", k, (int)k - (l[k - 1] == '\n'), l);
  printf("eof %d error %d getchar %d\n", feof(stdin), ferror(stdin), getchar());
  clearerr(stdin); printf("after clearerr eof %d\n", feof(stdin));
  free(l);
  FILE *f = fopen("/dev/full", "w");
  if (f) {
    int p = fprintf(f, "hello"); printf("fprintf full %d\n", p);
    errno = 0; r = fflush(f); printf("fflush full %d errno %d ferror %d\n", r, errno, ferror(f) != 0);
    clearerr(f); fputs("x", f);
    errno = 0; r = fclose(f); printf("fclose full %d errno %d\n", r, errno);
  }
  f = fopen("/dev/full", "w"); setvbuf(f, NULL, _IONBF, 0);
  errno = 0; { int p = fprintf(f, "abc"); printf("unbuffered full %d errno %d\n", p, errno); } fclose(f);
  errno = 0; r = fputs("x", stdin); printf("fputs stdin %d errno %d ferror %d\n", r, errno, ferror(stdin) != 0);
  return 0;
}
