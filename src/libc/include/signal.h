/* Signals (C11 and POSIX <signal.h>): numbers and flags from the kernel (bits/signal.h). */
#ifndef _SIGNAL_H
#define _SIGNAL_H
#include <features.h>
#include <bits/alltypes.h>
#include <bits/signal.h>

typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);
typedef sighandler_t __sighandler_t;
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)
#define NSIG 65
#define _NSIG 65
#define SIGRTMIN 34
#define SIGRTMAX 64
#define SIGIOT SIGABRT
#define SIGPOLL SIGIO
#define SIGUNUSED SIGSYS
#define SA_ONESHOT SA_RESETHAND
#define SA_NOMASK SA_NODEFER
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE -1
#define SI_TIMER -2
#define SI_TKILL -6
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_TRAPPED 4
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

union sigval { int sival_int; void *sival_ptr; };
/* The kernel's layout (x86-64's, 128 bytes): the union starts at offset 16. */
typedef struct {
	int si_signo, si_errno, si_code, __pad0;
	union {
		int __pad[28];
		struct { pid_t si_pid; uid_t si_uid; union sigval si_value; } __kill;
		struct { pid_t __pid; uid_t __uid; int si_status; clock_t si_utime, si_stime; } __chld;
		struct { void *si_addr; } __fault;
	} __si;
} siginfo_t;
#define si_pid __si.__kill.si_pid
#define si_uid __si.__kill.si_uid
#define si_value __si.__kill.si_value
#define si_status __si.__chld.si_status
#define si_addr __si.__fault.si_addr

struct sigaction {
	union { void (*sa_handler)(int); void (*sa_sigaction)(int, siginfo_t *, void *); } __sa_handler;
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};
#define sa_handler __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction

typedef struct { void *ss_sp; int ss_flags; size_t ss_size; } stack_t;

sighandler_t signal(int, sighandler_t);
sighandler_t sysv_signal(int, sighandler_t);
int sigaction(int, const struct sigaction *restrict, struct sigaction *restrict);
int sigprocmask(int, const sigset_t *restrict, sigset_t *restrict);
int sigpending(sigset_t *);
int sigsuspend(const sigset_t *);
int sigwait(const sigset_t *restrict, int *restrict);
int sigwaitinfo(const sigset_t *restrict, siginfo_t *restrict);
int sigtimedwait(const sigset_t *restrict, siginfo_t *restrict, const struct timespec *restrict);
int sigqueue(pid_t, int, union sigval);
int sigemptyset(sigset_t *);
int sigfillset(sigset_t *);
int sigaddset(sigset_t *, int);
int sigdelset(sigset_t *, int);
int sigismember(const sigset_t *, int);
int sigisemptyset(const sigset_t *);
int sigaltstack(const stack_t *restrict, stack_t *restrict);
int siginterrupt(int, int);
int kill(pid_t, int);
int killpg(pid_t, int);
int raise(int);
int tgkill(pid_t, pid_t, int);
void psignal(int, const char *);
void psiginfo(const siginfo_t *, const char *);
int pthread_sigmask(int, const sigset_t *restrict, sigset_t *restrict);
int pthread_kill(pthread_t, int);
#endif
