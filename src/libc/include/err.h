/* BSD's formatted error messages (<err.h>): "prog: message: strerror(errno)". */
#ifndef _ERR_H
#define _ERR_H
#include <stdarg.h>
void warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void vwarn(const char *, va_list);
void warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void vwarnx(const char *, va_list);
_Noreturn void err(int, const char *, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void verr(int, const char *, va_list);
_Noreturn void errx(int, const char *, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void verrx(int, const char *, va_list);
#endif
