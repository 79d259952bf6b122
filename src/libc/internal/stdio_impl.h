/* The FILE of Typix's libc: a descriptor (or a function, for strings and memory streams), a
 * buffer used for reading or for writing, and glibc's buffering modes, decided at first use. */
#ifndef _TYPIX_STDIO_IMPL_H
#define _TYPIX_STDIO_IMPL_H
#include <stdio.h>
#include <stdarg.h>

#define F_READ 1     /* opened for reading */
#define F_WRITE 2    /* opened for writing */
#define F_EOF 4
#define F_ERR 8
#define F_APPEND 16
#define F_OWNBUF 32  /* buf was malloc'd by libc */
#define F_STATIC 64  /* stdin, stdout, stderr: never freed */
#define F_NOSEEK 128
#define F_PUTTING 256 /* written to since opened or positioned (glibc's write pointers are set) */

struct _IO_FILE {
	int fd;
	int flags;
	int mode;                 /* _IOFBF, _IOLBF, _IONBF, or -1 until the first use */
	unsigned char *buf;
	size_t size;
	unsigned char *rpos, *rend; /* unread bytes, when reading */
	unsigned char *wpos;        /* buf..wpos waits to be written, when writing */
	/* Where bytes go and come from: write(2) and read(2) on fd unless replaced. */
	long (*write_fn)(FILE *, const unsigned char *, size_t);
	long (*read_fn)(FILE *, unsigned char *, size_t);
	long long (*seek_fn)(FILE *, long long, int);
	int (*close_fn)(FILE *);
	void *cookie;
	int pid;                  /* popen's child */
	unsigned char ungot[8];   /* room for ungetc on an unbuffered stream */
	FILE *next;
	volatile int lock;        /* lock.c: 0 free, 1 held, 2 held with waiters */
	int lock_count;
	void *volatile lock_owner;
};

int __fdecide(FILE *);
int __fflush_write(FILE *);
int __frefill(FILE *);
size_t __fwritex(const unsigned char *, size_t, FILE *);
FILE *__fopen_fd(int fd, int flags);
void __flink(FILE *);
void __funlink(FILE *);
int __fmode_flags(const char *mode, int *oflags);
extern FILE *__stdio_files;

/* lock.c: a stream's lock, taken only once the program has threads (__lockfile says whether it
 * took it), and the lock of the list of streams. */
int __lockfile(FILE *);
void __unlockfile(FILE *);
void __lock_stdio_list(void);
void __unlock_stdio_list(void);
extern int __libc_threaded;
/* Return expr's value computed with f locked. */
#define __LOCKED(f, type, expr) do { int __l = __lockfile(f); type __r = (expr); if (__l) __unlockfile(f); return __r; } while (0)

/* The formatting engine: out(ctx, bytes, n) receives the output; returns the count or -1. */
typedef void (*__fmt_out)(void *, const char *, size_t);
int __vformat(__fmt_out out, void *ctx, const char *fmt, va_list ap);
/* %e %f %g %a of a double into out; returns the count. */
int __fmt_fp(__fmt_out out, void *ctx, double v, int width, int prec, int flags, int conv);
#define FMT_LEFT 1
#define FMT_PLUS 2
#define FMT_SPACE 4
#define FMT_ALT 8
#define FMT_ZERO 16
#endif
