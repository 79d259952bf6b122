/* The kernel's system-call numbers (__NR_name), as <asm/unistd.h> gives them on x86-64. */
#ifndef _ASM_UNISTD_H
#define _ASM_UNISTD_H
#include <bits/syscall.h>
#endif
