/* assert's message and SIGABRT (status 134), abort() with and without a SIGABRT handler (the
   handler runs, then the program still dies), NDEBUG, exit's atexit handlers in reverse order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <assert.h>

static void handler(int s) { printf("handler %d\n", s); fflush(stdout); }
static void bye1(void) { printf("atexit 1\n"); }
static void bye2(void) { printf("atexit 2\n"); }

static int check(int x) { assert(x > 0 && "x must be positive"); return x; }

int main(int argc, char **argv) {
  const char *what = argc > 1 ? argv[1] : "";
  printf("start %s\n", what); fflush(stdout);
  if (!strcmp(what, "assert")) { check(1); check(-1); }
  if (!strcmp(what, "abort")) abort();
  if (!strcmp(what, "handled")) { signal(SIGABRT, handler); abort(); }
  if (!strcmp(what, "ignored")) { signal(SIGABRT, SIG_IGN); abort(); }
  if (!strcmp(what, "blocked")) { sigset_t s; sigemptyset(&s); sigaddset(&s, SIGABRT); sigprocmask(SIG_BLOCK, &s, NULL); abort(); }
  if (!strcmp(what, "atexit")) { atexit(bye1); atexit(bye2); printf("exiting\n"); exit(3); }
  if (!strcmp(what, "_Exit")) { atexit(bye1); printf("buffered"); _Exit(4); }
  printf("end\n");
  return 0;
}
