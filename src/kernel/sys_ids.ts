// Process identity system calls: getpid, getppid, gettid, the uid/gid family (set* for root
// only, as Linux's rules allow), process groups and sessions.
import type { Task } from "./task.js";
import { Errno } from "./errors.js";
import { EPERM, EINVAL, ESRCH, EFAULT, EACCES } from "../include/uapi/errno.js";
import { findTask, allTasks } from "./pid.js";
import { putUser32, getUser32 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

export const sys_getpid = (t: Task) => t.tgid;
export const sys_gettid = (t: Task) => t.pid;
export const sys_getppid = (t: Task) => t.parent?.pid ?? 0;
export const sys_getuid = (t: Task) => t.cred.uid;
export const sys_geteuid = (t: Task) => t.cred.euid;
export const sys_getgid = (t: Task) => t.cred.gid;
export const sys_getegid = (t: Task) => t.cred.egid;

const uidOk = (id: number) => id === -1 || (id >= 0 && id < 0xffffffff);
/** A uid/gid argument as Linux reads it: -1 for (uid_t)-1, else the unsigned value. */
const idArg = (id: number) => (id >>> 0 === 0xffffffff ? -1 : id >>> 0);

/** implements setuid(2) */
export function sys_setuid(t: Task, uid: number): number {
  uid = idArg(uid);
  if (uid === -1) throw new Errno(EINVAL);
  const c = t.cred;
  if (c.euid === 0) { c.uid = c.euid = c.suid = c.fsuid = uid; return 0; }
  if (uid === c.uid || uid === c.suid) { c.euid = c.fsuid = uid; return 0; }
  throw new Errno(EPERM);
}

/** implements setgid(2) */
export function sys_setgid(t: Task, gid: number): number {
  gid = idArg(gid);
  if (gid === -1) throw new Errno(EINVAL);
  const c = t.cred;
  if (c.euid === 0) { c.gid = c.egid = c.sgid = c.fsgid = gid; return 0; }
  if (gid === c.gid || gid === c.sgid) { c.egid = c.fsgid = gid; return 0; }
  throw new Errno(EPERM);
}

/** implements setreuid(2) */
export function sys_setreuid(t: Task, ruid: number, euid: number): number {
  ruid = idArg(ruid); euid = idArg(euid);
  if (!uidOk(ruid) || !uidOk(euid)) throw new Errno(EINVAL);
  const c = t.cred;
  const root = c.euid === 0;
  if (ruid !== -1 && !root && ruid !== c.uid && ruid !== c.euid) throw new Errno(EPERM);
  if (euid !== -1 && !root && euid !== c.uid && euid !== c.euid && euid !== c.suid) throw new Errno(EPERM);
  const oldRuid = c.uid;
  if (ruid !== -1) c.uid = ruid;
  if (euid !== -1) c.euid = c.fsuid = euid;
  if (ruid !== -1 || (euid !== -1 && euid !== oldRuid)) c.suid = c.euid;
  return 0;
}

/** implements setregid(2) */
export function sys_setregid(t: Task, rgid: number, egid: number): number {
  rgid = idArg(rgid); egid = idArg(egid);
  if (!uidOk(rgid) || !uidOk(egid)) throw new Errno(EINVAL);
  const c = t.cred;
  const root = c.euid === 0;
  if (rgid !== -1 && !root && rgid !== c.gid && rgid !== c.egid) throw new Errno(EPERM);
  if (egid !== -1 && !root && egid !== c.gid && egid !== c.egid && egid !== c.sgid) throw new Errno(EPERM);
  const oldRgid = c.gid;
  if (rgid !== -1) c.gid = rgid;
  if (egid !== -1) c.egid = c.fsgid = egid;
  if (rgid !== -1 || (egid !== -1 && egid !== oldRgid)) c.sgid = c.egid;
  return 0;
}

/** implements setresuid(2) */
export function sys_setresuid(t: Task, r: number, e: number, s: number): number {
  r = idArg(r); e = idArg(e); s = idArg(s);
  const c = t.cred;
  if (c.euid !== 0) for (const id of [r, e, s]) if (id !== -1 && id !== c.uid && id !== c.euid && id !== c.suid) throw new Errno(EPERM);
  if (r !== -1) c.uid = r;
  if (e !== -1) c.euid = c.fsuid = e;
  if (s !== -1) c.suid = s;
  return 0;
}

/** implements setresgid(2) */
export function sys_setresgid(t: Task, r: number, e: number, s: number): number {
  r = idArg(r); e = idArg(e); s = idArg(s);
  const c = t.cred;
  if (c.euid !== 0) for (const id of [r, e, s]) if (id !== -1 && id !== c.gid && id !== c.egid && id !== c.sgid) throw new Errno(EPERM);
  if (r !== -1) c.gid = r;
  if (e !== -1) c.egid = c.fsgid = e;
  if (s !== -1) c.sgid = s;
  return 0;
}

/** implements getresuid(2) */
export function sys_getresuid(t: Task, r: number, e: number, s: number): number {
  const mm = t.mm!;
  putUser32(mm, r as UserPtr, t.cred.uid); putUser32(mm, e as UserPtr, t.cred.euid); putUser32(mm, s as UserPtr, t.cred.suid);
  return 0;
}

/** implements getresgid(2) */
export function sys_getresgid(t: Task, r: number, e: number, s: number): number {
  const mm = t.mm!;
  putUser32(mm, r as UserPtr, t.cred.gid); putUser32(mm, e as UserPtr, t.cred.egid); putUser32(mm, s as UserPtr, t.cred.sgid);
  return 0;
}

/** implements getgroups(2) */
export function sys_getgroups(t: Task, size: number, list: number): number {
  const g = t.cred.groups;
  if (size < 0) throw new Errno(EINVAL);
  if (size === 0) return g.length;
  if (size < g.length) throw new Errno(EINVAL);
  g.forEach((gid, i) => putUser32(t.mm!, (list + i * 4) as UserPtr, gid));
  return g.length;
}

/** implements setgroups(2) */
export function sys_setgroups(t: Task, size: number, list: number): number {
  if (t.cred.euid !== 0) throw new Errno(EPERM);
  if (size < 0 || size > 65536) throw new Errno(EINVAL);
  const g: number[] = [];
  for (let i = 0; i < size; i++) g.push(getUser32(t.mm!, (list + i * 4) as UserPtr) >>> 0);
  // The kernel keeps groups sorted (groups_sort), and getgroups returns them so.
  t.cred.groups = g.sort((a, b) => a - b);
  return 0;
}

/** implements setfsuid(2): returns the old fsuid whether or not it changed. */
export function sys_setfsuid(t: Task, uid: number): number {
  const c = t.cred, old = c.fsuid;
  uid = idArg(uid);
  if (uid === -1) return old;
  if (c.euid === 0 || [c.uid, c.euid, c.suid, c.fsuid].includes(uid)) c.fsuid = uid;
  return old;
}
/** implements setfsgid(2) */
export function sys_setfsgid(t: Task, gid: number): number {
  const c = t.cred, old = c.fsgid;
  gid = idArg(gid);
  if (gid === -1) return old;
  if (c.euid === 0 || [c.gid, c.egid, c.sgid, c.fsgid].includes(gid)) c.fsgid = gid;
  return old;
}

function taskOrSelf(t: Task, pid: number): Task {
  if (pid === 0) return t;
  const p = pid > 0 ? findTask(pid) : undefined;
  if (!p || p.exitState === "dead") throw new Errno(ESRCH);
  return p;
}

export const sys_getpgrp = (t: Task) => t.pgid;
export const sys_getpgid = (t: Task, pid: number) => taskOrSelf(t, pid | 0).pgid;
export const sys_getsid = (t: Task, pid: number) => taskOrSelf(t, pid | 0).sid;

/** Does a process group or session with this id still have a member (zombies count)? */
const pgrpExists = (pgid: number, sid: number) => [...allTasks()].some((x) => x.pgid === pgid && x.sid === sid && x.exitState !== "dead");

/** implements setpgid(2) */
export function sys_setpgid(t: Task, pid: number, pgid: number): number {
  pid |= 0; pgid |= 0;
  if (pid === 0) pid = t.pid;
  if (pgid === 0) pgid = pid;
  if (pgid < 0) throw new Errno(EINVAL);
  const p = pid > 0 ? findTask(pid) : undefined;
  if (!p || p.exitState === "dead") throw new Errno(ESRCH);
  if (p.parent === t) {
    if (p.sid !== t.sid) throw new Errno(EPERM);
    // A child that has called execve can no longer be moved.
    if (p.execGeneration > 0) throw new Errno(EACCES);
  } else if (p !== t) {
    throw new Errno(ESRCH);
  }
  if (p.sid === p.pid) throw new Errno(EPERM);
  if (pgid !== p.pid && !pgrpExists(pgid, t.sid)) throw new Errno(EPERM);
  p.pgid = pgid;
  return 0;
}

/** implements setsid(2) */
export function sys_setsid(t: Task): number {
  for (const x of allTasks()) if (x.pgid === t.pid && x.exitState !== "dead") throw new Errno(EPERM);
  t.sid = t.pid;
  t.pgid = t.pid;
  t.tty = null;
  return t.pid;
}

export const syscalls = {
  sys_getpid, sys_gettid, sys_getppid, sys_getuid, sys_geteuid, sys_getgid, sys_getegid, sys_setuid, sys_setgid,
  sys_setreuid, sys_setregid, sys_setresuid, sys_setresgid, sys_getresuid, sys_getresgid, sys_getgroups, sys_setgroups,
  sys_setfsuid, sys_setfsgid, sys_getpgrp, sys_getpgid, sys_getsid, sys_setpgid, sys_setsid,
};
export { EFAULT };
