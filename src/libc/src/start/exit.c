/* Ending a process: atexit and on_exit handlers in reverse order, stdio flushed, exit_group. */
#include <stdlib.h>
#include <unistd.h>
#include "libc.h"

#define ATEXIT_MAX 64
static struct { void (*fn)(int, void *); void (*plain)(void); void *arg; } handlers[ATEXIT_MAX];
static int nhandlers;
static void (*quick_handlers[ATEXIT_MAX])(void);
static int nquick;

int atexit(void (*fn)(void))
{
	if (nhandlers == ATEXIT_MAX) return -1;
	handlers[nhandlers].plain = fn;
	handlers[nhandlers++].fn = 0;
	return 0;
}

int on_exit(void (*fn)(int, void *), void *arg)
{
	if (nhandlers == ATEXIT_MAX) return -1;
	handlers[nhandlers].fn = fn;
	handlers[nhandlers].plain = 0;
	handlers[nhandlers++].arg = arg;
	return 0;
}

int at_quick_exit(void (*fn)(void))
{
	if (nquick == ATEXIT_MAX) return -1;
	quick_handlers[nquick++] = fn;
	return 0;
}

void __wasm_call_dtors(void) __attribute__((weak));
__attribute__((weak)) void __stdio_exit(void) {}

_Noreturn void __exit_group(int status)
{
	for (;;) __typix_vfork_check(__syscall1(__NR_exit_group, status));
}

_Noreturn void exit(int status)
{
	while (nhandlers > 0) {
		nhandlers--;
		if (handlers[nhandlers].fn) handlers[nhandlers].fn(status, handlers[nhandlers].arg);
		else handlers[nhandlers].plain();
	}
	__stdio_exit();
	__exit_group(status);
}

_Noreturn void quick_exit(int status)
{
	while (nquick > 0) quick_handlers[--nquick]();
	__exit_group(status);
}

_Noreturn void _exit(int status) { __exit_group(status); }
_Noreturn void _Exit(int status) { __exit_group(status); }
