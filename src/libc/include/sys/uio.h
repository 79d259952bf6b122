/* Scatter and gather input and output (<sys/uio.h>). */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H
#include <features.h>
#include <bits/alltypes.h>
#define UIO_MAXIOV 1024
ssize_t readv(int, const struct iovec *, int);
ssize_t writev(int, const struct iovec *, int);
ssize_t preadv(int, const struct iovec *, int, off_t);
ssize_t pwritev(int, const struct iovec *, int, off_t);
#endif
