/* linux/syscalls.h: SYSCALL_DEFINE0 ... SYSCALL_DEFINE6, how code built into the kernel defines a
 * system call, and the declarations of system calls (asmlinkage long sys_NAME(...)).
 *
 *   SYSCALL_DEFINE2(hello, const char __user *, msg, size_t, len) { ... return 0; }
 *
 * defines the entry point __x64_sys_hello (the table line `NR 64 hello sys_hello`, or
 * `__x64_sys_hello`, gives it its number). As on Linux, the wrapper takes each argument as a
 * register (a long) and casts it to its declared type before calling the body. Each definition
 * also records its name and its arguments' types and names in the object's typix_syscalls
 * section, from which the kernel build registers it and the kernel reads the registers as those
 * types (a pointer beyond the user address space stays one: every access to it faults). */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H
#include <linux/types.h>
#include <linux/compiler.h>

#define asmlinkage

/* Apply m to each (type, name) pair of a definition's arguments, with commas between. */
#define __SC_MAP0(m, ...)
#define __SC_MAP1(m, t, a) m(t, a)
#define __SC_MAP2(m, t, a, ...) m(t, a), __SC_MAP1(m, __VA_ARGS__)
#define __SC_MAP3(m, t, a, ...) m(t, a), __SC_MAP2(m, __VA_ARGS__)
#define __SC_MAP4(m, t, a, ...) m(t, a), __SC_MAP3(m, __VA_ARGS__)
#define __SC_MAP5(m, t, a, ...) m(t, a), __SC_MAP4(m, __VA_ARGS__)
#define __SC_MAP6(m, t, a, ...) m(t, a), __SC_MAP5(m, __VA_ARGS__)
#define __SC_MAP(x, m, ...) __SC_MAP##x(m, __VA_ARGS__)
/* The same, as one string: ";type;name" for each pair. */
#define __SC_STR1(t, a) ";" #t ";" #a
#define __SC_STR2(t, a, ...) ";" #t ";" #a __SC_STR1(__VA_ARGS__)
#define __SC_STR3(t, a, ...) ";" #t ";" #a __SC_STR2(__VA_ARGS__)
#define __SC_STR4(t, a, ...) ";" #t ";" #a __SC_STR3(__VA_ARGS__)
#define __SC_STR5(t, a, ...) ";" #t ";" #a __SC_STR4(__VA_ARGS__)
#define __SC_STR6(t, a, ...) ";" #t ";" #a __SC_STR5(__VA_ARGS__)

#define __SC_DECL(t, a) t a
#define __SC_LONG(t, a) long a
#define __SC_CAST(t, a) (t) a

#define __SYSCALL_RECORD(name, x, ...) \
	__asm__(".section .custom_section.typix_syscalls,\"\",@\n.asciz \"" #name \
		__SC_STR##x(__VA_ARGS__) "\"\n.text\n")

#define __SYSCALL_DEFINEx(x, name, ...) \
	__SYSCALL_RECORD(name, x, __VA_ARGS__); \
	static inline long __do_sys_##name(__SC_MAP(x, __SC_DECL, __VA_ARGS__)); \
	__attribute__((used, visibility("default"))) \
	long __x64_sys_##name(__SC_MAP(x, __SC_LONG, __VA_ARGS__)); \
	long __x64_sys_##name(__SC_MAP(x, __SC_LONG, __VA_ARGS__)) \
	{ \
		return __do_sys_##name(__SC_MAP(x, __SC_CAST, __VA_ARGS__)); \
	} \
	static inline long __do_sys_##name(__SC_MAP(x, __SC_DECL, __VA_ARGS__))

#define SYSCALL_DEFINE0(name) \
	__asm__(".section .custom_section.typix_syscalls,\"\",@\n.asciz \"" #name "\"\n.text\n"); \
	__attribute__((used, visibility("default"))) long __x64_sys_##name(void); \
	long __x64_sys_##name(void)
#define SYSCALL_DEFINE1(name, ...) __SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) __SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) __SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) __SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) __SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) __SYSCALL_DEFINEx(6, name, __VA_ARGS__)

/* The declarations of system calls defined in C: asmlinkage long sys_NAME(ARGS); */

#endif
