// flock(2): BSD whole-file locks. A lock belongs to the open file (shared by dup'd descriptors
// and across fork), is shared (LOCK_SH) or exclusive (LOCK_EX), and goes when the open file's
// last reference is closed. They are independent of POSIX record locks (fcntl, locks.ts).
import type { Task } from "../kernel/task.js";
import type { File } from "./file.js";
import type { Inode } from "./inode.js";
import { WaitQueue } from "../kernel/wait.js";
import { Errno } from "../kernel/errors.js";
import { EINVAL, EWOULDBLOCK, EBADF } from "../include/uapi/errno.js";
import { fileFinalHooks } from "./file_table.js";
import { O_PATH } from "../include/uapi/fcntl.js";

export const LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;

interface InodeLocks { holders: Map<File, "sh" | "ex">; wq: WaitQueue }
const locks = new WeakMap<Inode, InodeLocks>();

function of(inode: Inode): InodeLocks {
  let l = locks.get(inode);
  if (!l) locks.set(inode, (l = { holders: new Map(), wq: new WaitQueue() }));
  return l;
}

function conflicts(l: InodeLocks, file: File, kind: "sh" | "ex"): boolean {
  for (const [f, k] of l.holders) if (f !== file && (kind === "ex" || k === "ex")) return true;
  return false;
}

function unlock(file: File): void {
  const l = locks.get(file.inode);
  if (l?.holders.delete(file)) l.wq.wakeUp();
}
fileFinalHooks.push(unlock);

/** implements flock(2) */
export async function sys_flock(t: Task, fd: number, op: number): Promise<number> {
  const file = t.files.get(fd | 0);
  if (file.flags & O_PATH) throw new Errno(EBADF);
  const cmd = op & ~LOCK_NB;
  if (cmd === LOCK_UN) { unlock(file); return 0; }
  if (cmd !== LOCK_SH && cmd !== LOCK_EX) throw new Errno(EINVAL);
  const kind = cmd === LOCK_EX ? "ex" : "sh";
  const l = of(file.inode);
  // Converting a lock drops the old one first, as Linux does (not atomic).
  if (l.holders.has(file) && l.holders.get(file) !== kind) { l.holders.delete(file); l.wq.wakeUp(); }
  if (conflicts(l, file, kind)) {
    if (op & LOCK_NB) throw new Errno(EWOULDBLOCK);
    await l.wq.waitEvent(t, () => !conflicts(l, file, kind));
  }
  l.holders.set(file, kind);
  return 0;
}

export const syscalls = { sys_flock };
