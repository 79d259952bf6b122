// The one error type inside the kernel: it carries an errno. Handlers and every layer below
// them throw it; the syscall dispatcher (arch/x86/entry/common.ts) is the only place that
// turns it into -errno. It deliberately does not extend Error: throwing it captures no stack,
// so a failing syscall costs no more than a returning one. Any other exception reaching the
// dispatcher is a kernel bug and becomes an oops.
import { ERRNO_TABLE } from "../include/uapi/errno.js";

export class Errno {
  constructor(readonly errno: number) {}
  toString(): string {
    return `Errno(${ERRNO_TABLE.get(this.errno)?.[0] ?? this.errno})`;
  }
}

/** Throw errno: `fail(ENOENT)`. */
export function fail(errno: number): never {
  throw new Errno(errno);
}

/** A kernel-API return value (0 or -errno, as modules return them) made into an exception. */
export function check(ret: number): number {
  if (ret < 0 && ret >= -4095) throw new Errno(-ret);
  return ret;
}

export function isErrno(e: unknown): e is Errno {
  return e instanceof Errno;
}
