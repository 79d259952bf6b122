// Waiting for several descriptors: poll(2), ppoll(2), select(2) and pselect6(2). Each pass asks
// every file's poll operation for its ready mask (registering its wait queues the first time);
// when nothing is ready the task sleeps on all of those queues at once until one is woken, the
// timeout passes or a signal arrives (ERESTARTNOHAND: EINTR once a handler has run).
import type { Task } from "../kernel/task.js";
import type { File, PollTable } from "./file.js";
import {
  POLLIN, POLLPRI, POLLOUT, POLLERR, POLLHUP, POLLNVAL, POLLRDNORM, POLLRDBAND, POLLWRNORM, POLLWRBAND,
} from "./file.js";
import { waitOnAny } from "../kernel/wait.js";
import { Errno } from "../kernel/errors.js";
import { EINVAL, EINTR, ERESTARTSYS, ERESTARTNOHAND } from "../include/uapi/errno.js";
import { O_PATH } from "../include/uapi/fcntl.js";
import { copyFromUser, copyToUser, getUser64, getUserBig64 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";
import { UNBLOCKABLE, ERESTART_RESTARTBLOCK } from "../kernel/signal.js";
import { procState } from "../kernel/proc_state.js";

/** What a file without a poll operation is: always readable and writable. */
export const DEFAULT_POLLMASK = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
const POLLIN_SET = POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR;
const POLLOUT_SET = POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR;
const POLLEX_SET = POLLPRI;
const SIGSET_SIZE = 8;

/** A descriptor's file for polling, or null (closed, or an O_PATH descriptor). */
function pollFile(t: Task, fd: number): File | null {
  if (!t.files.has(fd)) return null;
  const f = t.files.get(fd);
  return f.flags & O_PATH ? null : f;
}

function fileMask(t: Task, file: File, pt: PollTable | null): number {
  return file.fop.poll ? file.fop.poll(file, pt, t) : DEFAULT_POLLMASK;
}

/**
 * Scan until something is ready (do_poll/do_select): scan(pt) returns how many entries are ready,
 * registering wait queues into pt when given. deadline is on the performance.now() clock; null
 * waits forever. A host timer that fires early does not end the wait before the deadline.
 */
async function pollLoop(t: Task, scan: (pt: PollTable | null) => number, deadline: number | null): Promise<number> {
  const pt: PollTable = { queues: [] };
  let n = scan(pt);
  if (n > 0 || (deadline !== null && deadline <= performance.now())) return n;
  if (t.signalPending()) throw new Errno(ERESTARTNOHAND);
  try {
    for (;;) {
      const left = deadline === null ? null : Math.ceil(deadline - performance.now());
      if (left !== null && left <= 0) return n;
      if (await waitOnAny(t, pt.queues, () => (n = scan(null)) > 0, left)) return n;
    }
  } catch (e) {
    if (e instanceof Errno && e.errno === ERESTARTSYS) throw new Errno(ERESTARTNOHAND);
    throw e;
  }
}

// ---- poll ----

/** Poll the pollfd array at ufds until deadline (ms, performance.now() clock; null: none). */
async function doSysPoll(t: Task, ufds: number, nfds: number, deadline: number | null): Promise<number> {
  if (nfds > t.files.max) throw new Errno(EINVAL);
  const raw = copyFromUser(t.mm!, ufds as UserPtr, nfds * 8);
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const scan = (pt: PollTable | null): number => {
    let count = 0;
    for (let i = 0; i < nfds; i++) {
      const fd = v.getInt32(i * 8, true);
      let rev = 0;
      if (fd >= 0) {
        const file = pollFile(t, fd);
        if (!file) rev = POLLNVAL;
        else {
          const events = v.getUint16(i * 8 + 4, true);
          rev = fileMask(t, file, pt) & (events | POLLERR | POLLHUP);
        }
      }
      v.setUint16(i * 8 + 6, rev, true);
      if (rev) count++;
    }
    return count;
  };
  let n: number;
  try {
    n = await pollLoop(t, scan, deadline);
  } catch (e) {
    if (e instanceof Errno && e.errno === ERESTARTNOHAND) {
      procState(t).restartBlock = () => doSysPoll(t, ufds, nfds, deadline);
      throw new Errno(ERESTART_RESTARTBLOCK);
    }
    throw e;
  }
  copyToUser(t.mm!, ufds as UserPtr, raw);
  return n;
}

/** implements poll(2) */
export function sys_poll(t: Task, ufds: number, nfds: number, timeoutMsecs: number): Promise<number> {
  const ms = timeoutMsecs | 0;
  return doSysPoll(t, ufds, nfds >>> 0, ms < 0 ? null : performance.now() + ms);
}

// ---- timeouts and signal masks of ppoll/pselect6 ----

/** A struct timespec timeout in ms (EINVAL when malformed); null for a NULL pointer. */
function timespecMs(t: Task, p: number): number | null {
  if (!p) return null;
  const sec = getUser64(t.mm!, p as UserPtr);
  const nsec = getUser64(t.mm!, (p + 8) as UserPtr);
  if (sec < 0 || nsec < 0 || nsec >= 1e9) throw new Errno(EINVAL);
  return sec * 1000 + nsec / 1e6;
}

/** A struct timeval timeout in ms (EINVAL when malformed); null for a NULL pointer. */
function timevalMs(t: Task, p: number): number | null {
  if (!p) return null;
  const sec = getUser64(t.mm!, p as UserPtr);
  const usec = getUser64(t.mm!, (p + 8) as UserPtr);
  if (sec < 0 || usec < 0 || usec >= 1e6) throw new Errno(EINVAL);
  return sec * 1000 + usec / 1000;
}

/** Write back the time left (Linux updates the caller's timeout); unit 1e9 for timespec, 1e6 for timeval. */
function putRemaining(t: Task, p: number, deadline: number, perSec: number): boolean {
  const leftMs = Math.max(0, deadline - performance.now());
  const sec = Math.floor(leftMs / 1000);
  const frac = Math.floor(((leftMs - sec * 1000) / 1000) * perSec);
  const b = new DataView(new ArrayBuffer(16));
  b.setBigInt64(0, BigInt(sec), true);
  b.setBigInt64(8, BigInt(frac), true);
  try {
    copyToUser(t.mm!, p as UserPtr, new Uint8Array(b.buffer));
    return true;
  } catch {
    return false;
  }
}

/** Install the temporary mask of ppoll/pselect6 (set_user_sigmask). */
function setUserSigmask(t: Task, mask: bigint | null): void {
  if (mask === null) return;
  t.savedSigmask = t.blocked;
  t.blocked = mask & ~UNBLOCKABLE;
}

/** Undo it unless the call was interrupted: then the mask stays until the handler has run. */
function restoreSigmask(t: Task, interrupted: boolean): void {
  if (interrupted || t.savedSigmask === null) return;
  t.blocked = t.savedSigmask;
  t.savedSigmask = null;
}

function readSigmask(t: Task, p: number, size: number): bigint | null {
  if (!p) return null;
  if (size !== SIGSET_SIZE) throw new Errno(EINVAL);
  return getUserBig64(t.mm!, p as UserPtr);
}

/**
 * Run a wait with a temporary signal mask and a timeout to write back (poll_select_finish).
 * tp is the user's timeout pointer (0: none); ms its value.
 */
async function withMaskAndTimeout(t: Task, mask: bigint | null, tp: number, ms: number | null, perSec: number,
  run: (deadline: number | null) => Promise<number>): Promise<number> {
  const deadline = ms === null ? null : performance.now() + ms;
  setUserSigmask(t, mask);
  let interrupted = false;
  try {
    return await run(deadline);
  } catch (e) {
    interrupted = e instanceof Errno && e.errno === ERESTARTNOHAND;
    if (interrupted && tp && ms !== 0 && deadline !== null && !putRemaining(t, tp, deadline, perSec)) throw new Errno(EINTR);
    throw e;
  } finally {
    restoreSigmask(t, interrupted);
    if (!interrupted && tp && ms !== 0 && deadline !== null) putRemaining(t, tp, deadline, perSec);
  }
}

/** implements ppoll(2) */
export async function sys_ppoll(t: Task, ufds: number, nfds: number, tsp: number, sigmask: number, sigsetsize: number): Promise<number> {
  const ms = timespecMs(t, tsp);
  const mask = readSigmask(t, sigmask, sigsetsize);
  nfds >>>= 0;
  return withMaskAndTimeout(t, mask, tsp, ms, 1e9, async (deadline) => {
    try {
      return await doSysPoll(t, ufds, nfds, deadline);
    } catch (e) {
      // ppoll restarts with the updated timespec rather than a restart block.
      if (e instanceof Errno && e.errno === ERESTART_RESTARTBLOCK) {
        procState(t).restartBlock = null;
        throw new Errno(ERESTARTNOHAND);
      }
      throw e;
    }
  });
}

// ---- select ----

/** Bytes of an fd_set covering n descriptors (whole longs). */
const fdsBytes = (n: number) => Math.ceil(n / 64) * 8;

function readFdSet(t: Task, p: number, bytes: number): Uint8Array | null {
  return p ? copyFromUser(t.mm!, p as UserPtr, bytes) : null;
}

async function doSelect(t: Task, n: number, inp: number, outp: number, exp: number, deadline: number | null): Promise<number> {
  if (n < 0) throw new Errno(EINVAL);
  if (n > t.files.max) n = t.files.max;
  const bytes = fdsBytes(n);
  const sets = [readFdSet(t, inp, bytes), readFdSet(t, outp, bytes), readFdSet(t, exp, bytes)];
  const res = sets.map((s) => (s ? new Uint8Array(s.length) : null));
  const bit = (s: Uint8Array | null, fd: number) => s !== null && (s[fd >> 3] & (1 << (fd & 7))) !== 0;
  // Every descriptor named must be open.
  const fds: number[] = [];
  for (let fd = 0; fd < n; fd++) {
    if (!bit(sets[0], fd) && !bit(sets[1], fd) && !bit(sets[2], fd)) continue;
    t.files.get(fd);
    fds.push(fd);
  }
  const scan = (pt: PollTable | null): number => {
    let count = 0;
    for (const r of res) r?.fill(0);
    for (const fd of fds) {
      const file = pollFile(t, fd);
      const mask = file ? fileMask(t, file, pt) : 0;
      const hit = (i: number, want: number) => {
        if (bit(sets[i], fd) && mask & want) {
          res[i]![fd >> 3] |= 1 << (fd & 7);
          count++;
        }
      };
      hit(0, POLLIN_SET);
      hit(1, POLLOUT_SET);
      hit(2, POLLEX_SET);
    }
    return count;
  };
  const count = await pollLoop(t, scan, deadline);
  if (inp) copyToUser(t.mm!, inp as UserPtr, res[0]!);
  if (outp) copyToUser(t.mm!, outp as UserPtr, res[1]!);
  if (exp) copyToUser(t.mm!, exp as UserPtr, res[2]!);
  return count;
}

/** implements select(2) */
export function sys_select(t: Task, n: number, inp: number, outp: number, exp: number, tvp: number): Promise<number> {
  const ms = timevalMs(t, tvp);
  return withMaskAndTimeout(t, null, tvp, ms, 1e6, (deadline) => doSelect(t, n | 0, inp, outp, exp, deadline));
}

/** implements pselect6(2): the sixth argument points at { const sigset_t *ss; size_t ss_len; }. */
export function sys_pselect6(t: Task, n: number, inp: number, outp: number, exp: number, tsp: number, sig: number): Promise<number> {
  const ms = timespecMs(t, tsp);
  let mask: bigint | null = null;
  if (sig) {
    const ss = getUser64(t.mm!, sig as UserPtr);
    const len = getUser64(t.mm!, (sig + 8) as UserPtr);
    mask = readSigmask(t, ss, len);
  }
  return withMaskAndTimeout(t, mask, tsp, ms, 1e9, (deadline) => doSelect(t, n | 0, inp, outp, exp, deadline));
}

export const syscalls = { sys_poll, sys_ppoll, sys_select, sys_pselect6 };
