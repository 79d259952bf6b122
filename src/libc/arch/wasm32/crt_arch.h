/* What the start files (crt1.c) and the signal entry (sigentry.c) of a C program on Typix need
 * from libc. The contract with src/libc: libc defines __libc_start_main, which runs main and
 * exits with its status through exit(), never returning. libc.a must carry sigentry.c (the
 * exported __typix_signal) and crt1.o is crt1.c; abort() should raise SIGABRT with
 * kill/tgkill and only then trap (__builtin_trap, which the runtime reports as SIGILL). */
#ifndef _TYPIX_CRT_ARCH_H
#define _TYPIX_CRT_ARCH_H

/* argc, argv and envp as the kernel laid them out at the initial stack pointer (32-bit words:
 * argc, argv[0..argc-1], NULL, envp[...], NULL, auxv pairs, AT_NULL). */
_Noreturn int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv, char **envp);

/* The program's entry, exported: the runtime has set __stack_pointer 16-byte aligned below sp
 * and calls _start(sp) with sp the address of argc. */
_Noreturn void _start(long *sp);

#endif
