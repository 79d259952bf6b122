/* fork from C as the classic exercises use it: stdio's buffer copied into the child (printed
   twice on a pipe), copied and not shared memory (globals, heap, stack), a tree of forks, exit statuses and deaths by signal, pipes between parent and
   child, fork then exec, inherited signal handlers and atexit handlers, a shared file offset,
   a fork deep in recursion reached through a function pointer, and wait's ECHILD. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ctype.h>
#include <sys/wait.h>

static int global = 1;

static void status(const char *what, int st) {
  if (WIFEXITED(st)) printf("%s: exited %d\n", what, WEXITSTATUS(st));
  else if (WIFSIGNALED(st)) printf("%s: killed by signal %d\n", what, WTERMSIG(st));
  else printf("%s: raw %#x\n", what, st);
}

static void reap(pid_t p, const char *what) {
  int st;
  if (waitpid(p, &st, 0) != p) { perror("waitpid"); exit(1); }
  status(what, st);
  fflush(stdout);
}

static void tree(int level) {
  for (int i = 0; i < 2 && level < 2; i++) {
    pid_t p = fork();
    if (p == 0) { tree(level + 1); printf("level %d branch %d\n", level + 1, i); fflush(stdout); _exit(0); }
    waitpid(p, NULL, 0);
  }
}

static pid_t deep(int n) { return n == 0 ? fork() : deep(n - 1) + 0 * n; }
static pid_t (*volatile through)(int) = deep;

static volatile sig_atomic_t got;
static void on_usr1(int sig) { got = sig; }
static void bye(void) { printf("atexit in %s\n", getenv("WHO") ? getenv("WHO") : "?"); }

int main(void) {
  /* Unflushed output is in both copies. */
  printf("buffered before fork; ");
  pid_t p = fork();
  if (p == 0) { printf("child\n"); exit(0); }
  reap(p, "first child");
  printf("parent\n");
  fflush(stdout);

  /* Copies, not sharing. */
  int local = 10;
  char *heap = malloc(32);
  strcpy(heap, "parent's heap");
  pid_t me = getpid();
  p = fork();
  if (p == 0) {
    global = 2; local = 20; strcpy(heap, "child's heap");
    printf("child sees: global %d local %d heap \"%s\" pid differs %d ppid is parent %d\n",
           global, local, heap, getpid() != me, getppid() == me);
    exit(0);
  }
  reap(p, "copy child");
  printf("parent keeps: global %d local %d heap \"%s\" fork returned the child %d\n", global, local, heap, p > 0 && p != me);
  free(heap);

  /* A tree: each process waits for a child before the next fork, so the order is fixed. */
  tree(0);
  printf("tree done\n");
  fflush(stdout);

  /* How children end. */
  if ((p = fork()) == 0) _exit(7);
  reap(p, "_exit(7)");
  if ((p = fork()) == 0) abort();
  reap(p, "abort()");
  if ((p = fork()) == 0) { kill(getpid(), SIGKILL); for (;;) pause(); }
  reap(p, "SIGKILL");
  if ((p = fork()) == 0) { volatile int *bad = NULL; return *bad; }
  reap(p, "NULL dereference");
  if ((p = fork()) == 0) return 42;
  reap(p, "return 42 from main");

  /* Pipes both ways. */
  int down[2], up[2];
  if (pipe(down) || pipe(up)) { perror("pipe"); return 1; }
  if ((p = fork()) == 0) {
    close(down[1]); close(up[0]);
    char buf[64];
    ssize_t n = read(down[0], buf, sizeof buf);
    for (ssize_t i = 0; i < n; i++) buf[i] = toupper((unsigned char)buf[i]);
    write(up[1], buf, n);
    _exit(0);
  }
  close(down[0]); close(up[1]);
  write(down[1], "through the pipe", 16);
  close(down[1]);
  char back[64] = {0};
  ssize_t got_n = read(up[0], back, sizeof back - 1);
  printf("pipe round trip: %zd \"%s\"\n", got_n, back);
  char more;
  printf("then end of file: %zd\n", read(up[0], &more, 1));
  close(up[0]);
  reap(p, "pipe child");

  /* fork and exec, the shell's way. */
  if ((p = fork()) == 0) { execlp("echo", "echo", "from", "exec", (char *)NULL); perror("execlp"); _exit(127); }
  reap(p, "exec child");
  if ((p = fork()) == 0) { execlp("no-such-program-xyz", "x", (char *)NULL); printf("execlp: %s\n", strerror(errno)); fflush(stdout); _exit(127); }
  reap(p, "failed exec");

  /* Handlers and atexit are inherited. */
  signal(SIGUSR1, on_usr1);
  if ((p = fork()) == 0) { raise(SIGUSR1); printf("child's handler ran for %d\n", (int)got); _exit(0); }
  reap(p, "handler child");
  printf("parent's flag still %d\n", (int)got);

  /* One open file description, one offset. */
  int fd = open("shared.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  if ((p = fork()) == 0) { write(fd, "child;", 6); _exit(0); }
  reap(p, "writer child");
  write(fd, "parent;", 7);
  lseek(fd, 0, SEEK_SET);
  char file[32] = {0};
  read(fd, file, sizeof file - 1);
  printf("file: %s\n", file);
  close(fd);
  unlink("shared.txt");

  /* Deep in the stack, through a pointer. */
  p = through(100);
  if (p == 0) { printf("deep child returned 0\n"); fflush(stdout); _exit(0); }
  reap(p, "deep child");

  /* Nothing left to wait for. */
  errno = 0;
  int w = wait(NULL);
  printf("wait with no children: %d %s\n", w, strerror(errno));

  setenv("WHO", "parent", 1);
  atexit(bye);
  fflush(stdout);
  if ((p = fork()) == 0) { setenv("WHO", "child", 1); exit(0); }
  waitpid(p, NULL, 0);
  return 0;
}
