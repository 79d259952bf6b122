// "linux/ioctl": the request-number encoding of asm-generic/ioctl.h, with Linux's bit layout
// (nr bits 0-7, type bits 8-15, size bits 16-29, direction bits 30-31; _IOC_WRITE 1,
// _IOC_READ 2). The type is a number or a one-character string ('k' as "k"); the size is the
// argument's size in bytes (C's sizeof(T)), at most 16383. The numbers are those of user
// space: libc's <sys/ioctl.h> exports the same functions from the same uapi file.
import * as uapi from "../uapi/ioctls.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export { _IOC_NRBITS, _IOC_TYPEBITS, _IOC_SIZEBITS, _IOC_NRSHIFT, _IOC_TYPESHIFT, _IOC_SIZESHIFT, _IOC_DIRSHIFT, _IOC_NONE,
  _IOC_WRITE, _IOC_READ, _IOC, _IO, _IOR, _IOW, _IOWR, _IOC_DIR, _IOC_TYPE, _IOC_NR, _IOC_SIZE } from "../uapi/ioctls.js";
export const _IOC_DIRBITS = 2;
export const _IOC_NRMASK = 0xff, _IOC_TYPEMASK = 0xff, _IOC_SIZEMASK = 0x3fff, _IOC_DIRMASK = 3;
export const IOC_IN = uapi._IOC_WRITE << uapi._IOC_DIRSHIFT, IOC_OUT = (uapi._IOC_READ << uapi._IOC_DIRSHIFT) >>> 0,
  IOC_INOUT = ((uapi._IOC_WRITE | uapi._IOC_READ) << uapi._IOC_DIRSHIFT) >>> 0,
  IOCSIZE_MASK = _IOC_SIZEMASK << uapi._IOC_SIZESHIFT, IOCSIZE_SHIFT = uapi._IOC_SIZESHIFT;

export const api = {
  _IOC_NRBITS: uapi._IOC_NRBITS, _IOC_TYPEBITS: uapi._IOC_TYPEBITS, _IOC_SIZEBITS: uapi._IOC_SIZEBITS, _IOC_DIRBITS,
  _IOC_NRSHIFT: uapi._IOC_NRSHIFT, _IOC_TYPESHIFT: uapi._IOC_TYPESHIFT, _IOC_SIZESHIFT: uapi._IOC_SIZESHIFT,
  _IOC_DIRSHIFT: uapi._IOC_DIRSHIFT, _IOC_NRMASK, _IOC_TYPEMASK, _IOC_SIZEMASK, _IOC_DIRMASK, _IOC_NONE: uapi._IOC_NONE,
  _IOC_WRITE: uapi._IOC_WRITE, _IOC_READ: uapi._IOC_READ, _IOC: uapi._IOC, _IO: uapi._IO, _IOR: uapi._IOR,
  _IOW: uapi._IOW, _IOWR: uapi._IOWR, _IOC_DIR: uapi._IOC_DIR, _IOC_TYPE: uapi._IOC_TYPE, _IOC_NR: uapi._IOC_NR,
  _IOC_SIZE: uapi._IOC_SIZE, IOC_IN, IOC_OUT, IOC_INOUT, IOCSIZE_MASK, IOCSIZE_SHIFT,
};
exportHeader("linux/ioctl", api);
