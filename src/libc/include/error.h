/* glibc's error() and error_at_line() (<error.h>). */
#ifndef _ERROR_H
#define _ERROR_H
void error(int, int, const char *, ...) __attribute__((format(printf, 3, 4)));
void error_at_line(int, int, const char *, unsigned int, const char *, ...) __attribute__((format(printf, 5, 6)));
extern unsigned int error_message_count;
extern int error_one_per_line;
#endif
