/* The system-call numbers: SYS_name and __NR_name for every entry of syscall_64.tbl (generated). */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H
#include <bits/syscall.h>
#endif
