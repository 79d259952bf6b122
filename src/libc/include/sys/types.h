/* The system's data types (POSIX <sys/types.h>). */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H
#include <features.h>
#include <bits/alltypes.h>
#include <sys/sysmacros.h>
#endif
