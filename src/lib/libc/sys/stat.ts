// <sys/stat.h>: stat, lstat, fstat, fstatat (a JavaScript struct stat decoded from the
// kernel's 144-byte one), mkdir, chmod, umask, mknod, mkfifo, utimensat, the S_IS* macros,
// and <sys/sysmacros.h>'s major/minor/makedev.
import { sys, sysStr, scoped, then, dv, type Sys, type Ptr } from "../internal/sys.js";
import { STAT, STAT_SIZE, S_IFIFO } from "../../../include/uapi/stat.js";
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW } from "../../../include/uapi/fcntl.js";
import * as NR from "../../../include/uapi/asm/unistd_64.gen.js";
export {
  S_IFMT, S_IFSOCK, S_IFLNK, S_IFREG, S_IFBLK, S_IFDIR, S_IFCHR, S_IFIFO, S_ISUID, S_ISGID, S_ISVTX,
  S_IRWXU, S_IRUSR, S_IWUSR, S_IXUSR, S_IRWXG, S_IRGRP, S_IWGRP, S_IXGRP, S_IRWXO, S_IROTH, S_IWOTH, S_IXOTH,
  S_ISREG, S_ISDIR, S_ISCHR, S_ISBLK, S_ISFIFO, S_ISLNK, S_ISSOCK, STAT_SIZE,
} from "../../../include/uapi/stat.js";

type Path = string | Ptr;

export interface Timespec { tv_sec: number; tv_nsec: number }
export interface Stat {
  st_dev: number; st_ino: number; st_mode: number; st_nlink: number; st_uid: number; st_gid: number;
  st_rdev: number; st_size: number; st_blksize: number; st_blocks: number;
  st_atim: Timespec; st_mtim: Timespec; st_ctim: Timespec;
}

/** A zeroed struct stat to pass to stat(). */
export function newStat(): Stat {
  return {
    st_dev: 0, st_ino: 0, st_mode: 0, st_nlink: 0, st_uid: 0, st_gid: 0, st_rdev: 0, st_size: 0,
    st_blksize: 0, st_blocks: 0, st_atim: { tv_sec: 0, tv_nsec: 0 }, st_mtim: { tv_sec: 0, tv_nsec: 0 },
    st_ctim: { tv_sec: 0, tv_nsec: 0 },
  };
}

/** Decode the kernel's struct stat at address p. */
export function decodeStat(p: number, out: Stat = newStat()): Stat {
  const v = dv();
  const u64 = (o: number) => Number(v.getBigUint64(p + o, true));
  const i64 = (o: number) => Number(v.getBigInt64(p + o, true));
  out.st_dev = u64(STAT.st_dev);
  out.st_ino = u64(STAT.st_ino);
  out.st_nlink = u64(STAT.st_nlink);
  out.st_mode = v.getUint32(p + STAT.st_mode, true);
  out.st_uid = v.getUint32(p + STAT.st_uid, true);
  out.st_gid = v.getUint32(p + STAT.st_gid, true);
  out.st_rdev = u64(STAT.st_rdev);
  out.st_size = i64(STAT.st_size);
  out.st_blksize = i64(STAT.st_blksize);
  out.st_blocks = i64(STAT.st_blocks);
  out.st_atim = { tv_sec: i64(STAT.st_atime), tv_nsec: i64(STAT.st_atime_nsec) };
  out.st_mtim = { tv_sec: i64(STAT.st_mtime), tv_nsec: i64(STAT.st_mtime_nsec) };
  out.st_ctim = { tv_sec: i64(STAT.st_ctime), tv_nsec: i64(STAT.st_ctime_nsec) };
  return out;
}

/** Make a stat-family call into a scratch struct and decode it into buf. */
function statCall(buf: Stat | Ptr, call: (s: { str(x: Path): Ptr }, p: Ptr) => Sys): Sys {
  return scoped((s) => {
    const p = typeof buf === "number" ? buf : s.buf(STAT_SIZE);
    return then(call(s, p), (r) => {
      if (r === 0 && typeof buf !== "number") decodeStat(p, buf);
      return r;
    });
  });
}

/** stat(path, buf): fills buf (a Stat object, or an address of a struct stat); 0 or -1. */
export function stat(path: Path, buf: Stat | Ptr): Sys {
  return statCall(buf, (s, p) => sys(NR.__NR_newfstatat, AT_FDCWD, s.str(path), p, 0));
}
export function lstat(path: Path, buf: Stat | Ptr): Sys {
  return statCall(buf, (s, p) => sys(NR.__NR_newfstatat, AT_FDCWD, s.str(path), p, AT_SYMLINK_NOFOLLOW));
}
export function fstat(fd: number, buf: Stat | Ptr): Sys {
  return statCall(buf, (_s, p) => sys(NR.__NR_fstat, fd, p));
}
export function fstatat(dirfd: number, path: Path, buf: Stat | Ptr, flags: number): Sys {
  return statCall(buf, (s, p) => sys(NR.__NR_newfstatat, dirfd, s.str(path), p, flags));
}

export function mkdir(path: Path, mode: number): Sys { return sysStr(NR.__NR_mkdirat, [AT_FDCWD, path, mode]); }
export function mkdirat(dirfd: number, path: Path, mode: number): Sys { return sysStr(NR.__NR_mkdirat, [dirfd, path, mode]); }
export function chmod(path: Path, mode: number): Sys { return sysStr(NR.__NR_chmod, [path, mode]); }
export function fchmod(fd: number, mode: number): Sys { return sys(NR.__NR_fchmod, fd, mode); }
/** fchmodat(dirfd, path, mode, flags): flags (AT_SYMLINK_NOFOLLOW) need fchmodat2. */
export function fchmodat(dirfd: number, path: Path, mode: number, flags = 0): Sys {
  if (flags === 0) return sysStr(NR.__NR_fchmodat, [dirfd, path, mode]);
  return sysStr(NR.__NR_fchmodat2, [dirfd, path, mode, flags]);
}
/** umask(mask): sets the mask, returns the previous one (never fails). */
export function umask(mask: number): Sys { return sys(NR.__NR_umask, mask & 0o777); }
export function mknod(path: Path, mode: number, dev: number): Sys { return sysStr(NR.__NR_mknodat, [AT_FDCWD, path, mode, dev]); }
export function mknodat(dirfd: number, path: Path, mode: number, dev: number): Sys {
  return sysStr(NR.__NR_mknodat, [dirfd, path, mode, dev]);
}
export function mkfifo(path: Path, mode: number): Sys { return mknod(path, (mode & 0o7777) | S_IFIFO, 0); }
export function mkfifoat(dirfd: number, path: Path, mode: number): Sys { return mknodat(dirfd, path, (mode & 0o7777) | S_IFIFO, 0); }

export const UTIME_NOW = (1 << 30) - 1;
export const UTIME_OMIT = (1 << 30) - 2;

/** utimensat(dirfd, path, times, flags): times is [atime, mtime] or null (both now). */
export function utimensat(dirfd: number, path: Path | null, times: [Timespec, Timespec] | null, flags: number): Sys {
  return scoped((s) => {
    let tp = 0;
    if (times) {
      tp = s.buf(32);
      const v = dv();
      times.forEach((t, i) => {
        v.setBigInt64(tp + i * 16, BigInt(t.tv_sec), true);
        v.setBigInt64(tp + i * 16 + 8, BigInt(t.tv_nsec), true);
      });
    }
    return sys(NR.__NR_utimensat, dirfd, path === null ? 0 : s.str(path), tp, flags);
  });
}
export function futimens(fd: number, times: [Timespec, Timespec] | null): Sys { return utimensat(fd, null, times, 0); }

/** glibc's dev_t encoding: major in bits 8-19 and 32-43, minor in bits 0-7 and 20-31. */
export function makedev(major: number, minor: number): number {
  const lo = ((major & 0xfff) << 8) | (minor & 0xff) | ((minor & 0xfff00) << 12);
  const hi = (major & 0xfffff000) * 2 ** 32 + (minor & 0xfff00000) * 2 ** 12;
  return (lo >>> 0) + hi;
}
export function major(dev: number): number {
  const lo = dev % 2 ** 32, hi = Math.floor(dev / 2 ** 32);
  return (((lo >>> 8) & 0xfff) | (hi & 0xfffff000)) >>> 0;
}
export function minor(dev: number): number {
  const lo = dev % 2 ** 32, hi = Math.floor(dev / 2 ** 32);
  return ((lo & 0xff) | ((lo >>> 12) & 0xfff00) | ((hi & 0xfff) << 20)) >>> 0;
}
