/* Device numbers as Linux encodes them in a 32-bit dev_t (12 bits of major, 20 of minor). */
#ifndef _SYS_SYSMACROS_H
#define _SYS_SYSMACROS_H
#define major(dev) ((unsigned int)((((dev) >> 8) & 0xfffu)))
#define minor(dev) ((unsigned int)(((dev) & 0xffu) | (((dev) >> 12) & 0xfff00u)))
#define makedev(ma, mi) ((dev_t)((((ma) & 0xfffu) << 8) | ((mi) & 0xffu) | (((mi) & 0xfff00u) << 12)))
#endif
