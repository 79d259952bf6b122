/* setjmp and longjmp on WebAssembly's exception handling: the compiler (-mllvm -wasm-enable-sjlj)
 * turns each setjmp into __wasm_setjmp and a test of the label it returns with, and longjmp into
 * __wasm_longjmp, which throws the __c_longjmp tag (tag.s) that the setjmp's frame catches. */
#include <setjmp.h>
#include <stdint.h>

struct wasm_jmp { void *invocation; uint32_t label; struct { void *env; int val; } arg; };
_Static_assert(sizeof(struct wasm_jmp) <= sizeof(((jmp_buf *)0)[0][0].__regs), "jmp_buf too small");

void __wasm_setjmp(void *env, uint32_t label, void *invocation)
{
	struct wasm_jmp *j = env;
	j->invocation = invocation;
	j->label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *invocation)
{
	struct wasm_jmp *j = env;
	return j->invocation == invocation ? j->label : 0;
}

_Noreturn void __wasm_longjmp(void *env, int val)
{
	struct wasm_jmp *j = env;
	j->arg.env = env;
	j->arg.val = val ? val : 1;
	__builtin_wasm_throw(1, &j->arg);
}
