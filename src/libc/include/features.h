/* Feature-test macros. Typix's libc declares everything it has whatever the program defines
 * (as glibc does with _GNU_SOURCE); the macros are accepted so that portable programs build. */
#ifndef _FEATURES_H
#define _FEATURES_H
#define __TYPIX_LIBC__ 1
#define __GLIBC__ 2
#define __GLIBC_MINOR__ 36
#define __GNU_LIBRARY__ 6
#define __GLIBC_PREREQ(maj, min) ((__GLIBC__ << 16) + __GLIBC_MINOR__ >= ((maj) << 16) + (min))
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#define __THROW
#define __nonnull(x)
#define __BEGIN_DECLS
#define __END_DECLS
#define __restrict restrict
#define __attribute_noinline__ __attribute__((noinline))
#define __noreturn _Noreturn
#endif
