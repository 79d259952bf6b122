/* fork on Typix (include/uapi/wasm_abi.ts, "fork"): the program is copied as it stands at this
 * call. The call goes to the import typix.fork, which the guard step turns into the trap after
 * applying Asyncify to the program: the runtime unwinds the WebAssembly stack into buf (this
 * frame, so it is in the copied memory and stays put while unwound), makes fork(2), and both
 * the parent and the child rewind through here, the child getting 0. Only a program that links
 * this file pays for Asyncify. */
#include <unistd.h>
#include "libc.h"

__attribute__((import_module("typix"), import_name("fork")))
double __typix_fork_point(int n, double a, double b, double c, double d, double e, double f);

#define FORK_BUF (256 * 1024)

/* In the child, the calling thread's descriptor gets its new thread id (src/thread/pthread.c). */
void __pthread_after_fork(void) __attribute__((weak));

pid_t fork(void)
{
	char buf[FORK_BUF] __attribute__((aligned(16)));
	long r = (long)__typix_fork_point(__NR_fork, (double)(unsigned long)buf, sizeof buf, 0, 0, 0, WASM_FORK_MARK);
	if (r == 0 && __pthread_after_fork) __pthread_after_fork();
	return (pid_t)__syscall_ret(r);
}
