/* vfork on Typix: the kernel lets the child borrow the parent's Worker (kernel/fork.ts). The
 * vfork() macro of <unistd.h> sets a jump point in the caller's frame and makes the call; the
 * caller goes on as the child (0), and when the child's execve succeeds or it exits, the
 * pending call returns a mark (include/uapi/wasm_abi.ts) and libc jumps back to the jump point,
 * where vfork returns the child's pid in the parent. __vfork_call runs a function as the child,
 * for system, popen and posix_spawn. */
#include <unistd.h>
#include <setjmp.h>
#include <errno.h>
#include "libc.h"

#define DEPTH 8
static struct { jmp_buf env; pid_t pid; } frames[DEPTH];
static int depth;

void *__typix_vfork_enter(void)
{
	return depth < DEPTH ? frames[depth].env : frames[DEPTH - 1].env;
}

pid_t __typix_vfork_child(void)
{
	if (depth >= DEPTH) { errno = EAGAIN; return -1; }
	long r = __syscall0(__NR_vfork);
	if (r < 0) { errno = (int)-r; return -1; }
	frames[depth++].pid = (pid_t)r;
	return 0;
}

pid_t __typix_vfork_parent(void) { return frames[--depth].pid; }

/* A call's raw result: the child is gone (exec'd or exited), so return to the parent. */
void __typix_vfork_check(long r)
{
	if ((r == __TYPIX_VFORK_GONE_EXEC || r == __TYPIX_VFORK_GONE_EXIT) && depth > 0) longjmp(frames[depth - 1].env, 1);
}

/* The function form of vfork(): without the macro's jump point, the child cannot hand back. */
#undef vfork
pid_t vfork(void) { return fork(); }

pid_t __vfork_call(void (*child)(void *), void *arg)
{
	pid_t pid = __typix_vfork_macro();
	if (pid == 0) {
		child(arg);
		_exit(127);
	}
	return pid;
}
