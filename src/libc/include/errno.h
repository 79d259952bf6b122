/* errno and the error numbers of the x86-64 Linux ABI (bits/errno.h is generated from the kernel's). */
#ifndef _ERRNO_H
#define _ERRNO_H
#include <features.h>
#include <bits/errno.h>
int *__errno_location(void);
#define errno (*__errno_location())
extern char *program_invocation_name, *program_invocation_short_name;
#endif
