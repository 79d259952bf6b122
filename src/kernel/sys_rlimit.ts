// Resource limits: getrlimit, setrlimit, prlimit64. RLIMIT_NOFILE is the descriptor table's
// size; RLIMIT_NICE bounds setpriority; the others are kept for their users to consult.
import type { Task } from "./task.js";
import { Errno } from "./errors.js";
import { EINVAL, EPERM, ESRCH } from "../include/uapi/errno.js";
import { capable } from "./cred.js";
import { findTask } from "./pid.js";
import { copyToUser, getUserBig64, StructBuf } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";
import { procState, RLIM_NLIMITS, RLIMIT_NOFILE, type Rlimit } from "./proc_state.js";

/** fs.nr_open: the most descriptors RLIMIT_NOFILE may allow. */
export const NR_OPEN = 1048576;

/** The limit `resource` of t (for other subsystems: RLIMIT_FSIZE, RLIMIT_NPROC, ...). */
export function rlimit(t: Task, resource: number): Rlimit {
  return procState(t).rlim[resource];
}

function readRlimit(t: Task, p: number): Rlimit {
  return { cur: getUserBig64(t.mm!, p as UserPtr), max: getUserBig64(t.mm!, (p + 8) as UserPtr) };
}

function writeRlimit(t: Task, p: number, r: Rlimit): void {
  copyToUser(t.mm!, p as UserPtr, new StructBuf(16).i64(0, r.cur).i64(8, r.max).bytes);
}

/** do_prlimit: check and install a new limit; returns the old one. */
function doPrlimit(caller: Task, t: Task, resource: number, next: Rlimit | null): Rlimit {
  if (resource < 0 || resource >= RLIM_NLIMITS) throw new Errno(EINVAL);
  const lim = procState(t).rlim;
  const old = { ...lim[resource] };
  if (next) {
    if (next.cur > next.max) throw new Errno(EINVAL);
    if (resource === RLIMIT_NOFILE && next.max > BigInt(NR_OPEN)) throw new Errno(EPERM);
    if (next.max > old.max && !capable(caller.cred)) throw new Errno(EPERM);
    lim[resource] = { ...next };
    if (resource === RLIMIT_NOFILE) t.files.max = Number(next.cur);
  }
  return old;
}

/** implements getrlimit(2) */
export function sys_getrlimit(t: Task, resource: number, rlim: number): number {
  const r = doPrlimit(t, t, resource >>> 0, null);
  writeRlimit(t, rlim, r);
  return 0;
}

/** implements setrlimit(2) */
export function sys_setrlimit(t: Task, resource: number, rlim: number): number {
  const next = readRlimit(t, rlim);
  doPrlimit(t, t, resource >>> 0, next);
  return 0;
}

/** implements prlimit64(2) */
export function sys_prlimit64(t: Task, pid: number, resource: number, newRlim: number, oldRlim: number): number {
  const next = newRlim ? readRlimit(t, newRlim) : null;
  const p = (pid | 0) === 0 ? t : findTask(pid | 0);
  if (!p || p.exitState !== 0) throw new Errno(ESRCH);
  if (p !== t && !capable(t.cred)) {
    const c = t.cred, tc = p.cred;
    const same = c.uid === tc.uid && c.uid === tc.euid && c.uid === tc.suid &&
      c.gid === tc.gid && c.gid === tc.egid && c.gid === tc.sgid;
    if (!same) throw new Errno(EPERM);
  }
  const old = doPrlimit(t, p, resource >>> 0, next);
  if (oldRlim) writeRlimit(t, oldRlim, old);
  return 0;
}

export const syscalls = { sys_getrlimit, sys_setrlimit, sys_prlimit64 };
