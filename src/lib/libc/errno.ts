// <errno.h>: errno, strerror, perror. errno is per process: a live binding that libc's
// wrappers set right after a failing call (only one process runs at a time on a CPU, so it is
// the caller's until its next call), and also kept in the process's libc state.
import { strerror as kstrerror, errnoName } from "../../include/uapi/errno.js";
import { trapBackend } from "./arch/trap.js";
export * from "../../include/uapi/errno.js";

export let errno = 0;

/** Set errno (what every wrapper does with a -errno return). */
export function __set_errno(e: number): void {
  errno = e;
  trapBackend().state().errno = e;
}

/** errno of the calling process. */
export function __errno_location(): number {
  return trapBackend().state().errno;
}

/** Turn a raw syscall return into the C convention: -1 and errno, or the value. */
export function __syscall_ret(r: number): number {
  if (r < 0 && r > -4096) {
    __set_errno(-r);
    return -1;
  }
  return r;
}

export function strerror(e: number): string {
  return kstrerror(e);
}

export { errnoName };
