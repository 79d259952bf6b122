/* linux/types.h: the kernel's fixed-size and common types (C kernel code is ILP32 WebAssembly). */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ssize_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef __UINTPTR_TYPE__ uintptr_t;
typedef signed char s8;
typedef unsigned char u8;
typedef short s16;
typedef unsigned short u16;
typedef int s32;
typedef unsigned int u32;
typedef long long s64;
typedef unsigned long long u64;
typedef s8 __s8;
typedef u8 __u8;
typedef s16 __s16;
typedef u16 __u16;
typedef s32 __s32;
typedef u32 __u32;
typedef s64 __s64;
typedef u64 __u64;
typedef _Bool bool;
typedef long long loff_t;
typedef u32 dev_t;
typedef unsigned short umode_t;
typedef int pid_t;
typedef unsigned int gfp_t;

enum { false = 0, true = 1 };

struct list_head { struct list_head *next, *prev; };
typedef struct { int counter; } atomic_t;
typedef struct { long counter; } atomic_long_t;

#ifndef NULL
#define NULL ((void *)0)
#endif

#endif
