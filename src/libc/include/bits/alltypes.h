/* The C types of Typix's ILP32 programs. Where x86-64 Linux has a long (off_t, time_t, ino_t,
 * ssize_t, clock_t, suseconds_t ...) so does Typix, 32 bits wide here, so that a program's
 * printf("%ld") formats read what they were given; libc converts the kernel's 64-bit structures
 * (stat, timespec, iovec, rusage ...) to these at the system-call boundary. */
#ifndef _BITS_ALLTYPES_H
#define _BITS_ALLTYPES_H
#include <stddef.h>
#include <stdint.h>
typedef long ssize_t;
typedef long off_t;
typedef long long off64_t;
typedef long long loff_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int id_t;
typedef unsigned int mode_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long long ino64_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef long long blkcnt64_t;
typedef long time_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef long clock_t;
typedef int clockid_t;
typedef void *timer_t;
typedef int key_t;
typedef unsigned long fsblkcnt_t;
typedef unsigned long fsfilcnt_t;
typedef unsigned int socklen_t;
typedef unsigned short sa_family_t;
typedef unsigned long rlim_t;
typedef long register_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;
typedef int8_t int8;
typedef uint8_t u_int8_t;
typedef uint16_t u_int16_t;
typedef uint32_t u_int32_t;
typedef uint64_t u_int64_t;
typedef char *caddr_t;
typedef unsigned long pthread_t;
struct timespec { time_t tv_sec; long tv_nsec; };
struct timeval { time_t tv_sec; suseconds_t tv_usec; };
struct iovec { void *iov_base; size_t iov_len; };
typedef struct { unsigned long __bits[64 / (8 * sizeof(long))]; } sigset_t;
#endif
