/* Processes from C: system's status words (exit codes, a signal, a missing command's 127),
   popen reading and writing with pclose's status, the wait macros, and stdio flushed before the
   child writes to the same pipe. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static void show(const char *what, int st) {
  printf("%s: raw %#x exited %d status %d signaled %d sig %d\n", what, st, WIFEXITED(st), WIFEXITED(st) ? WEXITSTATUS(st) : -1,
         WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : -1);
  fflush(stdout);
}

int main(void) {
  printf("system(NULL) %d\n", system(NULL) != 0);
  fflush(stdout);
  show("exit 0", system("exit 0"));
  show("exit 3", system("exit 3"));
  show("echo", system("echo from the shell"));
  show("kill TERM", system("kill -TERM $$"));
  show("missing", system("nonexistent-command-xyz 2>/dev/null"));
  printf("buffered before system "); show("after", system("echo child"));
  FILE *p = popen("echo one; echo two; exit 5", "r");
  char line[64]; while (fgets(line, sizeof line, p)) printf("popen read [%.*s]\n", (int)strcspn(line, "\n"), line);
  show("pclose r", pclose(p));
  p = popen("tr a-z A-Z", "w"); fputs("shout this\n", p); fflush(stdout); show("pclose w", pclose(p));
  printf("popen bad mode %d\n", popen("true", "x") == NULL);
  return 0;
}
