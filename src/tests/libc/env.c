/* The environment (getenv, setenv, unsetenv, putenv, clearenv and their errors), realpath,
   mkstemp/mkdtemp, on a directory tree the program makes in its working directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
#include <limits.h>

extern char **environ;
static void get(const char *n) { const char *v = getenv(n); printf("getenv %s = %s%s%s\n", n, v ? "[" : "", v ? v : "(null)", v ? "]" : ""); }
static int base;
/* how many variables beyond those the program started with (the two sides start with different ones) */
static void count(void) {
  if (!environ) { printf("environ NULL\n"); return; }
  int n = 0; for (char **e = environ; *e; e++) n++; printf("environ has %d more\n", n - base);
}

int main(void) {
  for (char **e = environ; *e; e++) base++;
  get("TZ"); get("LANG"); get("NOPE"); get(""); get("TZ=");
  count();
  printf("setenv %d\n", setenv("A", "1", 0)); get("A");
  printf("setenv no-overwrite %d\n", setenv("A", "2", 0)); get("A");
  printf("setenv overwrite %d\n", setenv("A", "3", 1)); get("A");
  printf("setenv empty value %d\n", setenv("B", "", 1)); get("B");
  { errno = 0; int r_ = setenv("C=D", "x", 1); printf("setenv bad name %d errno %d\n", r_, errno); }
  { errno = 0; int r_ = setenv("", "x", 1); printf("setenv empty name %d errno %d\n", r_, errno); }
  { errno = 0; int r_ = setenv(NULL, "x", 1); printf("setenv NULL name %d errno %d\n", r_, errno); }
  count();
  static char pe[] = "P=first"; printf("putenv %d\n", putenv(pe)); get("P");
  pe[2] = 'F'; get("P"); /* putenv keeps the caller's string */
  static char pe2[] = "P"; printf("putenv without = %d\n", putenv(pe2)); get("P");
  printf("unsetenv %d\n", unsetenv("A")); get("A");
  printf("unsetenv missing %d\n", unsetenv("ZZZ"));
  { errno = 0; int r_ = unsetenv("A=B"); printf("unsetenv bad %d errno %d\n", r_, errno); }
  { errno = 0; int r_ = unsetenv(""); printf("unsetenv empty %d errno %d\n", r_, errno); }
  count();
  printf("clearenv %d\n", clearenv()); base = 0; count(); get("TZ");
  setenv("X", "y", 1); count(); get("X");

  mkdir("d", 0755); mkdir("d/sub", 0755);
  FILE *f = fopen("d/sub/file", "w"); fclose(f);
  symlink("sub", "d/link"); symlink("../missing", "d/dangling"); symlink("loop2", "d/loop1"); symlink("loop1", "d/loop2");
  char cwd[PATH_MAX], buf[PATH_MAX]; getcwd(cwd, sizeof cwd);
  const char *paths[] = { ".", "d", "d/sub/../sub/./file", "d/link/file", "d//sub///", "d/link/..", "/", "/..", "d/missing",
    "d/dangling", "d/loop1", "d/sub/file/x", "", "d/sub/file/" };
  for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
    errno = 0; char *r = realpath(paths[i], buf);
    if (r && strncmp(r, cwd, strlen(cwd)) == 0) printf("realpath [%s] = CWD%s\n", paths[i], r + strlen(cwd));
    else printf("realpath [%s] = %s errno %d\n", paths[i], r ? r : "(null)", errno);
  }
  { char *r = realpath("d/sub", NULL); printf("realpath alloc %s\n", r ? r + strlen(cwd) : "(null)"); free(r); }
  { errno = 0; int r_ = realpath(NULL, buf) == NULL; printf("realpath NULL %d errno %d\n", r_, errno); }

  char t1[] = "tmpXXXXXX"; int fd = mkstemp(t1);
  struct stat st; fstat(fd, &st);
  printf("mkstemp fd>2 %d name len %zu prefix %d changed %d mode %o size %ld\n", fd > 2, strlen(t1), strncmp(t1, "tmp", 3) == 0, strcmp(t1 + 3, "XXXXXX") != 0, st.st_mode & 07777, (long)st.st_size);
  printf("write %zd\n", write(fd, "abc", 3)); close(fd);
  printf("exists %d\n", access(t1, F_OK) == 0); unlink(t1);
  char t2[] = "badXXXX"; { errno = 0; int r_ = mkstemp(t2); printf("mkstemp few X %d errno %d [%s]\n", r_, errno, t2); }
  char t3[] = "nodir/XXXXXX"; { errno = 0; int r_ = mkstemp(t3); printf("mkstemp no dir %d errno %d\n", r_, errno); }
  char t4[] = "dirXXXXXX"; char *dd = mkdtemp(t4); stat(t4, &st);
  printf("mkdtemp %d isdir %d mode %o\n", dd == t4, S_ISDIR(st.st_mode), st.st_mode & 07777); rmdir(t4);
  umask(077); char t5[] = "umXXXXXX"; fd = mkstemp(t5); fstat(fd, &st); printf("mkstemp umask 077 mode %o\n", st.st_mode & 07777); close(fd); unlink(t5);
  return 0;
}
