/* linux/string.h: the kernel's string and memory functions. */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H
#include <linux/types.h>

void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *dest, const char *src);
ssize_t strscpy(char *dest, const char *src, size_t count);
#endif
