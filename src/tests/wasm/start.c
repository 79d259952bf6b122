/* A test-local __libc_start_main (libc's own is in src/libc): run main, then exit_group. */
#include "syscall_arch.h"
#include "crt_arch.h"

_Noreturn int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv, char **envp)
{
	__syscall1(231, main(argc, argv, envp));
	__builtin_unreachable();
}
