// The module system calls (glibc offers no wrappers; kmod calls them with syscall(2)):
// init_module(2), finit_module(2) and delete_module(2), in the C convention (-1 and errno).
import { sys, scoped, type Sys } from "../internal/sys.js";
import * as NR from "./syscall.js";

export const MODULE_INIT_IGNORE_MODVERSIONS = 1, MODULE_INIT_IGNORE_VERMAGIC = 2, MODULE_INIT_COMPRESSED_FILE = 4;

/** init_module(image, len, param_values) */
export function init_module(image: Uint8Array, paramValues: string): Sys {
  return scoped((s) => sys(NR.__NR_init_module, s.data(image), image.length, s.str(paramValues)));
}

/** finit_module(fd, param_values, flags) */
export function finit_module(fd: number, paramValues: string, flags = 0): Sys {
  return scoped((s) => sys(NR.__NR_finit_module, fd, s.str(paramValues), flags));
}

/** delete_module(name, flags): flags O_NONBLOCK, O_TRUNC (force). */
export function delete_module(name: string, flags: number): Sys {
  return scoped((s) => sys(NR.__NR_delete_module, s.str(name), flags));
}
