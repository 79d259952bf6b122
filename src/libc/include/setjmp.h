/* Non-local jumps (<setjmp.h>) on WebAssembly's exception handling (the compiler lowers setjmp
 * and longjmp; see src/libc/src/setjmp/setjmp.c). sigsetjmp is setjmp after saving the mask. */
#ifndef _SETJMP_H
#define _SETJMP_H
typedef struct { unsigned long long __regs[4]; int __mask_saved; unsigned long __mask[2]; } jmp_buf[1];
typedef jmp_buf sigjmp_buf;
int setjmp(jmp_buf) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf, int);
_Noreturn void siglongjmp(sigjmp_buf, int);
void *__sigsetjmp_prepare(sigjmp_buf, int);
#define _setjmp(env) setjmp(env)
#define _longjmp(env, val) longjmp(env, val)
#define sigsetjmp(env, save) setjmp(*(jmp_buf *)__sigsetjmp_prepare(env, save))
#endif
