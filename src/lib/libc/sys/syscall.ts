// <sys/syscall.h> and syscall(2): any system call by number, in the C convention (-1 and
// errno), and every __NR_* constant of the table.
import { sys, type Sys } from "../internal/sys.js";
export * from "../../../include/uapi/asm/unistd_64.gen.js";

/** syscall(nr, ...args): up to six integer arguments (addresses for pointers). */
export function syscall(nr: number, ...args: number[]): Sys {
  const a = [...args, 0, 0, 0, 0, 0, 0];
  return sys(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}
