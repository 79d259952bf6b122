/* ioctl(2) and the terminal's requests (bits/ioctls.h is generated from the kernel's numbers). */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H
#include <features.h>
#include <bits/ioctls.h>
#include <linux/ioctl.h>
struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; };
int ioctl(int, unsigned long, ...);
#endif
