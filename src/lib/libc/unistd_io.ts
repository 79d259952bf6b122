// <unistd.h>, the descriptor calls: read, write, pread, pwrite, close, lseek, dup*, pipe*,
// fsync, sync, truncate. Buffers are addresses in the process's memory, or JavaScript values
// copied through the scratch area.
import { sys, sysStr, scoped, then, u8, dv, type Sys, type Ptr } from "./internal/sys.js";
import { encode } from "./internal/mem.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

export type { Sys };
export const STDIN_FILENO = 0, STDOUT_FILENO = 1, STDERR_FILENO = 2;
export { SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA, SEEK_HOLE, R_OK, W_OK, X_OK, F_OK } from "../../include/uapi/fcntl.js";

function writeLike(nr: number, fd: number, buf: Ptr | Uint8Array | string, count: number | undefined, off: number): Sys {
  if (typeof buf === "number") return sys(nr, fd, buf, count ?? 0, off);
  const data = typeof buf === "string" ? encode(buf) : buf;
  const n = count === undefined ? data.length : Math.max(0, Math.min(count, data.length));
  return scoped((s) => sys(nr, fd, s.data(data.subarray(0, n)), n, off));
}

function readLike(nr: number, fd: number, buf: Ptr | Uint8Array, count: number | undefined, off: number): Sys {
  if (typeof buf === "number") return sys(nr, fd, buf, count ?? 0, off);
  const n = count === undefined ? buf.length : Math.max(0, Math.min(count, buf.length));
  return scoped((s) => {
    const p = s.buf(n);
    return then(sys(nr, fd, p, n, off), (r) => {
      if (r > 0) buf.set(u8().subarray(p, p + r));
      return r;
    });
  });
}

/** write(fd, buf, count): buf is an address, a Uint8Array or a string. */
export function write(fd: number, buf: Ptr | Uint8Array | string, count?: number): Sys {
  return writeLike(NR.__NR_write, fd, buf, count, 0);
}

/** read(fd, buf, count): buf is an address or a Uint8Array to fill. */
export function read(fd: number, buf: Ptr | Uint8Array, count?: number): Sys {
  return readLike(NR.__NR_read, fd, buf, count, 0);
}

export function pwrite(fd: number, buf: Ptr | Uint8Array | string, count: number | undefined, offset: number): Sys {
  return writeLike(NR.__NR_pwrite64, fd, buf, count, offset);
}
export function pread(fd: number, buf: Ptr | Uint8Array, count: number | undefined, offset: number): Sys {
  return readLike(NR.__NR_pread64, fd, buf, count, offset);
}

export function close(fd: number): Sys { return sys(NR.__NR_close, fd); }
export function lseek(fd: number, offset: number, whence: number): Sys { return sys(NR.__NR_lseek, fd, offset, whence); }
export function dup(fd: number): Sys { return sys(NR.__NR_dup, fd); }
export function dup2(fd: number, fd2: number): Sys { return sys(NR.__NR_dup2, fd, fd2); }
export function dup3(fd: number, fd2: number, flags: number): Sys { return sys(NR.__NR_dup3, fd, fd2, flags); }

/** Where pipe() stores its two descriptors. */
export type FdPair = Int32Array | number[] | { value: [number, number] | number[] } | Ptr;

/** pipe2(fds, flags): fds is an Int32Array(2), an array, a { value } box, or an address of int[2]. */
export function pipe2(fds: FdPair, flags: number): Sys {
  if (typeof fds === "number") return sys(NR.__NR_pipe2, fds, flags);
  return scoped((s) => {
    const p = s.buf(8);
    return then(sys(NR.__NR_pipe2, p, flags), (r) => {
      if (r === 0) {
        const a = dv().getInt32(p, true), b = dv().getInt32(p + 4, true);
        if (fds instanceof Int32Array || Array.isArray(fds)) { fds[0] = a; fds[1] = b; }
        else fds.value = [a, b];
      }
      return r;
    });
  });
}
export function pipe(fds: FdPair): Sys { return pipe2(fds, 0); }

export function fsync(fd: number): Sys { return sys(NR.__NR_fsync, fd); }
export function fdatasync(fd: number): Sys { return sys(NR.__NR_fdatasync, fd); }
/** sync(): always succeeds (its result is ignored, as the C function returns void). */
export function sync(): Sys<void> { return then(sys(NR.__NR_sync), () => undefined); }
export function truncate(path: string | Ptr, length: number): Sys { return sysStr(NR.__NR_truncate, [path, length]); }
export function ftruncate(fd: number, length: number): Sys { return sys(NR.__NR_ftruncate, fd, length); }
