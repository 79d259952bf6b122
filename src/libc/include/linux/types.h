/* The kernel's fixed-width types as user space sees them (<linux/types.h>). */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H
typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;
typedef __u16 __le16;
typedef __u16 __be16;
typedef __u32 __le32;
typedef __u32 __be32;
typedef __u64 __le64;
typedef __u64 __be64;
typedef __u16 __sum16;
typedef __u32 __wsum;
typedef unsigned long __kernel_ulong_t;
typedef long __kernel_long_t;
typedef int __kernel_pid_t;
typedef unsigned int __kernel_mode_t;
#define __aligned_u64 __u64 __attribute__((aligned(8)))
#endif
