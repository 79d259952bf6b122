// open(2) and fcntl(2) flags and commands of the x86-64 Linux ABI.
export const O_ACCMODE = 0o3;
export const O_RDONLY = 0o0;
export const O_WRONLY = 0o1;
export const O_RDWR = 0o2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NOCTTY = 0o400;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_NONBLOCK = 0o4000;
export const O_DSYNC = 0o10000;
export const O_ASYNC = 0o20000;
export const O_DIRECT = 0o40000;
export const O_LARGEFILE = 0o100000;
export const O_DIRECTORY = 0o200000;
export const O_NOFOLLOW = 0o400000;
export const O_NOATIME = 0o1000000;
export const O_CLOEXEC = 0o2000000;
export const O_SYNC = 0o4010000;
export const O_PATH = 0o10000000;
export const O_TMPFILE = 0o20200000;
export const O_NDELAY = O_NONBLOCK;

export const AT_FDCWD = -100;
export const AT_SYMLINK_NOFOLLOW = 0x100;
export const AT_EACCESS = 0x200;
export const AT_REMOVEDIR = 0x200;
export const AT_SYMLINK_FOLLOW = 0x400;
export const AT_NO_AUTOMOUNT = 0x800;
export const AT_EMPTY_PATH = 0x1000;

export const F_DUPFD = 0;
export const F_GETFD = 1;
export const F_SETFD = 2;
export const F_GETFL = 3;
export const F_SETFL = 4;
export const F_GETLK = 5;
export const F_SETLK = 6;
export const F_SETLKW = 7;
export const F_SETOWN = 8;
export const F_GETOWN = 9;
export const F_DUPFD_CLOEXEC = 1030;
export const F_GETPIPE_SZ = 1032;
export const F_SETPIPE_SZ = 1031;
export const FD_CLOEXEC = 1;

export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;
export const SEEK_DATA = 3;
export const SEEK_HOLE = 4;

export const R_OK = 4;
export const W_OK = 2;
export const X_OK = 1;
export const F_OK = 0;

export const RENAME_NOREPLACE = 1;
export const RENAME_EXCHANGE = 2;
