// Error numbers of the x86-64 Linux ABI, their names and glibc's strerror() texts.
// Shared by the kernel, libc and strace.

export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EINTR = 4;
export const EIO = 5;
export const ENXIO = 6;
export const E2BIG = 7;
export const ENOEXEC = 8;
export const EBADF = 9;
export const ECHILD = 10;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const ENOTBLK = 15;
export const EBUSY = 16;
export const EEXIST = 17;
export const EXDEV = 18;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENFILE = 23;
export const EMFILE = 24;
export const ENOTTY = 25;
export const ETXTBSY = 26;
export const EFBIG = 27;
export const ENOSPC = 28;
export const ESPIPE = 29;
export const EROFS = 30;
export const EMLINK = 31;
export const EPIPE = 32;
export const EDOM = 33;
export const ERANGE = 34;
export const EDEADLK = 35;
export const ENAMETOOLONG = 36;
export const ENOLCK = 37;
export const ENOSYS = 38;
export const ENOTEMPTY = 39;
export const ELOOP = 40;
export const ENOMSG = 42;
export const EIDRM = 43;
export const ENODATA = 61;
export const ETIME = 62;
export const EPROTO = 71;
export const EOVERFLOW = 75;
export const EILSEQ = 84;
export const ENOTSOCK = 88;
export const EOPNOTSUPP = 95;
export const EADDRINUSE = 98;
export const ETIMEDOUT = 110;
export const ECONNREFUSED = 111;
export const EALREADY = 114;
export const EINPROGRESS = 115;
export const ESTALE = 116;
export const EDQUOT = 122;
export const ECANCELED = 125;
export const ENOKEY = 126;
export const EOWNERDEAD = 130;
export const EWOULDBLOCK = EAGAIN;
export const ENOTSUP = EOPNOTSUPP;
export const EDEADLOCK = EDEADLK;

/** Kernel-internal: a syscall interrupted by a signal, to be restarted or turned into EINTR. */
export const ERESTARTSYS = 512;
export const ERESTARTNOINTR = 513;
export const ERESTARTNOHAND = 514;
export const ENOIOCTLCMD = 515;

/** errno -> [name, message] */
export const ERRNO_TABLE: ReadonlyMap<number, readonly [string, string]> = new Map([
  [1, ["EPERM", "Operation not permitted"]],
  [2, ["ENOENT", "No such file or directory"]],
  [3, ["ESRCH", "No such process"]],
  [4, ["EINTR", "Interrupted system call"]],
  [5, ["EIO", "Input/output error"]],
  [6, ["ENXIO", "No such device or address"]],
  [7, ["E2BIG", "Argument list too long"]],
  [8, ["ENOEXEC", "Exec format error"]],
  [9, ["EBADF", "Bad file descriptor"]],
  [10, ["ECHILD", "No child processes"]],
  [11, ["EAGAIN", "Resource temporarily unavailable"]],
  [12, ["ENOMEM", "Cannot allocate memory"]],
  [13, ["EACCES", "Permission denied"]],
  [14, ["EFAULT", "Bad address"]],
  [15, ["ENOTBLK", "Block device required"]],
  [16, ["EBUSY", "Device or resource busy"]],
  [17, ["EEXIST", "File exists"]],
  [18, ["EXDEV", "Invalid cross-device link"]],
  [19, ["ENODEV", "No such device"]],
  [20, ["ENOTDIR", "Not a directory"]],
  [21, ["EISDIR", "Is a directory"]],
  [22, ["EINVAL", "Invalid argument"]],
  [23, ["ENFILE", "Too many open files in system"]],
  [24, ["EMFILE", "Too many open files"]],
  [25, ["ENOTTY", "Inappropriate ioctl for device"]],
  [26, ["ETXTBSY", "Text file busy"]],
  [27, ["EFBIG", "File too large"]],
  [28, ["ENOSPC", "No space left on device"]],
  [29, ["ESPIPE", "Illegal seek"]],
  [30, ["EROFS", "Read-only file system"]],
  [31, ["EMLINK", "Too many links"]],
  [32, ["EPIPE", "Broken pipe"]],
  [33, ["EDOM", "Numerical argument out of domain"]],
  [34, ["ERANGE", "Numerical result out of range"]],
  [35, ["EDEADLK", "Resource deadlock avoided"]],
  [36, ["ENAMETOOLONG", "File name too long"]],
  [37, ["ENOLCK", "No locks available"]],
  [38, ["ENOSYS", "Function not implemented"]],
  [39, ["ENOTEMPTY", "Directory not empty"]],
  [40, ["ELOOP", "Too many levels of symbolic links"]],
  [42, ["ENOMSG", "No message of desired type"]],
  [43, ["EIDRM", "Identifier removed"]],
  [61, ["ENODATA", "No data available"]],
  [62, ["ETIME", "Timer expired"]],
  [71, ["EPROTO", "Protocol error"]],
  [75, ["EOVERFLOW", "Value too large for defined data type"]],
  [84, ["EILSEQ", "Invalid or incomplete multibyte or wide character"]],
  [88, ["ENOTSOCK", "Socket operation on non-socket"]],
  [95, ["EOPNOTSUPP", "Operation not supported"]],
  [98, ["EADDRINUSE", "Address already in use"]],
  [110, ["ETIMEDOUT", "Connection timed out"]],
  [111, ["ECONNREFUSED", "Connection refused"]],
  [114, ["EALREADY", "Operation already in progress"]],
  [115, ["EINPROGRESS", "Operation now in progress"]],
  [116, ["ESTALE", "Stale file handle"]],
  [122, ["EDQUOT", "Disk quota exceeded"]],
  [125, ["ECANCELED", "Operation canceled"]],
  [126, ["ENOKEY", "Required key not available"]],
  [130, ["EOWNERDEAD", "Owner died"]],
  [512, ["ERESTARTSYS", "Unknown error 512"]],
  [513, ["ERESTARTNOINTR", "Unknown error 513"]],
  [514, ["ERESTARTNOHAND", "Unknown error 514"]],
  [515, ["ENOIOCTLCMD", "Unknown error 515"]],
]);

/** The name of an errno ("ENOENT"), or undefined. */
export function errnoName(e: number): string | undefined {
  return ERRNO_TABLE.get(e)?.[0];
}

/** glibc's strerror() text. */
export function strerror(e: number): string {
  if (e === 0) return "Success";
  return ERRNO_TABLE.get(e)?.[1] ?? `Unknown error ${e}`;
}
