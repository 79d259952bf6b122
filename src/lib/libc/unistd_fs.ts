// <unistd.h>, the file-system calls: access, unlink, rmdir, link, symlink, readlink, chdir,
// getcwd, chown. Paths are JavaScript strings or addresses of C strings.
import { sys, sysStr, scoped, then, u8, type Sys, type Ptr } from "./internal/sys.js";
import { decode } from "./internal/mem.js";
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW } from "../../include/uapi/fcntl.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

type Path = string | Ptr;
const PATH_MAX = 4096;

export function access(path: Path, mode: number): Sys { return sysStr(NR.__NR_access, [path, mode]); }
/** faccessat(dirfd, path, mode, flags): flags (AT_EACCESS, AT_SYMLINK_NOFOLLOW) need faccessat2. */
export function faccessat(dirfd: number, path: Path, mode: number, flags = 0): Sys {
  if (flags === 0) return sysStr(NR.__NR_faccessat, [dirfd, path, mode]);
  return sysStr(NR.__NR_faccessat2, [dirfd, path, mode, flags]);
}
export function unlink(path: Path): Sys { return sysStr(NR.__NR_unlink, [path]); }
export function unlinkat(dirfd: number, path: Path, flags: number): Sys { return sysStr(NR.__NR_unlinkat, [dirfd, path, flags]); }
export function rmdir(path: Path): Sys { return sysStr(NR.__NR_rmdir, [path]); }
export function link(oldpath: Path, newpath: Path): Sys { return sysStr(NR.__NR_link, [oldpath, newpath]); }
export function linkat(olddirfd: number, oldpath: Path, newdirfd: number, newpath: Path, flags: number): Sys {
  return sysStr(NR.__NR_linkat, [olddirfd, oldpath, newdirfd, newpath, flags]);
}
export function symlink(target: Path, linkpath: Path): Sys { return sysStr(NR.__NR_symlink, [target, linkpath]); }
export function symlinkat(target: Path, newdirfd: number, linkpath: Path): Sys {
  return sysStr(NR.__NR_symlinkat, [target, newdirfd, linkpath]);
}

/**
 * readlinkat(dirfd, path, buf?, bufsiz?): with an address buf, the C call (returns the byte
 * count, no NUL added). Without one, returns the link's target as a string, or -1 and errno.
 */
export function readlinkat(dirfd: number, path: Path, buf?: Ptr, bufsiz?: number): Sys<number | string> {
  if (buf !== undefined) return sysStr(NR.__NR_readlinkat, [dirfd, path, buf, bufsiz ?? 0]);
  return scoped((s) => {
    const p = s.buf(PATH_MAX);
    return then(sys(NR.__NR_readlinkat, dirfd, s.str(path), p, PATH_MAX), (r): number | string =>
      r < 0 ? r : decode(u8().slice(p, p + r)));
  });
}
export function readlink(path: Path): Sys<number | string>;
export function readlink(path: Path, buf: Ptr, bufsiz: number): Sys<number | string>;
export function readlink(path: Path, buf?: Ptr, bufsiz?: number): Sys<number | string> {
  return readlinkat(AT_FDCWD, path, buf, bufsiz);
}

export function chdir(path: Path): Sys { return sysStr(NR.__NR_chdir, [path]); }
export function fchdir(fd: number): Sys { return sys(NR.__NR_fchdir, fd); }

/**
 * getcwd(): the working directory as a string, or null with errno. getcwd(buf, size) with an
 * address fills it as C does and returns buf or null (0).
 */
export function getcwd(): Sys<string | null>;
export function getcwd(buf: Ptr, size: number): Sys<number | null>;
export function getcwd(buf?: Ptr, size?: number): Sys<string | number | null> {
  if (buf !== undefined) return then(sys(NR.__NR_getcwd, buf, size ?? 0), (r) => (r < 0 ? null : buf));
  return scoped((s) => {
    const p = s.buf(PATH_MAX);
    return then(sys(NR.__NR_getcwd, p, PATH_MAX), (r) => (r < 0 ? null : decode(u8().slice(p, p + r - 1))));
  });
}

export function chown(path: Path, owner: number, group: number): Sys { return sysStr(NR.__NR_chown, [path, owner, group]); }
export function lchown(path: Path, owner: number, group: number): Sys { return sysStr(NR.__NR_lchown, [path, owner, group]); }
export function fchown(fd: number, owner: number, group: number): Sys { return sys(NR.__NR_fchown, fd, owner, group); }
export function fchownat(dirfd: number, path: Path, owner: number, group: number, flags: number): Sys {
  return sysStr(NR.__NR_fchownat, [dirfd, path, owner, group, flags]);
}
export { AT_SYMLINK_NOFOLLOW };
