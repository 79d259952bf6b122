/* linux/compiler.h: the attributes and hints kernel code uses. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define __user
#define __kernel
#define __iomem
#define __force
#define __must_check __attribute__((warn_unused_result))
#define __maybe_unused __attribute__((unused))
#define __always_unused __attribute__((unused))
#define __used __attribute__((used))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define noinline __attribute__((noinline))
#define __always_inline inline __attribute__((always_inline))
#define barrier() __asm__ __volatile__("" : : : "memory")
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) (*(volatile __typeof__(x) *)&(x) = (val))
#endif
