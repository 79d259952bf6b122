// The symbolic names strace prints for flags and constants (x86-64 Linux values).
import { flags, type FlagTable } from "./format.js";

export const OPEN_FLAGS: FlagTable = [
  [0o100, "O_CREAT"], [0o200, "O_EXCL"], [0o400, "O_NOCTTY"], [0o1000, "O_TRUNC"], [0o2000, "O_APPEND"],
  [0o4000, "O_NONBLOCK"], [0o4010000, "O_SYNC"], [0o10000, "O_DSYNC"], [0o20000, "O_ASYNC"], [0o40000, "O_DIRECT"],
  [0o100000, "O_LARGEFILE"], [0o200000, "O_DIRECTORY"], [0o400000, "O_NOFOLLOW"], [0o1000000, "O_NOATIME"],
  [0o2000000, "O_CLOEXEC"], [0o20200000, "O_TMPFILE"], [0o10000000, "O_PATH"],
];
export const ACCMODES = ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"];

/** Open flags without an access mode (pipe2, dup3, ...): O_CLOEXEC|O_NONBLOCK, 0x2 /* O_??? *\/. */
export function openBits(v: number | bigint): string {
  return flags(BigInt.asUintN(32, BigInt(v)), OPEN_FLAGS.filter(([b]) => b !== 0o20200000), "0", "O_???");
}

/** open(2) flags: the access mode first, then the rest (O_RDONLY|O_CLOEXEC). */
export function openFlags(v: number): string {
  const rest = v & ~3 & ~0o20000000;
  const tmp = (v & 0o20200000) === 0o20200000;
  const table = tmp ? OPEN_FLAGS : OPEN_FLAGS.filter(([b]) => b !== 0o20200000);
  let s = ACCMODES[v & 3];
  let r = tmp ? (v & ~3) : rest;
  for (const [bit, name] of table) if (bit && (r & bit) === bit) { s += "|" + name; r &= ~bit; }
  if (r) s += "|0x" + r.toString(16);
  return s;
}

export const AT_FLAGS: FlagTable = [
  [0x100, "AT_SYMLINK_NOFOLLOW"], [0x200, "AT_REMOVEDIR"], [0x400, "AT_SYMLINK_FOLLOW"], [0x800, "AT_NO_AUTOMOUNT"],
  [0x1000, "AT_EMPTY_PATH"],
];
export const ACCESS_MODES: FlagTable = [[4, "R_OK"], [2, "W_OK"], [1, "X_OK"]];
export const PROT: FlagTable = [[1, "PROT_READ"], [2, "PROT_WRITE"], [4, "PROT_EXEC"], [0x1000000, "PROT_GROWSDOWN"], [0x2000000, "PROT_GROWSUP"]];
export const MAP_TYPES: FlagTable = [[1, "MAP_SHARED"], [2, "MAP_PRIVATE"], [3, "MAP_SHARED_VALIDATE"]];
export const MAP_FLAGS: FlagTable = [
  [0x10, "MAP_FIXED"], [0x20, "MAP_ANONYMOUS"], [0x40, "MAP_32BIT"], [0x100, "MAP_GROWSDOWN"], [0x800, "MAP_DENYWRITE"],
  [0x1000, "MAP_EXECUTABLE"], [0x2000, "MAP_LOCKED"], [0x4000, "MAP_NORESERVE"], [0x8000, "MAP_POPULATE"],
  [0x10000, "MAP_NONBLOCK"], [0x20000, "MAP_STACK"], [0x40000, "MAP_HUGETLB"], [0x80000, "MAP_SYNC"],
  [0x100000, "MAP_FIXED_NOREPLACE"],
];
export const SEEK: FlagTable = [[0, "SEEK_SET"], [1, "SEEK_CUR"], [2, "SEEK_END"], [3, "SEEK_DATA"], [4, "SEEK_HOLE"]];
export const FCNTL_CMDS: FlagTable = [
  [0, "F_DUPFD"], [1, "F_GETFD"], [2, "F_SETFD"], [3, "F_GETFL"], [4, "F_SETFL"], [5, "F_GETLK"], [6, "F_SETLK"],
  [7, "F_SETLKW"], [8, "F_SETOWN"], [9, "F_GETOWN"], [1030, "F_DUPFD_CLOEXEC"], [1031, "F_SETPIPE_SZ"], [1032, "F_GETPIPE_SZ"],
];
export const FD_FLAGS: FlagTable = [[1, "FD_CLOEXEC"]];
export const SIGPROCMASK_HOW: FlagTable = [[0, "SIG_BLOCK"], [1, "SIG_UNBLOCK"], [2, "SIG_SETMASK"]];
export const SA_FLAGS: FlagTable = [
  [1, "SA_NOCLDSTOP"], [2, "SA_NOCLDWAIT"], [4, "SA_SIGINFO"], [0x04000000, "SA_RESTORER"], [0x08000000, "SA_ONSTACK"],
  [0x10000000, "SA_RESTART"], [0x40000000, "SA_NODEFER"], [0x80000000, "SA_RESETHAND"],
];
export const WAIT_OPTIONS: FlagTable = [
  [1, "WNOHANG"], [2, "WUNTRACED"], [4, "WEXITED"], [8, "WCONTINUED"], [0x01000000, "WNOWAIT"],
  [0x20000000, "__WNOTHREAD"], [0x40000000, "__WALL"], [0x80000000, "__WCLONE"],
];
export const CLOCKS: FlagTable = [
  [0, "CLOCK_REALTIME"], [1, "CLOCK_MONOTONIC"], [2, "CLOCK_PROCESS_CPUTIME_ID"], [3, "CLOCK_THREAD_CPUTIME_ID"],
  [4, "CLOCK_MONOTONIC_RAW"], [5, "CLOCK_REALTIME_COARSE"], [6, "CLOCK_MONOTONIC_COARSE"], [7, "CLOCK_BOOTTIME"],
];
export const TIMER_FLAGS: FlagTable = [[1, "TIMER_ABSTIME"]];
export const CLONE_FLAGS: FlagTable = [
  [0x100, "CLONE_VM"], [0x200, "CLONE_FS"], [0x400, "CLONE_FILES"], [0x800, "CLONE_SIGHAND"], [0x1000, "CLONE_PIDFD"],
  [0x2000, "CLONE_PTRACE"], [0x4000, "CLONE_VFORK"], [0x8000, "CLONE_PARENT"], [0x10000, "CLONE_THREAD"],
  [0x20000, "CLONE_NEWNS"], [0x40000, "CLONE_SYSVSEM"], [0x80000, "CLONE_SETTLS"], [0x100000, "CLONE_PARENT_SETTID"],
  [0x200000, "CLONE_CHILD_CLEARTID"], [0x400000, "CLONE_DETACHED"], [0x800000, "CLONE_UNTRACED"],
  [0x1000000, "CLONE_CHILD_SETTID"],
];
export const RENAME_FLAGS: FlagTable = [[1, "RENAME_NOREPLACE"], [2, "RENAME_EXCHANGE"], [4, "RENAME_WHITEOUT"]];
export const S_IFMT_NAMES: FlagTable = [
  [0o140000, "S_IFSOCK"], [0o120000, "S_IFLNK"], [0o100000, "S_IFREG"], [0o60000, "S_IFBLK"], [0o40000, "S_IFDIR"],
  [0o20000, "S_IFCHR"], [0o10000, "S_IFIFO"],
];

/** The ioctl requests strace names (asm-generic and tty ones). */
export const IOCTLS: FlagTable = [
  [0x5401, "TCGETS"], [0x5402, "TCSETS"], [0x5403, "TCSETSW"], [0x5404, "TCSETSF"], [0x5409, "TCSBRK"],
  [0x540a, "TCXONC"], [0x540b, "TCFLSH"], [0x540c, "TIOCEXCL"], [0x540d, "TIOCNXCL"], [0x540e, "TIOCSCTTY"],
  [0x540f, "TIOCGPGRP"], [0x5410, "TIOCSPGRP"], [0x5411, "TIOCOUTQ"], [0x5412, "TIOCSTI"], [0x5413, "TIOCGWINSZ"],
  [0x5414, "TIOCSWINSZ"], [0x541b, "FIONREAD"], [0x541c, "TIOCLINUX"], [0x541d, "TIOCCONS"], [0x5421, "FIONBIO"],
  [0x5422, "TIOCNOTTY"], [0x5423, "TIOCSETD"], [0x5424, "TIOCGETD"], [0x5429, "TIOCGSID"], [0x5450, "FIONCLEX"],
  [0x5451, "FIOCLEX"], [0x5452, "FIOASYNC"], [0x80045430, "TIOCGPTN"], [0x40045431, "TIOCSPTLCK"],
];
