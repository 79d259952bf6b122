// File types and mode bits (<sys/stat.h>), and the x86-64 layout of struct stat.
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;
export const S_IRWXU = 0o700;
export const S_IRUSR = 0o400;
export const S_IWUSR = 0o200;
export const S_IXUSR = 0o100;
export const S_IRWXG = 0o70;
export const S_IRGRP = 0o40;
export const S_IWGRP = 0o20;
export const S_IXGRP = 0o10;
export const S_IRWXO = 0o7;
export const S_IROTH = 0o4;
export const S_IWOTH = 0o2;
export const S_IXOTH = 0o1;

export const S_ISREG = (m: number) => (m & S_IFMT) === S_IFREG;
export const S_ISDIR = (m: number) => (m & S_IFMT) === S_IFDIR;
export const S_ISCHR = (m: number) => (m & S_IFMT) === S_IFCHR;
export const S_ISBLK = (m: number) => (m & S_IFMT) === S_IFBLK;
export const S_ISFIFO = (m: number) => (m & S_IFMT) === S_IFIFO;
export const S_ISLNK = (m: number) => (m & S_IFMT) === S_IFLNK;
export const S_ISSOCK = (m: number) => (m & S_IFMT) === S_IFSOCK;

/** Device numbers as the kernel keeps them internally: 12-bit major, 20-bit minor. */
export const MINORBITS = 20;
export const MINORMASK = (1 << MINORBITS) - 1;
export const MKDEV = (major: number, minor: number) => ((major << MINORBITS) | minor) >>> 0;
export const MAJOR = (dev: number) => dev >>> MINORBITS;
export const MINOR = (dev: number) => dev & MINORMASK;
/** The user-space (glibc) encoding of a dev_t, as st_rdev and mknod(2) carry it. */
export const new_encode_dev = (dev: number) => {
  const major = MAJOR(dev), minor = MINOR(dev);
  return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12);
};
export const new_decode_dev = (d: number) => {
  const major = (d & 0xfff00) >>> 8;
  const minor = (d & 0xff) | ((d >>> 12) & 0xfff00);
  return MKDEV(major, minor);
};

/** struct stat on x86-64: 144 bytes. Offsets of its fields. */
export const STAT_SIZE = 144;
export const STAT = {
  st_dev: 0, st_ino: 8, st_nlink: 16, st_mode: 24, st_uid: 28, st_gid: 32, st_rdev: 40,
  st_size: 48, st_blksize: 56, st_blocks: 64, st_atime: 72, st_atime_nsec: 80,
  st_mtime: 88, st_mtime_nsec: 96, st_ctime: 104, st_ctime_nsec: 112,
} as const;
