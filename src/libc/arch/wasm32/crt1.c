/* The entry of a C program on Typix: _start(sp) reads argc, argv and envp from the initial stack
 * the kernel built (32-bit words; see crt_arch.h) and hands them to libc's __libc_start_main. */
#include "crt_arch.h"

/* weak: a program whose main takes no arguments or two defines another name (libc_start.c) */
__attribute__((weak)) int main(int, char **, char **);

__attribute__((export_name("_start")))
_Noreturn void _start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	__libc_start_main(main, argc, argv, envp);
}
