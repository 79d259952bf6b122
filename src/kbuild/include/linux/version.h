/* linux/version.h: the version of the kernel the headers belong to, for modules that build
 * against several (`#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 6, 0)`). */
#ifndef _LINUX_VERSION_H
#define _LINUX_VERSION_H
#define LINUX_VERSION_CODE 394752
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_MAJOR 6
#define LINUX_VERSION_PATCHLEVEL 6
#define LINUX_VERSION_SUBLEVEL 0
#endif
