/* stdio on files: fopen modes, fgets, getline, getdelim, ungetc, fread/fwrite, fseek/ftell/rewind,
   feof/ferror, fflush, freopen-free mixtures, and the values they return. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

static void dump(const char *path) {
  FILE *f = fopen(path, "r");
  int c; printf("[");
  while ((c = fgetc(f)) != EOF) { if (c == '\n') printf("\\n"); else putchar(c); }
  printf("]\n"); fclose(f);
}

int main(void) {
  FILE *f = fopen("a.txt", "w");
  printf("fopen w %d\n", f != NULL);
  printf("fputs %d\n", fputs("line one\nline two\n", f) >= 0);
  printf("fprintf %d\n", fprintf(f, "%s %d\n", "three", 3));
  printf("fputc %d\n", fputc('4', f));
  printf("fwrite %zu\n", fwrite("\nfive\nlast-no-newline", 1, 21, f));
  printf("ftell %ld\n", ftell(f));
  printf("fclose %d\n", fclose(f));
  dump("a.txt");

  f = fopen("a.txt", "r");
  char buf[64];
  while (fgets(buf, sizeof buf, f)) { size_t n = strlen(buf); printf("fgets [%.*s] len %zu\n", (int)strcspn(buf, "\n"), buf, n); }
  printf("feof %d ferror %d\n", feof(f) != 0, ferror(f) != 0);
  rewind(f);
  printf("after rewind feof %d ftell %ld\n", feof(f) != 0, ftell(f));
  printf("fgets small [%s]\n", fgets(buf, 5, f));
  printf("fgets rest [%s]", fgets(buf, sizeof buf, f));
  { int r = fgets(buf, 1, f) != NULL; printf("fgets size1 %d [%s]\n", r, buf); }
  { int a = fgetc(f); int b = ungetc('Z', f); int c = fgetc(f); printf("fgetc %c ungetc %c fgetc %c\n", a, b, c); }
  printf("ftell %ld\n", ftell(f));
  printf("ungetc EOF %d\n", ungetc(EOF, f));
  { int r = fseek(f, 5, SEEK_SET); printf("fseek set %d ftell %ld\n", r, ftell(f)); }
  printf("fgetc %c\n", fgetc(f));
  { int r = fseek(f, 2, SEEK_CUR); printf("fseek cur %d ftell %ld\n", r, ftell(f)); }
  printf("fgetc %c\n", fgetc(f));
  { int r = fseek(f, -4, SEEK_END); printf("fseek end %d ftell %ld\n", r, ftell(f)); }
  printf("fgets [%s]\n", fgets(buf, sizeof buf, f));
  { int c = fgetc(f); printf("fgetc at end %d feof %d\n", c, feof(f) != 0); }
  { errno = 0; int r = fseek(f, -100, SEEK_SET); printf("fseek neg %d errno %d\n", r, errno); }
  { int r = fseek(f, 1000, SEEK_SET); long t = ftell(f); int c = fgetc(f); printf("fseek past %d ftell %ld fgetc %d\n", r, t, c); }
  clearerr(f); printf("clearerr feof %d\n", feof(f) != 0);
  fseek(f, 0, SEEK_SET);
  { char *line = NULL; size_t cap = 0; ssize_t n;
    while ((n = getline(&line, &cap, f)) != -1) printf("getline %zd [%.*s]\n", n, (int)n, line);
    printf("getline end %zd feof %d\n", n, feof(f) != 0);
    rewind(f);
    while ((n = getdelim(&line, &cap, ' ', f)) != -1) printf("getdelim %zd [%.*s]\n", n, (int)n, line);
    free(line); }
  rewind(f);
  { char blk[8]; size_t n; int k = 0;
    while ((n = fread(blk, 3, 2, f)) > 0) printf("fread%d %zu [%.*s]\n", k++, n, (int)(n * 3), blk);
    printf("fread end feof %d\n", feof(f) != 0); }
  { size_t n = fwrite("x", 1, 1, f); printf("fwrite on r %zu ferror %d\n", n, ferror(f) != 0); }
  fclose(f);

  f = fopen("a.txt", "a+");
  printf("a+ ftell %ld\n", ftell(f));
  fputs("\nappended", f);
  fseek(f, 0, SEEK_SET);
  printf("a+ read [%s]\n", fgets(buf, sizeof buf, f));
  fseek(f, 0, SEEK_SET); fputs("!", f); fclose(f);
  dump("a.txt");

  f = fopen("b.bin", "w+");
  for (int i = 0; i < 100; i++) fwrite(&i, sizeof i, 1, f);
  printf("w+ ftell %ld\n", ftell(f));
  fseek(f, 40 * sizeof(int), SEEK_SET);
  { int v = -1; fread(&v, sizeof v, 1, f); printf("w+ v %d ftell %ld\n", v, ftell(f)); }
  fseek(f, 0, SEEK_CUR); fwrite("\xff\xff\xff\xff", 4, 1, f); fflush(f);
  fseek(f, 41 * sizeof(int), SEEK_SET);
  { int v = 0; fread(&v, sizeof v, 1, f); printf("w+ overwritten %d\n", v); }
  fclose(f);
  f = fopen("b.bin", "r+");
  fseek(f, 0, SEEK_END); printf("size %ld\n", ftell(f));
  fclose(f);

  f = fopen("a.txt", "r"); printf("fileno>2 %d\n", fileno(f) > 2);
  { int fd = fileno(f); char c; fgetc(f); printf("lseek after fgetc %ld\n", (long)lseek(fd, 0, SEEK_CUR)); (void)c; }
  fclose(f);
  errno = 0; f = fopen("missing/x", "r"); printf("fopen missing %d errno %d %s\n", f == NULL, errno, strerror(errno));
  errno = 0; f = fopen("a.txt", "q"); printf("fopen bad mode %d errno %d\n", f == NULL, errno);
  f = fopen("a.txt", "rx"); printf("fopen rx %d\n", f != NULL); if (f) fclose(f);
  f = fopen("c.txt", "wx"); printf("fopen wx new %d\n", f != NULL); if (f) fclose(f);
  errno = 0; f = fopen("c.txt", "wx"); printf("fopen wx exists %d errno %d\n", f == NULL, errno);
  f = fdopen(dup(1), "w"); fprintf(f, "via fdopen\n"); fclose(f);
  { FILE *m = fmemopen(buf, sizeof buf, "w"); if (m) { fprintf(m, "mem %d", 5); fclose(m); printf("fmemopen [%s]\n", buf); } }
  { char *p = 0; size_t sz = 0; FILE *m = open_memstream(&p, &sz); fprintf(m, "ms %s", "ok"); fclose(m); printf("memstream [%s] %zu\n", p, sz); free(p); }
  f = tmpfile(); fputs("tmp", f); rewind(f); printf("tmpfile [%s]\n", fgets(buf, sizeof buf, f)); fclose(f);
  printf("remove %d\n", remove("c.txt"));
  printf("rename %d\n", rename("a.txt", "d.txt"));
  { errno = 0; int r = remove("c.txt"); printf("remove missing %d errno %d\n", r, errno); }
  puts("done");
  return 0;
}
