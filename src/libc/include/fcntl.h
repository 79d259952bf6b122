/* File control: open flags, fcntl commands, *at() conventions (bits/fcntl.h is generated). */
#ifndef _FCNTL_H
#define _FCNTL_H
#include <features.h>
#include <bits/alltypes.h>
#include <bits/fcntl.h>
#include <bits/stat.h>

struct flock { short l_type, l_whence; off_t l_start, l_len; pid_t l_pid; };
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#define POSIX_FADV_NORMAL 0
#define POSIX_FADV_RANDOM 1
#define POSIX_FADV_SEQUENTIAL 2
#define POSIX_FADV_WILLNEED 3
#define POSIX_FADV_DONTNEED 4
#define POSIX_FADV_NOREUSE 5

int open(const char *, int, ...);
int openat(int, const char *, int, ...);
int creat(const char *, mode_t);
int fcntl(int, int, ...);
int posix_fadvise(int, off_t, off_t, int);
int posix_fallocate(int, off_t, off_t);
int fallocate(int, int, off_t, off_t);
#endif
