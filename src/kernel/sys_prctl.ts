// Process controls: prctl (name, parent-death signal, dumpable, keepcaps, no_new_privs,
// child subreaper), arch_prctl (FS/GS bases), and capget/capset.
import type { Task } from "./task.js";
import { Errno } from "./errors.js";
import { EINVAL, EPERM, ESRCH } from "../include/uapi/errno.js";
import { NSIG } from "../include/uapi/signal.js";
import { copyFromUser, copyToUser, getUser32, getUserU32, putUser32, putUser64, StructBuf, decodeUtf8, encodeUtf8 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";
import { findTask } from "./pid.js";
import { procState } from "./proc_state.js";

export const PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4,
  PR_GET_KEEPCAPS = 7, PR_SET_KEEPCAPS = 8, PR_SET_NAME = 15, PR_GET_NAME = 16, PR_SET_CHILD_SUBREAPER = 36,
  PR_GET_CHILD_SUBREAPER = 37, PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39;
const TASK_COMM_LEN = 16;

/** implements prctl(2) for the options Typix knows; any other is EINVAL. */
export function sys_prctl(t: Task, option: number, arg2: number, arg3: number, arg4: number, arg5: number): number {
  const ps = procState(t);
  switch (option | 0) {
    case PR_SET_PDEATHSIG:
      if (arg2 < 0 || arg2 > NSIG) throw new Errno(EINVAL);
      ps.pdeathsig = arg2;
      return 0;
    case PR_GET_PDEATHSIG:
      putUser32(t.mm!, arg2 as UserPtr, ps.pdeathsig);
      return 0;
    case PR_GET_DUMPABLE:
      return ps.dumpable;
    case PR_SET_DUMPABLE:
      if (arg2 !== 0 && arg2 !== 1) throw new Errno(EINVAL);
      ps.dumpable = arg2;
      return 0;
    case PR_GET_KEEPCAPS:
      return ps.keepcaps;
    case PR_SET_KEEPCAPS:
      if (arg2 !== 0 && arg2 !== 1) throw new Errno(EINVAL);
      ps.keepcaps = arg2;
      return 0;
    case PR_SET_NAME: {
      const b = copyFromUserUpTo(t, arg2, TASK_COMM_LEN);
      const nul = b.indexOf(0);
      const name = b.subarray(0, Math.min(nul >= 0 ? nul : b.length, TASK_COMM_LEN - 1));
      t.comm = decodeUtf8(name);
      return 0;
    }
    case PR_GET_NAME: {
      const b = new Uint8Array(TASK_COMM_LEN);
      b.set(encodeUtf8(t.comm).subarray(0, TASK_COMM_LEN - 1));
      copyToUser(t.mm!, arg2 as UserPtr, b);
      return 0;
    }
    case PR_SET_CHILD_SUBREAPER:
      ps.childSubreaper = arg2 ? 1 : 0;
      return 0;
    case PR_GET_CHILD_SUBREAPER:
      putUser32(t.mm!, arg2 as UserPtr, ps.childSubreaper);
      return 0;
    case PR_SET_NO_NEW_PRIVS:
      if (arg2 !== 1 || arg3 || arg4 || arg5) throw new Errno(EINVAL);
      ps.noNewPrivs = 1;
      return 0;
    case PR_GET_NO_NEW_PRIVS:
      if (arg2 || arg3 || arg4 || arg5) throw new Errno(EINVAL);
      return ps.noNewPrivs;
    default:
      throw new Errno(EINVAL);
  }
}

/** Copy up to n bytes, stopping at the end of the readable memory (strncpy_from_user's way). */
function copyFromUserUpTo(t: Task, p: number, n: number): Uint8Array {
  for (let len = n; len > 0; len--) {
    try { return copyFromUser(t.mm!, p as UserPtr, len); } catch (e) { if (len === 1) throw e; }
  }
  return new Uint8Array(0);
}

export const ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004;
const TASK_SIZE_MAX = 0x7ffffffff000;

/** implements arch_prctl(2): the FS and GS bases are recorded (Typix programs have no segments). */
export function sys_arch_prctl(t: Task, code: number, addr: number): number {
  const ps = procState(t);
  switch (code) {
    case ARCH_SET_FS: case ARCH_SET_GS:
      if (addr < 0 || addr >= TASK_SIZE_MAX) throw new Errno(EPERM);
      if (code === ARCH_SET_FS) ps.fsBase = addr; else ps.gsBase = addr;
      return 0;
    case ARCH_GET_FS: putUser64(t.mm!, addr as UserPtr, ps.fsBase); return 0;
    case ARCH_GET_GS: putUser64(t.mm!, addr as UserPtr, ps.gsBase); return 0;
    default: throw new Errno(EINVAL);
  }
}

// ---- capabilities ----

const CAP_V1 = 0x19980330, CAP_V2 = 0x20071026, CAP_V3 = 0x20080522;
/** CAP_CHECKPOINT_RESTORE (40) is the last capability of Linux 6.x. */
export const CAP_FULL = (1n << 41n) - 1n;

/** The task's capability sets: what capset left, or what its uids give (root has all). */
export function capSets(t: Task): { eff: bigint; perm: bigint; inh: bigint } {
  const s = procState(t).caps;
  if (s) return s;
  const perm = t.cred.uid === 0 || t.cred.euid === 0 ? CAP_FULL : 0n;
  return { eff: t.cred.euid === 0 ? perm : 0n, perm, inh: 0n };
}

/** Check the header's version; an unknown one is answered with the kernel's (v3) and EINVAL. */
function capVersion(t: Task, header: number): number {
  const v = getUserU32(t.mm!, header as UserPtr);
  if (v === CAP_V1) return 1;
  if (v === CAP_V2 || v === CAP_V3) return 2;
  putUser32(t.mm!, header as UserPtr, CAP_V3);
  throw new Errno(EINVAL);
}

/** implements capget(2) */
export function sys_capget(t: Task, header: number, data: number): number {
  let words: number;
  try {
    words = capVersion(t, header);
  } catch (e) {
    if (e instanceof Errno && e.errno === EINVAL && !data) return 0;
    throw e;
  }
  const pid = getUser32(t.mm!, (header + 4) as UserPtr);
  if (pid < 0) throw new Errno(EINVAL);
  if (!data) return 0;
  const p = pid === 0 ? t : findTask(pid);
  if (!p || p.exitState !== 0) throw new Errno(ESRCH);
  const c = capSets(p);
  const b = new StructBuf(12 * words);
  for (let i = 0; i < words; i++) {
    const sh = BigInt(32 * i);
    b.u32(i * 12, Number((c.eff >> sh) & 0xffffffffn)).u32(i * 12 + 4, Number((c.perm >> sh) & 0xffffffffn))
      .u32(i * 12 + 8, Number((c.inh >> sh) & 0xffffffffn));
  }
  copyToUser(t.mm!, data as UserPtr, b.bytes);
  return 0;
}

/** implements capset(2): the caller's own sets, only ever narrowed (bounded by permitted). */
export function sys_capset(t: Task, header: number, data: number): number {
  const words = capVersion(t, header);
  const pid = getUser32(t.mm!, (header + 4) as UserPtr);
  if (pid !== 0 && pid !== t.pid) throw new Errno(EPERM);
  const raw = copyFromUser(t.mm!, data as UserPtr, 12 * words);
  const v = new DataView(raw.buffer);
  let eff = 0n, perm = 0n, inh = 0n;
  for (let i = 0; i < words; i++) {
    const sh = BigInt(32 * i);
    eff |= BigInt(v.getUint32(i * 12, true)) << sh;
    perm |= BigInt(v.getUint32(i * 12 + 4, true)) << sh;
    inh |= BigInt(v.getUint32(i * 12 + 8, true)) << sh;
  }
  const old = capSets(t);
  if ((inh & ~(old.inh | old.perm)) !== 0n) throw new Errno(EPERM);
  if ((perm & ~old.perm) !== 0n) throw new Errno(EPERM);
  if ((eff & ~perm) !== 0n) throw new Errno(EPERM);
  procState(t).caps = { eff: eff & CAP_FULL, perm: perm & CAP_FULL, inh: inh & CAP_FULL };
  return 0;
}

export const syscalls = { sys_prctl, sys_arch_prctl, sys_capget, sys_capset };
