/* unistd, fcntl, sys/stat and dirent on a tree the program makes in its working directory:
   open's flags and errors, read/write/lseek/pread/pwrite, dup/dup2/fcntl, stat's deterministic
   fields, links, chmod/umask, rename/unlink/rmdir errors, readdir (sorted), getcwd/chdir. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/types.h>

#define TRY(what, call) do { errno = 0; long r_ = (long)(call); int e_ = errno; printf("%s = %ld", what, r_); if (r_ < 0) printf(" %s", strerrorname_np(e_)); printf("\n"); } while (0)

static void st(const char *p, int follow) {
  struct stat s; errno = 0;
  int r = follow ? stat(p, &s) : lstat(p, &s);
  if (r < 0) { printf("stat %s: %s\n", p, strerrorname_np(errno)); return; }
  const char *type = S_ISREG(s.st_mode) ? "reg" : S_ISDIR(s.st_mode) ? "dir" : S_ISLNK(s.st_mode) ? "lnk" : S_ISFIFO(s.st_mode) ? "fifo" : "other";
  printf("stat %s: %s mode %04o nlink %ld size %ld\n", p, type, s.st_mode & 07777, (long)s.st_nlink, S_ISDIR(s.st_mode) ? -1L : (long)s.st_size);
}
static int cmp(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }
static void list(const char *d) {
  DIR *dir = opendir(d); if (!dir) { printf("opendir %s: %s\n", d, strerrorname_np(errno)); return; }
  char *names[64]; int n = 0; struct dirent *e;
  while ((e = readdir(dir)) && n < 64) {
    const char *t = e->d_type == DT_DIR ? "d" : e->d_type == DT_REG ? "f" : e->d_type == DT_LNK ? "l" : e->d_type == DT_FIFO ? "p" : "?";
    char *s = malloc(300); snprintf(s, 300, "%s:%s", e->d_name, t); names[n++] = s;
  }
  closedir(dir);
  qsort(names, n, sizeof *names, cmp);
  printf("readdir %s:", d); for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); } printf("\n");
}

int main(void) {
  umask(022);
  TRY("mkdir t", mkdir("t", 0755));
  TRY("mkdir t again", mkdir("t", 0755));
  TRY("mkdir t/a/b", mkdir("t/a/b", 0755));
  TRY("chdir t", chdir("t"));
  { char buf[4096]; char *c = getcwd(buf, sizeof buf); printf("getcwd ends with /t: %d\n", c && strcmp(c + strlen(c) - 2, "/t") == 0);
    errno = 0; c = getcwd(buf, 2); printf("getcwd small %d %s\n", c == NULL, strerrorname_np(errno)); }
  int fd = open("f", O_WRONLY | O_CREAT | O_EXCL, 0666);
  printf("open creat fd>2 %d\n", fd > 2);
  TRY("open excl again", open("f", O_WRONLY | O_CREAT | O_EXCL, 0666));
  TRY("write", write(fd, "hello world\n", 12));
  TRY("lseek cur", lseek(fd, 0, SEEK_CUR));
  TRY("lseek set 6", lseek(fd, 6, SEEK_SET));
  TRY("write", write(fd, "WORLD", 5));
  TRY("lseek end +4", lseek(fd, 4, SEEK_END));
  TRY("write hole", write(fd, "!", 1));
  TRY("lseek bad whence", lseek(fd, 0, 7));
  TRY("lseek negative", lseek(fd, -100, SEEK_SET));
  TRY("read on O_WRONLY", read(fd, (char[4]){0}, 4));
  TRY("pwrite", pwrite(fd, "J", 1, 0));
  TRY("fsync", fsync(fd));
  TRY("ftruncate 20", ftruncate(fd, 20));
  TRY("close", close(fd));
  TRY("close again", close(fd));
  st("f", 1);
  fd = open("f", O_RDONLY);
  { char b[32] = ""; long n = read(fd, b, sizeof b); printf("read %ld:", n); for (long i = 0; i < n; i++) printf(" %02x", (unsigned char)b[i]); printf("\n");
    n = read(fd, b, sizeof b); printf("read at end %ld\n", n);
    n = pread(fd, b, 5, 6); printf("pread %ld [%.5s]\n", n, b); }
  TRY("write on O_RDONLY", write(fd, "x", 1));
  int d2 = dup(fd); printf("dup > fd %d\n", d2 > fd);
  TRY("dup2 to 10", dup2(fd, 10));
  TRY("dup2 same", dup2(10, 10));
  TRY("dup2 bad", dup2(99, 11));
  TRY("fcntl GETFD", fcntl(10, F_GETFD));
  TRY("fcntl SETFD", fcntl(10, F_SETFD, FD_CLOEXEC));
  TRY("fcntl GETFD", fcntl(10, F_GETFD));
  TRY("fcntl GETFL accmode", fcntl(fd, F_GETFL) & O_ACCMODE);
  TRY("fcntl DUPFD 20", fcntl(fd, F_DUPFD, 20));
  TRY("fcntl DUPFD_CLOEXEC 20", fcntl(fd, F_DUPFD_CLOEXEC, 20));
  TRY("fcntl bad fd", fcntl(77, F_GETFD));
  close(d2); close(10); close(20); close(21); close(fd);
  TRY("open missing", open("missing", O_RDONLY));
  TRY("open dir for write", open("a", O_WRONLY));
  TRY("open file as dir", open("f/x", O_RDONLY));
  TRY("open O_DIRECTORY on file", open("f", O_RDONLY | O_DIRECTORY));
  TRY("open trailing slash", open("f/", O_RDONLY));
  TRY("open creat trailing slash", open("new/", O_WRONLY | O_CREAT, 0644));
  fd = open("g", O_WRONLY | O_CREAT | O_TRUNC, 0777); close(fd); st("g", 1);
  TRY("chmod 0640", chmod("g", 0640)); st("g", 1);
  TRY("chmod 4755", chmod("g", 04755)); st("g", 1);
  umask(0); fd = open("h", O_WRONLY | O_CREAT, 0666); close(fd); st("h", 1); umask(022);
  TRY("link", link("f", "f2")); st("f", 1);
  TRY("link exists", link("f", "f2"));
  TRY("symlink", symlink("f", "sl")); st("sl", 0); st("sl", 1);
  { char b[64]; long n = readlink("sl", b, sizeof b); printf("readlink %ld [%.*s]\n", n, (int)(n > 0 ? n : 0), b); }
  TRY("readlink not link", readlink("f", (char[8]){0}, 8));
  TRY("symlink dangling", symlink("nowhere", "dl")); st("dl", 1); st("dl", 0);
  TRY("mkfifo", mkfifo("fifo", 0600)); st("fifo", 0);
  TRY("access f R_OK", access("f", R_OK));
  TRY("access missing", access("missing", F_OK));
  TRY("rename f2 a/f3", rename("f2", "a/f3"));
  TRY("rename missing", rename("missing", "x"));
  TRY("rename dir into itself", rename("a", "a/b/c"));
  TRY("rename file over dir", rename("g", "a"));
  TRY("rename dir over file", rename("a", "g"));
  TRY("unlink dir", unlink("a"));
  TRY("rmdir nonempty", rmdir("a"));
  TRY("rmdir file", rmdir("f"));
  TRY("rmdir .", rmdir("."));
  TRY("rmdir missing", rmdir("missing"));
  TRY("truncate", truncate("h", 3)); st("h", 1);
  list("."); list("a"); list("missing"); list("f");
  TRY("unlink sl", unlink("sl"));
  TRY("unlink missing", unlink("sl"));
  TRY("chdir file", chdir("f"));
  TRY("chdir ..", chdir(".."));
  { int p[2]; pipe(p); TRY("lseek pipe", lseek(p[0], 0, SEEK_CUR)); TRY("write pipe", write(p[1], "ab", 2));
    char b[4]; TRY("read pipe", read(p[0], b, 4)); close(p[1]); TRY("read pipe eof", read(p[0], b, 4)); close(p[0]); }
  TRY("isatty file", isatty(open("t/f", O_RDONLY)));
  return 0;
}
