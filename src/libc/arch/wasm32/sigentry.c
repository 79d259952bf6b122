/* Signal delivery for a C program on Typix (the contract is in src/include/uapi/wasm_abi.ts):
 * the runtime calls __typix_signal once per frame the kernel hands back after a system call; it
 * calls the handler, a function pointer (an index in the program's table), then returns from the
 * frame with rt_sigreturn(2), which restores the signal mask the delivery saved. */
#include "syscall_arch.h"

#define __TYPIX_SA_SIGINFO 4
#define __TYPIX_NR_rt_sigreturn 15

/* siginfo_t as Linux lays it out (128 bytes; si_signo, si_errno, si_code first). Only si_signo
 * is known here: the kernel's frame carries the signal, handler and flags. */
struct __typix_siginfo {
	int si_signo, si_errno, si_code;
	int __rest[29];
};

__attribute__((export_name("__typix_signal")))
void __typix_signal(int sig, long handler, long flags)
{
	if (flags & __TYPIX_SA_SIGINFO) {
		struct __typix_siginfo si = { sig, 0, 0, { 0 } };
		((void (*)(int, void *, void *))handler)(sig, &si, 0);
	} else {
		((void (*)(int))handler)(sig);
	}
	__syscall0(__TYPIX_NR_rt_sigreturn);
}
