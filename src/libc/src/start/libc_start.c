/* __libc_start_main: the environment, the program's name, static constructors, main, exit.
 * clang names main by its parameters on WebAssembly: int main(void) is __main_void,
 * main(argc, argv) is __main_argc_argv, and only the three-parameter form keeps the name main. */
#include <stdlib.h>
#include "libc.h"
#include "crt_arch.h"

char **environ;
const char *__progname = "";
char *program_invocation_name = "", *program_invocation_short_name = "";

__attribute__((weak)) int __main_void(void);
__attribute__((weak)) int __main_argc_argv(int, char **);
void __wasm_call_ctors(void);

_Noreturn int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv, char **envp)
{
	__environ = envp;
	if (argc > 0 && argv[0]) {
		const char *p = argv[0], *s = p;
		for (; *p; p++)
			if (*p == '/') s = p + 1;
		program_invocation_name = argv[0];
		program_invocation_short_name = (char *)s;
		__progname = s;
	}
	__wasm_call_ctors();
	int status;
	if (__main_void)
		status = __main_void();
	else if (__main_argc_argv)
		status = __main_argc_argv(argc, argv);
	else
		status = main(argc, argv, envp);
	exit(status);
}
