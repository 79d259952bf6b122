/* abort(): SIGABRT, unblocked; if a handler returns, again at the default action; then a trap. */
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include "libc.h"
#include "kstructs.h"

_Noreturn void abort(void)
{
	unsigned long long set = 1ULL << (SIGABRT - 1);
	int tid = (int)__syscall0(__NR_gettid), pid = (int)__syscall0(__NR_getpid);
	__syscall4(__NR_rt_sigprocmask, SIG_UNBLOCK, (long)&set, 0, 8);
	__syscall3(__NR_tgkill, pid, tid, SIGABRT);
	struct __kernel_sigaction dfl;
	memset(&dfl, 0, sizeof dfl);
	__syscall4(__NR_rt_sigaction, SIGABRT, (long)&dfl, 0, 8);
	__syscall3(__NR_tgkill, pid, tid, SIGABRT);
	__builtin_trap();
}
