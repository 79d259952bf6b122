/* What every part of Typix's libc shares: the trap (syscall_arch.h), the numbers
 * (bits/syscall.h), turning a raw result into errno, and the process's start-up state. */
#ifndef _TYPIX_LIBC_INTERNAL_H
#define _TYPIX_LIBC_INTERNAL_H
#include <bits/syscall.h>
#include <errno.h>
#include "syscall_arch.h"
#include <bits/typix_abi.h>
#define __TYPIX_VFORK_GONE_EXEC WASM_VFORK_GONE_EXEC
#define __TYPIX_VFORK_GONE_EXIT WASM_VFORK_GONE_EXIT
void __typix_vfork_check(long);

/* A raw result in -4095..-1 becomes -1 with errno set; anything else is returned as it is. */
static inline long __syscall_ret(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

#define __sys0(n) __syscall_ret(__syscall0(n))
#define __sys1(n, a) __syscall_ret(__syscall1(n, (long)(a)))
#define __sys2(n, a, b) __syscall_ret(__syscall2(n, (long)(a), (long)(b)))
#define __sys3(n, a, b, c) __syscall_ret(__syscall3(n, (long)(a), (long)(b), (long)(c)))
#define __sys4(n, a, b, c, d) __syscall_ret(__syscall4(n, (long)(a), (long)(b), (long)(c), (long)(d)))
#define __sys5(n, a, b, c, d, e) __syscall_ret(__syscall5(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e)))
#define __sys6(n, a, b, c, d, e, f) \
	__syscall_ret(__syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f)))

/* Arguments as the trap carries them (doubles): __A for int and long (sign-extended, as the
 * kernel reads fds, -1 and AT_FDCWD), __U for size_t, unsigned and pointers (zero-extended, as
 * x32's ABI passes them), __L for 64-bit values (offsets). */
#define __A(x) ((double)(long)(x))
#define __U(x) ((double)(unsigned long)(x))
#define __L(x) ((double)(long long)(x))
static inline long __sysd(long n, double a, double b, double c, double d, double e, double f)
{
	return __syscall_ret(__syscall_raw(n, a, b, c, d, e, f));
}

/* A variadic call with no variadic arguments passes a null argument area on WebAssembly, so a
 * function that may be called with fewer arguments than it reads checks first. */
#define __va_none(ap) (*(void *const *)&(ap) == 0)

extern char **environ;
#define __environ environ
extern const char *__progname;
void __stdio_exit(void);
_Noreturn void __exit_group(int);
#endif
