/* Limits: the compiler's (CHAR_BIT, INT_MAX ...) and Linux's (PATH_MAX, NAME_MAX, PIPE_BUF ...). */
#ifndef _TYPIX_LIMITS_H
#define _TYPIX_LIMITS_H
#include_next <limits.h>
#define PATH_MAX 4096
#define NAME_MAX 255
#define PIPE_BUF 4096
#define ARG_MAX 131072
#define NGROUPS_MAX 65536
#define LINE_MAX 2048
#define HOST_NAME_MAX 64
#define LOGIN_NAME_MAX 256
#define TTY_NAME_MAX 32
#define IOV_MAX 1024
#define SSIZE_MAX LONG_MAX
#define PTHREAD_KEYS_MAX 1024
#define PTHREAD_STACK_MIN 16384
#define NL_ARGMAX 4096
#define _POSIX_PATH_MAX 256
#define _POSIX_NAME_MAX 14
#define _POSIX_ARG_MAX 4096
#define _POSIX_OPEN_MAX 20
#define CHARCLASS_NAME_MAX 14
#define RE_DUP_MAX 255
#endif
