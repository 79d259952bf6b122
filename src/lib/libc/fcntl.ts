// <fcntl.h>: open, openat, creat, fcntl, and the O_*, AT_*, F_* constants of the ABI.
import { sys, sysStr, scoped, then, dv, type Sys, type Ptr } from "./internal/sys.js";
import { AT_FDCWD, F_GETLK, F_SETLK, F_SETLKW } from "../../include/uapi/fcntl.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";
export * from "../../include/uapi/fcntl.js";

type Path = string | Ptr;

/** open(path, flags, mode = 0): a new descriptor, or -1 and errno. */
export function open(path: Path, flags: number, mode = 0): Sys { return sysStr(NR.__NR_openat, [AT_FDCWD, path, flags, mode]); }
export function openat(dirfd: number, path: Path, flags: number, mode = 0): Sys { return sysStr(NR.__NR_openat, [dirfd, path, flags, mode]); }
export function creat(path: Path, mode: number): Sys { return sysStr(NR.__NR_creat, [path, mode]); }

/** struct flock (32 bytes on x86-64). */
export interface Flock { l_type: number; l_whence: number; l_start: number; l_len: number; l_pid: number }
export const F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;

/**
 * fcntl(fd, cmd, arg): arg is an integer, an address, or for the lock commands a Flock object
 * (filled back by F_GETLK).
 */
export function fcntl(fd: number, cmd: number, arg: number | Flock = 0): Sys {
  if (typeof arg === "number") return sys(NR.__NR_fcntl, fd, cmd, arg);
  if (cmd !== F_GETLK && cmd !== F_SETLK && cmd !== F_SETLKW && cmd !== 36 && cmd !== 37 && cmd !== 38) {
    return sys(NR.__NR_fcntl, fd, cmd, 0);
  }
  return scoped((s) => {
    const p = s.buf(32);
    const v = dv();
    v.setInt16(p, arg.l_type, true);
    v.setInt16(p + 2, arg.l_whence, true);
    v.setBigInt64(p + 8, BigInt(arg.l_start), true);
    v.setBigInt64(p + 16, BigInt(arg.l_len), true);
    v.setInt32(p + 24, arg.l_pid, true);
    return then(sys(NR.__NR_fcntl, fd, cmd, p), (r) => {
      if (r >= 0) {
        arg.l_type = v.getInt16(p, true);
        arg.l_whence = v.getInt16(p + 2, true);
        arg.l_start = Number(v.getBigInt64(p + 8, true));
        arg.l_len = Number(v.getBigInt64(p + 16, true));
        arg.l_pid = v.getInt32(p + 24, true);
      }
      return r;
    });
  });
}
