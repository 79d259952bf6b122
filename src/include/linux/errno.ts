// "linux/errno": the errno numbers (uapi plus the kernel-internal ERESTARTSYS family) and the
// ERR_PTR helpers. A driver returns -ENOMEM, -EFAULT ... from its callbacks, as in Linux.
import * as uapi from "../uapi/errno.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export * from "../uapi/errno.js";
export const ERESTART_RESTARTBLOCK = 516,
  EPROBE_DEFER = 517, EOPENSTALE = 518, ENOPARAM = 519, EBADHANDLE = 521, ENOTSUPP = 524, ETOOSMALL = 525;
export const MAX_ERRNO = 4095;

/** An error carried in place of an object (ERR_PTR(-ENOMEM)). */
export class ErrPtr {
  constructor(readonly err: number) {}
}
export const ERR_PTR = (err: number) => new ErrPtr(err);
export const IS_ERR = (p: unknown): p is ErrPtr => p instanceof ErrPtr;
export const IS_ERR_OR_NULL = (p: unknown) => p === null || p === undefined || p instanceof ErrPtr;
export const PTR_ERR = (p: unknown): number => (p instanceof ErrPtr ? p.err : 0);
export const PTR_ERR_OR_ZERO = PTR_ERR;

const numbers: Record<string, unknown> = {};
for (const [k, v] of Object.entries(uapi)) if (typeof v === "number" && /^E[A-Z0-9]+$/.test(k)) numbers[k] = v;
export const api = {
  ...numbers, ERESTART_RESTARTBLOCK, EPROBE_DEFER, EOPENSTALE, ENOPARAM,
  EBADHANDLE, ENOTSUPP, ETOOSMALL, MAX_ERRNO, ERR_PTR, IS_ERR, IS_ERR_OR_NULL, PTR_ERR, PTR_ERR_OR_ZERO,
};
exportHeader("linux/errno", api);
