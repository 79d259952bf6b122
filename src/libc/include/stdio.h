/* Buffered input and output (C11 <stdio.h> with POSIX's and glibc's additions). Buffering is
 * glibc's: stderr unbuffered, a terminal line-buffered, anything else fully buffered. */
#ifndef _STDIO_H
#define _STDIO_H
#include <features.h>
#include <stdarg.h>
#include <bits/alltypes.h>

typedef struct _IO_FILE FILE;
typedef struct { long long __pos; } fpos_t;

#define BUFSIZ 8192
#define EOF (-1)
#define FOPEN_MAX 16
#define FILENAME_MAX 4096
#define L_tmpnam 20
#define TMP_MAX 238328
#define P_tmpdir "/tmp"
#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

extern FILE *const stdin, *const stdout, *const stderr;
#define stdin (stdin)
#define stdout (stdout)
#define stderr (stderr)

FILE *fopen(const char *restrict, const char *restrict);
FILE *fdopen(int, const char *);
FILE *freopen(const char *restrict, const char *restrict, FILE *restrict);
FILE *fmemopen(void *restrict, size_t, const char *restrict);
FILE *open_memstream(char **, size_t *);
FILE *tmpfile(void);
FILE *popen(const char *, const char *);
int pclose(FILE *);
int fclose(FILE *);
int fflush(FILE *);
int fileno(FILE *);
int feof(FILE *);
int ferror(FILE *);
void clearerr(FILE *);
int setvbuf(FILE *restrict, char *restrict, int, size_t);
void setbuf(FILE *restrict, char *restrict);
void setbuffer(FILE *, char *, size_t);
void setlinebuf(FILE *);

size_t fread(void *restrict, size_t, size_t, FILE *restrict);
size_t fwrite(const void *restrict, size_t, size_t, FILE *restrict);
int fgetc(FILE *);
int getc(FILE *);
int getchar(void);
int ungetc(int, FILE *);
char *fgets(char *restrict, int, FILE *restrict);
int fputc(int, FILE *);
int putc(int, FILE *);
int putchar(int);
int fputs(const char *restrict, FILE *restrict);
int puts(const char *);
int getc_unlocked(FILE *);
int getchar_unlocked(void);
int putc_unlocked(int, FILE *);
int putchar_unlocked(int);
int fgetc_unlocked(FILE *);
int fputc_unlocked(int, FILE *);
void flockfile(FILE *);
int ftrylockfile(FILE *);
void funlockfile(FILE *);
ssize_t getline(char **restrict, size_t *restrict, FILE *restrict);
ssize_t getdelim(char **restrict, size_t *restrict, int, FILE *restrict);

int fseek(FILE *, long, int);
int fseeko(FILE *, off_t, int);
long ftell(FILE *);
off_t ftello(FILE *);
void rewind(FILE *);
int fgetpos(FILE *restrict, fpos_t *restrict);
int fsetpos(FILE *, const fpos_t *);

int printf(const char *restrict, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *restrict, const char *restrict, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *restrict, const char *restrict, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *restrict, size_t, const char *restrict, ...) __attribute__((format(printf, 3, 4)));
int dprintf(int, const char *restrict, ...) __attribute__((format(printf, 2, 3)));
int asprintf(char **, const char *, ...) __attribute__((format(printf, 2, 3)));
int vprintf(const char *restrict, va_list) __attribute__((format(printf, 1, 0)));
int vfprintf(FILE *restrict, const char *restrict, va_list) __attribute__((format(printf, 2, 0)));
int vsprintf(char *restrict, const char *restrict, va_list) __attribute__((format(printf, 2, 0)));
int vsnprintf(char *restrict, size_t, const char *restrict, va_list) __attribute__((format(printf, 3, 0)));
int vdprintf(int, const char *restrict, va_list) __attribute__((format(printf, 2, 0)));
int vasprintf(char **, const char *, va_list) __attribute__((format(printf, 2, 0)));

int scanf(const char *restrict, ...) __attribute__((format(scanf, 1, 2)));
int fscanf(FILE *restrict, const char *restrict, ...) __attribute__((format(scanf, 2, 3)));
int sscanf(const char *restrict, const char *restrict, ...) __attribute__((format(scanf, 2, 3)));
int vscanf(const char *restrict, va_list) __attribute__((format(scanf, 1, 0)));
int vfscanf(FILE *restrict, const char *restrict, va_list) __attribute__((format(scanf, 2, 0)));
int vsscanf(const char *restrict, const char *restrict, va_list) __attribute__((format(scanf, 2, 0)));

void perror(const char *);
int remove(const char *);
int rename(const char *, const char *);
int renameat(int, const char *, int, const char *);
char *tmpnam(char *);
char *ctermid(char *);
#endif
