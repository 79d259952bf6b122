// Advisory record locks of fcntl(2): POSIX locks (F_GETLK/F_SETLK/F_SETLKW), owned by a process's
// descriptor table and dropped when it closes any descriptor of the file, and open file
// description locks (F_OFD_*), owned by the open file and dropped with its last reference.
// Locks of one owner never conflict with each other; they merge and split as ranges change.
import type { Task } from "../kernel/task.js";
import type { File } from "./file.js";
import type { Inode } from "./inode.js";
import type { FdTable } from "./fdtable.js";
import { fdCloseHook } from "./fdtable.js";
import { WaitQueue } from "../kernel/wait.js";
import { Errno } from "../kernel/errors.js";
import { EINVAL, EBADF, EAGAIN, EDEADLK } from "../include/uapi/errno.js";
import { SEEK_SET, SEEK_CUR, SEEK_END } from "../include/uapi/fcntl.js";
import { copyFromUser, copyToUser } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

export const F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
export const F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38;

interface FileLock {
  /** The FdTable (POSIX locks) or the File (OFD locks). */
  owner: object;
  ofd: boolean;
  pid: number;
  type: number;
  start: number;
  /** Inclusive; Infinity for "to the end of the file and beyond". */
  end: number;
}

interface InodeLocks { locks: FileLock[]; wait: WaitQueue }
const inodeLocks = new WeakMap<Inode, InodeLocks>();
/** Which owner each blocked F_SETLKW waits for (deadlock detection). */
const blockedOn = new Map<object, object>();

function locksOf(inode: Inode): InodeLocks {
  let l = inodeLocks.get(inode);
  if (!l) inodeLocks.set(inode, (l = { locks: [], wait: new WaitQueue() }));
  return l;
}

/** An OFD lock whose open file is gone is gone too. */
function live(l: FileLock): boolean {
  return !l.ofd || (l.owner as File).refs > 0;
}

function conflicts(a: FileLock, b: { owner: object; type: number; start: number; end: number }): boolean {
  return a.owner !== b.owner && a.start <= b.end && b.start <= a.end && (a.type === F_WRLCK || b.type === F_WRLCK);
}

function firstConflict(il: InodeLocks, req: FileLock): FileLock | null {
  il.locks = il.locks.filter(live);
  return il.locks.find((l) => conflicts(l, req)) ?? null;
}

/** Remove [start, end] from owner's locks, splitting those that straddle it. */
function carve(il: InodeLocks, owner: object, start: number, end: number): void {
  const out: FileLock[] = [];
  for (const l of il.locks) {
    if (l.owner !== owner || l.end < start || l.start > end) { out.push(l); continue; }
    if (l.start < start) out.push({ ...l, end: start - 1 });
    if (l.end > end) out.push({ ...l, start: end + 1 });
  }
  il.locks = out;
}

/** Put req in place (its owner's overlapping locks are replaced; adjacent ones of its type merge). */
function apply(il: InodeLocks, req: FileLock): void {
  carve(il, req.owner, req.start, req.end);
  if (req.type !== F_UNLCK) {
    let { start, end } = req;
    il.locks = il.locks.filter((l) => {
      if (l.owner !== req.owner || l.type !== req.type) return true;
      if (l.end + 1 < start || l.start > end + 1) return true;
      start = Math.min(start, l.start);
      end = Math.max(end, l.end);
      return false;
    });
    il.locks.push({ ...req, start, end });
  }
  il.wait.wakeUp();
}

/** struct flock: l_type(i16) l_whence(i16) l_start(i64) l_len(i64) l_pid(i32) — 32 bytes. */
interface Flock { type: number; whence: number; start: number; len: number; pid: number }

function readFlock(t: Task, p: number): Flock {
  const b = copyFromUser(t.mm!, p as UserPtr, 32);
  const v = new DataView(b.buffer, b.byteOffset, 32);
  return {
    type: v.getInt16(0, true), whence: v.getInt16(2, true),
    start: Number(v.getBigInt64(8, true)), len: Number(v.getBigInt64(16, true)), pid: v.getInt32(24, true),
  };
}

/** The byte range a struct flock names, relative to the file's offset or size. */
function flockRange(file: File, fl: Flock): { start: number; end: number } {
  let base: number;
  switch (fl.whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = file.pos; break;
    case SEEK_END: base = file.inode.size; break;
    default: throw new Errno(EINVAL);
  }
  let start = base + fl.start;
  if (start < 0) throw new Errno(EINVAL);
  let end: number;
  if (fl.len > 0) end = start + fl.len - 1;
  else if (fl.len < 0) {
    end = start - 1;
    start += fl.len;
    if (start < 0) throw new Errno(EINVAL);
  } else end = Infinity;
  return { start, end };
}

function request(t: Task, file: File, fl: Flock, ofd: boolean): FileLock {
  if (fl.type !== F_RDLCK && fl.type !== F_WRLCK && fl.type !== F_UNLCK) throw new Errno(EINVAL);
  if (ofd && fl.pid !== 0) throw new Errno(EINVAL);
  const { start, end } = flockRange(file, fl);
  return { owner: ofd ? file : t.files, ofd, pid: t.tgid, type: fl.type, start, end };
}

/** F_GETLK / F_OFD_GETLK */
export function fcntlGetlk(t: Task, file: File, arg: number, ofd: boolean): number {
  const fl = readFlock(t, arg);
  if (fl.type !== F_RDLCK && fl.type !== F_WRLCK) throw new Errno(EINVAL);
  const req = request(t, file, fl, ofd);
  const c = firstConflict(locksOf(file.inode), req);
  const out = new DataView(new ArrayBuffer(32));
  out.setInt16(0, c ? c.type : F_UNLCK, true);
  if (c) {
    out.setInt16(2, SEEK_SET, true);
    out.setBigInt64(8, BigInt(c.start), true);
    out.setBigInt64(16, BigInt(c.end === Infinity ? 0 : c.end - c.start + 1), true);
    out.setInt32(24, c.ofd ? -1 : c.pid, true);
    copyToUser(t.mm!, arg as UserPtr, new Uint8Array(out.buffer));
  } else {
    copyToUser(t.mm!, arg as UserPtr, new Uint8Array(out.buffer, 0, 2));
  }
  return 0;
}

/** F_SETLK / F_SETLKW / F_OFD_SETLK / F_OFD_SETLKW */
export async function fcntlSetlk(t: Task, file: File, arg: number, ofd: boolean, wait: boolean): Promise<number> {
  const fl = readFlock(t, arg);
  const req = request(t, file, fl, ofd);
  if (req.type === F_RDLCK && !file.readable) throw new Errno(EBADF);
  if (req.type === F_WRLCK && !file.writable) throw new Errno(EBADF);
  const il = locksOf(file.inode);
  for (;;) {
    const c = req.type === F_UNLCK ? null : firstConflict(il, req);
    if (!c) {
      apply(il, req);
      return 0;
    }
    if (!wait) throw new Errno(EAGAIN);
    // A cycle of POSIX owners each waiting for the next would never end.
    if (!ofd && !c.ofd) {
      let o: object | undefined = c.owner;
      for (let i = 0; o && i < 64; i++, o = blockedOn.get(o)) if (o === req.owner) throw new Errno(EDEADLK);
    }
    blockedOn.set(req.owner, c.owner);
    try {
      await il.wait.waitEvent(t, () => !firstConflict(il, req));
    } finally {
      blockedOn.delete(req.owner);
    }
  }
}

/**
 * close() of any descriptor drops the POSIX locks its table holds on the file (locks_remove_posix);
 * closing the last reference of an open file drops its OFD locks.
 */
export function locksOnClose(owner: FdTable, file: File): void {
  const il = inodeLocks.get(file.inode);
  if (!il || il.locks.length === 0) return;
  const before = il.locks.length;
  const last = file.refs <= 1;
  il.locks = il.locks.filter((l) => l.owner !== owner && !(last && l.owner === file) && live(l));
  if (il.locks.length !== before) il.wait.wakeUp();
}

fdCloseHook.fn = locksOnClose;
