// I/O port permissions (Linux's arch/x86/kernel/ioport.c): iopl(2) and ioperm(2). Typix has no
// port I/O instructions for a program to use, but the calls keep Linux's checks and results, so
// an exercise that asks for port access as a user gets EPERM and as root succeeds; the level and
// the permitted ranges are the task's own and are inherited by its children.
import type { Task } from "../../../kernel/task.js";
import { Errno } from "../../../kernel/errors.js";
import { capable } from "../../../kernel/cred.js";
import { EINVAL, EPERM } from "../../../include/uapi/errno.js";

/** Ports an I/O bitmap covers (IO_BITMAP_BITS). */
const IO_BITMAP_BITS = 65536;

/** implements iopl(2) */
export function sys_iopl(t: Task, level: number): number {
  level = level >>> 0;
  if (level > 3) throw new Errno(EINVAL);
  if (level > t.ioplLevel && !capable(t.cred)) throw new Errno(EPERM);
  t.ioplLevel = level;
  return 0;
}

/** implements ioperm(2) */
export function sys_ioperm(t: Task, from: number, num: number, turnOn: number): number {
  from = Number(BigInt.asUintN(64, BigInt(Math.trunc(from))));
  num = Number(BigInt.asUintN(64, BigInt(Math.trunc(num))));
  if (from + num <= from || from + num > IO_BITMAP_BITS) throw new Errno(EINVAL);
  if (turnOn !== 0 && !capable(t.cred)) throw new Errno(EPERM);
  const ports = (t.ioPorts ??= new Uint8Array(IO_BITMAP_BITS));
  ports.fill(turnOn !== 0 ? 1 : 0, from, from + num);
  return 0;
}

export const syscalls = { sys_iopl, sys_ioperm };
