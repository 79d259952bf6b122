/* sigsetjmp saves the signal mask in the buffer for siglongjmp to restore (the jump itself is
 * setjmp.c's; this file is apart because the compiler lowers its longjmp call). */
#include <setjmp.h>
#include <signal.h>

void *__sigsetjmp_prepare(sigjmp_buf env, int save)
{
	env->__mask_saved = save;
	if (save) sigprocmask(SIG_BLOCK, 0, (sigset_t *)env->__mask);
	return env;
}

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__mask_saved) sigprocmask(SIG_SETMASK, (sigset_t *)env->__mask, 0);
	longjmp(env, val);
}
