/* setjmp/longjmp and sigsetjmp/siglongjmp: the value returned (0 becomes 1), jumps out of nested
   calls and out of a signal handler, the signal mask restored by siglongjmp(savemask=1) and
   kept otherwise, and locals declared volatile keeping their values. */
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>

static jmp_buf jb;
static sigjmp_buf sjb;
static int depth;
static void deep(int n) { depth = n; if (n == 0) longjmp(jb, 42); deep(n - 1); printf("not reached\n"); }
static void zero(void) { longjmp(jb, 0); }
static void onusr1(int s) { (void)s; siglongjmp(sjb, 7); }
static int blocked(int sig) { sigset_t m; sigprocmask(SIG_SETMASK, NULL, &m); return sigismember(&m, sig); }

int main(void) {
  volatile int count = 0;
  int r = setjmp(jb);
  printf("setjmp %d count %d\n", r, count);
  if (count++ < 3) longjmp(jb, count * 10);
  if ((r = setjmp(jb)) == 0) deep(50);
  printf("deep %d depth %d\n", r, depth);
  if ((r = setjmp(jb)) == 0) zero();
  printf("zero becomes %d\n", r);
  struct sigaction sa; memset(&sa, 0, sizeof sa); sa.sa_handler = onusr1; sigaction(SIGUSR1, &sa, NULL);
  if ((r = sigsetjmp(sjb, 1)) == 0) { raise(SIGUSR1); printf("not reached\n"); }
  printf("sigsetjmp(1) %d USR1 blocked after %d\n", r, blocked(SIGUSR1));
  if ((r = sigsetjmp(sjb, 0)) == 0) { raise(SIGUSR1); printf("not reached\n"); }
  printf("sigsetjmp(0) %d USR1 blocked after %d\n", r, blocked(SIGUSR1));
  sigset_t m; sigemptyset(&m); sigprocmask(SIG_SETMASK, &m, NULL);
  sigaddset(&m, SIGUSR2);
  if ((r = sigsetjmp(sjb, 1)) == 0) { sigprocmask(SIG_BLOCK, &m, NULL); printf("USR2 blocked %d\n", blocked(SIGUSR2)); siglongjmp(sjb, 3); }
  printf("restored: USR2 blocked %d (r %d)\n", blocked(SIGUSR2), r);
  if ((r = _setjmp(jb)) == 0) _longjmp(jb, 5);
  printf("_setjmp %d\n", r);
  for (volatile int i = 0; i < 1000; i++) if (setjmp(jb) == 0) longjmp(jb, 1);
  printf("1000 jumps ok\n");
  return 0;
}
