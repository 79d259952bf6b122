/* The system-call trap of a C program on Typix (see src/include/uapi/wasm_abi.ts): one import,
 * env.__syscall6, taking the number and six arguments as doubles and returning the raw result
 * (-4095..-1 is -errno) as a double. Every value an ILP32 program passes is exact in a double;
 * pointers are unsigned 32-bit, ints sign-extended, so __syscallN take longs and the helpers
 * below convert. libc calls only these names. */
#ifndef _TYPIX_SYSCALL_ARCH_H
#define _TYPIX_SYSCALL_ARCH_H

__attribute__((import_module("env"), import_name("__syscall6")))
double __typix_syscall6(int n, double a, double b, double c, double d, double e, double f);

/* An argument as the kernel reads it: a long is signed (fds, -1, AT_FDCWD); a pointer the
 * caller casts to long stays below 0x40000000, so sign does not matter for it. */
#define __SC_ARG(x) ((double)(long)(x))

static inline long __syscall_raw(long n, double a, double b, double c, double d, double e, double f)
{
	return (long)__typix_syscall6((int)n, a, b, c, d, e, f);
}

static inline long __syscall0(long n)
{ return __syscall_raw(n, 0, 0, 0, 0, 0, 0); }
static inline long __syscall1(long n, long a)
{ return __syscall_raw(n, a, 0, 0, 0, 0, 0); }
static inline long __syscall2(long n, long a, long b)
{ return __syscall_raw(n, a, b, 0, 0, 0, 0); }
static inline long __syscall3(long n, long a, long b, long c)
{ return __syscall_raw(n, a, b, c, 0, 0, 0); }
static inline long __syscall4(long n, long a, long b, long c, long d)
{ return __syscall_raw(n, a, b, c, d, 0, 0); }
static inline long __syscall5(long n, long a, long b, long c, long d, long e)
{ return __syscall_raw(n, a, b, c, d, e, 0); }
static inline long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{ return __syscall_raw(n, a, b, c, d, e, f); }

/* Calls with a 64-bit argument (lseek, pread64, ftruncate, fallocate, ...): each argument a
 * long long (exact up to 2^53, which covers every offset a file on Typix can have), the result a
 * long long, for calls whose result is 64 bits wide (lseek's offset). */
static inline long long __syscall_ll(long n, long long a, long long b, long long c,
                                     long long d, long long e, long long f)
{
	return (long long)__typix_syscall6((int)n, (double)a, (double)b, (double)c,
	                                   (double)d, (double)e, (double)f);
}

/* An unsigned 32-bit value (a size_t, or a pointer above 2 GiB never made by Typix but kept
 * exact), when a call must see it as unsigned rather than sign-extended. */
#define __SC_U32(x) ((long long)(unsigned long)(x))

#endif
