/* Signals as a program sees them: raise with handlers and SA_SIGINFO, sigaction's old action,
   SA_RESETHAND and SA_NODEFER, sigprocmask and sigpending, blocked signals delivered on unblock,
   sigsuspend, alarm with pause, kill of self, SIG_IGN, strsignal and psignal, then a default
   action ending the program (its status is compared too). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <errno.h>
#include <time.h>

static volatile sig_atomic_t got, depth, maxdepth;
static void h(int s) { got = s; }
/* Only si_signo is compared: a C handler's siginfo in Typix carries no si_code, si_pid or
   si_value yet (the runtime's signal entry gets the signal, handler and flags only). */
static void hinfo(int s, siginfo_t *si, void *uc) { (void)uc; printf("info sig %d signo %d\n", s, si->si_signo); }
static volatile sig_atomic_t calls;
/* raises its own signal once more: with the signal blocked in the handler it runs after it */
static void nested(int s) { depth++; calls++; if (depth > maxdepth) maxdepth = depth; if (calls == 1) raise(s); depth--; }

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  printf("sigaction %d\n", sigaction(SIGUSR1, &sa, &old));
  printf("old default %d\n", old.sa_handler == SIG_DFL);
  { int r = raise(SIGUSR1); printf("raise %d got %d\n", r, got); }
  sigaction(SIGUSR1, NULL, &old); printf("still installed %d\n", old.sa_handler == h);
  sa.sa_flags = SA_RESETHAND; sigaction(SIGUSR2, &sa, NULL); got = 0; raise(SIGUSR2);
  sigaction(SIGUSR2, NULL, &old); printf("resethand got %d now default %d\n", got, old.sa_handler == SIG_DFL);
  sa.sa_flags = SA_SIGINFO; sa.sa_sigaction = hinfo; sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  sa.sa_flags = 0; sa.sa_handler = nested; sigaction(SIGHUP, &sa, NULL); raise(SIGHUP); printf("no nodefer maxdepth %d calls %d\n", maxdepth, calls);
  sa.sa_flags = SA_NODEFER; sigaction(SIGHUP, &sa, NULL); maxdepth = 0; calls = 0; raise(SIGHUP); printf("nodefer maxdepth %d calls %d\n", maxdepth, calls);
  sa.sa_flags = 0; sa.sa_handler = h; sigaction(SIGUSR1, &sa, NULL);
  sigset_t set, oldset, pend;
  sigemptyset(&set); sigaddset(&set, SIGUSR1); sigaddset(&set, SIGTERM);
  printf("sigprocmask %d\n", sigprocmask(SIG_BLOCK, &set, &oldset));
  printf("old mask has USR1 %d\n", sigismember(&oldset, SIGUSR1));
  got = 0; raise(SIGUSR1); printf("blocked got %d\n", got);
  sigpending(&pend); printf("pending USR1 %d TERM %d\n", sigismember(&pend, SIGUSR1), sigismember(&pend, SIGTERM));
  sigprocmask(SIG_UNBLOCK, &set, NULL); printf("after unblock got %d\n", got);
  sigpending(&pend); printf("pending USR1 %d\n", sigismember(&pend, SIGUSR1));
  sigprocmask(SIG_SETMASK, NULL, &oldset); printf("mask empty %d\n", sigismember(&oldset, SIGUSR1) == 0);
  errno = 0; { int r = sigprocmask(99, &set, NULL); printf("sigprocmask bad how %d errno %d\n", r, errno); }
  { sigset_t all; sigfillset(&all); sigprocmask(SIG_BLOCK, &all, NULL); sigprocmask(SIG_SETMASK, NULL, &oldset);
    printf("cannot block KILL %d STOP %d\n", sigismember(&oldset, SIGKILL), sigismember(&oldset, SIGSTOP)); sigemptyset(&all); sigprocmask(SIG_SETMASK, &all, NULL); }
  errno = 0; { int r = sigaction(SIGKILL, &sa, NULL); printf("sigaction KILL %d errno %d\n", r, errno); }
  errno = 0; { int r = sigaction(0, &sa, NULL); printf("sigaction 0 %d errno %d\n", r, errno); }
  errno = 0; { int r = sigaction(65, &sa, NULL); printf("sigaction 65 %d errno %d\n", r, errno); }
  signal(SIGUSR2, SIG_IGN); printf("ignored raise %d\n", raise(SIGUSR2));
  { void (*prev)(int) = signal(SIGUSR2, h); printf("signal returns previous %d\n", prev == SIG_IGN); }
  /* sigsuspend: block USR1, raise it, then wait with a mask that lets it in */
  sigprocmask(SIG_BLOCK, &set, NULL); got = 0; kill(getpid(), SIGUSR1);
  { sigset_t none; sigemptyset(&none); int r = sigsuspend(&none); printf("sigsuspend %d errno %d got %d\n", r, errno, got); }
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  /* sigqueue's value, read back by sigtimedwait (only si_signo reaches a handler's siginfo) */
  sigprocmask(SIG_BLOCK, &set, NULL);
  { union sigval v = { .sival_int = 77 }; printf("sigqueue %d\n", sigqueue(getpid(), SIGUSR1, v));
    siginfo_t si; memset(&si, 0, sizeof si); struct timespec ts = { 0, 0 };
    int r = sigtimedwait(&set, &si, &ts); printf("sigtimedwait %d signo %d code %d value %d pid-ok %d\n", r, si.si_signo, si.si_code, si.si_value.sival_int, si.si_pid == getpid());
    errno = 0; r = sigtimedwait(&set, &si, &ts); printf("sigtimedwait none %d errno %d\n", r, errno);
    kill(getpid(), SIGTERM); r = sigwaitinfo(&set, &si); printf("sigwaitinfo %d code %d uid-ok %d\n", r, si.si_code, si.si_uid == getuid());
    errno = 0; r = sigqueue(999999, SIGUSR1, v); printf("sigqueue no pid %d errno %d\n", r, errno);
    errno = 0; r = sigqueue(getpid(), 99, v); printf("sigqueue bad sig %d errno %d\n", r, errno); }
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  sa.sa_handler = h; sigaction(SIGALRM, &sa, NULL);
  printf("alarm %u\n", alarm(1));
  printf("alarm again %u\n", alarm(1) <= 1);
  got = 0; { int r = pause(); printf("pause %d errno %d got %d\n", r, errno, got); }
  printf("alarm 0 %u\n", alarm(0));
  { const int sigs[] = { SIGINT, SIGSEGV, SIGRTMIN, SIGRTMIN + 3, SIGRTMAX, 0, 65, 99, -1 }; /* strsignal's buffer is shared: one per line */
    for (int i = 0; i < 9; i++) printf("strsignal %d %s\n", sigs[i], strsignal(sigs[i])); }
  for (int i = 1; i < 32; i++) printf("sig %d %s %s\n", i, sigabbrev_np(i), strsignal(i));
  printf("sigabbrev %s %s descr %s\n", sigabbrev_np(SIGTERM), sigabbrev_np(SIGCHLD), sigdescr_np(SIGPIPE));
  psignal(SIGTERM, "psignal"); psignal(SIGTERM, NULL);
  printf("NSIG %d SIGRTMIN %d SIGRTMAX %d\n", NSIG, SIGRTMIN, SIGRTMAX);
  if (argc > 1) { signal(SIGTERM, SIG_DFL); printf("killing with %s\n", argv[1]); raise(atoi(argv[1])); printf("not reached\n"); }
  return 0;
}
