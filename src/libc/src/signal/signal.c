/* Signals: sigaction through rt_sigaction (the kernel's struct, with glibc's SA_RESTORER and
 * restorer), BSD-style signal(), masks, sets, sending and waiting. Handlers run when the
 * runtime calls __typix_signal (arch/wasm32/sigentry.c) after a system call. */
#include <signal.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "libc.h"
#include "kstructs.h"

/* The restorer glibc names in every sigaction; on Typix the signal entry returns through
 * rt_sigreturn itself, so it is only a mark the kernel keeps and strace prints. */
static void __restore_rt(void) { __syscall0(__NR_rt_sigreturn); }

static unsigned long long mask64(const sigset_t *s) { return (unsigned long long)s->__bits[0] | (unsigned long long)s->__bits[1] << 32; }
static void set64(sigset_t *s, unsigned long long m) { s->__bits[0] = (unsigned long)m; s->__bits[1] = (unsigned long)(m >> 32); }

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
	struct __kernel_sigaction k, o;
	if (act) {
		k.handler = (unsigned long)act->sa_handler;
		k.flags = (unsigned)act->sa_flags | SA_RESTORER;
		k.restorer = (unsigned long)__restore_rt;
		k.mask = mask64(&act->sa_mask);
	}
	if (__sys4(__NR_rt_sigaction, sig, act ? &k : 0, old ? &o : 0, 8) < 0) return -1;
	if (old) {
		old->sa_handler = (void (*)(int))(unsigned long)o.handler;
		old->sa_flags = (int)(unsigned)o.flags;
		old->sa_restorer = (void (*)(void))(unsigned long)o.restorer;
		set64(&old->sa_mask, o.mask);
	}
	return 0;
}

sighandler_t signal(int sig, sighandler_t h)
{
	struct sigaction a, old;
	memset(&a, 0, sizeof a);
	a.sa_handler = h;
	a.sa_flags = SA_RESTART;
	if (sig > 0 && sig < 65) sigaddset(&a.sa_mask, sig);
	if (sigaction(sig, &a, &old) < 0) return SIG_ERR;
	return old.sa_handler;
}
sighandler_t sysv_signal(int sig, sighandler_t h)
{
	struct sigaction a, old;
	memset(&a, 0, sizeof a);
	a.sa_handler = h;
	a.sa_flags = SA_RESETHAND | SA_NODEFER;
	if (sigaction(sig, &a, &old) < 0) return SIG_ERR;
	return old.sa_handler;
}
int siginterrupt(int sig, int flag)
{
	struct sigaction a;
	if (sigaction(sig, 0, &a) < 0) return -1;
	if (flag) a.sa_flags &= ~SA_RESTART;
	else a.sa_flags |= SA_RESTART;
	return sigaction(sig, &a, 0);
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	unsigned long long k, o;
	if (set) k = mask64(set);
	if (__sys4(__NR_rt_sigprocmask, how, set ? &k : 0, old ? &o : 0, 8) < 0) return -1;
	if (old) set64(old, o);
	return 0;
}
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	int e = errno;
	int r = sigprocmask(how, set, old) < 0 ? errno : 0;
	errno = e;
	return r;
}
int sigpending(sigset_t *s) { unsigned long long k; if (__sys2(__NR_rt_sigpending, &k, 8) < 0) return -1; set64(s, k); return 0; }
int sigsuspend(const sigset_t *s) { unsigned long long k = mask64(s); return (int)__sys2(__NR_rt_sigsuspend, &k, 8); }

int sigtimedwait(const sigset_t *restrict s, siginfo_t *restrict info, const struct timespec *restrict t)
{
	unsigned long long k = mask64(s);
	struct __kernel_timespec kt;
	if (t) kt = __ts_to_kernel(t);
	return (int)__sys4(__NR_rt_sigtimedwait, &k, info, t ? &kt : 0, 8);
}
int sigwaitinfo(const sigset_t *restrict s, siginfo_t *restrict info) { return sigtimedwait(s, info, 0); }
int sigwait(const sigset_t *restrict s, int *restrict sig)
{
	int r;
	do r = sigtimedwait(s, 0, 0); while (r < 0 && errno == EINTR);
	if (r < 0) return errno;
	*sig = r;
	return 0;
}
int sigqueue(pid_t pid, int sig, union sigval v)
{
	siginfo_t si;
	memset(&si, 0, sizeof si);
	si.si_signo = sig;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	si.si_value = v;
	return (int)__sys3(__NR_rt_sigqueueinfo, pid, sig, &si);
}

static int valid(int sig) { if (sig < 1 || sig > 64) { errno = EINVAL; return 0; } return 1; }
int sigemptyset(sigset_t *s) { s->__bits[0] = s->__bits[1] = 0; return 0; }
int sigfillset(sigset_t *s) { s->__bits[0] = s->__bits[1] = ~0UL; return 0; }
int sigaddset(sigset_t *s, int sig) { if (!valid(sig)) return -1; s->__bits[(sig - 1) / 32] |= 1UL << ((sig - 1) % 32); return 0; }
int sigdelset(sigset_t *s, int sig) { if (!valid(sig)) return -1; s->__bits[(sig - 1) / 32] &= ~(1UL << ((sig - 1) % 32)); return 0; }
int sigismember(const sigset_t *s, int sig) { if (!valid(sig)) return -1; return !!(s->__bits[(sig - 1) / 32] & (1UL << ((sig - 1) % 32))); }
int sigisemptyset(const sigset_t *s) { return !s->__bits[0] && !s->__bits[1]; }

int kill(pid_t pid, int sig) { return (int)__sys2(__NR_kill, pid, sig); }
int killpg(pid_t pg, int sig) { if (pg < 0) { errno = EINVAL; return -1; } return kill(-pg, sig); }
int tgkill(pid_t tg, pid_t t, int sig) { return (int)__sys3(__NR_tgkill, tg, t, sig); }
int raise(int sig) { return tgkill(getpid(), gettid(), sig); }


struct __kernel_stack { unsigned long long ss_sp; int ss_flags, __pad; unsigned long long ss_size; };
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
	struct __kernel_stack k, o;
	if (ss) { k.ss_sp = (unsigned long)ss->ss_sp; k.ss_flags = ss->ss_flags; k.__pad = 0; k.ss_size = ss->ss_size; }
	if (__sys2(__NR_sigaltstack, ss ? &k : 0, old ? &o : 0) < 0) return -1;
	if (old) { old->ss_sp = (void *)(unsigned long)o.ss_sp; old->ss_flags = o.ss_flags; old->ss_size = (size_t)o.ss_size; }
	return 0;
}

void psiginfo(const siginfo_t *si, const char *s) { psignal(si->si_signo, s); }
