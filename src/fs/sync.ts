// Flushing to storage: sync(2), syncfs(2), fsync(2), fdatasync(2). Typix's filesystems keep
// everything in memory, so there is nothing to write back; what remains is Linux's errno
// behaviour and the file's own fsync operation (a driver's, or a host-backed file's).
import type { Task } from "../kernel/task.js";
import type { File } from "./file.js";
import { Errno, check } from "../kernel/errors.js";
import { EINVAL } from "../include/uapi/errno.js";
import { fdget } from "./fdget.js";

/** vfs_fsync: the file's fsync; in-memory files and directories have nothing to flush; others EINVAL. */
export async function vfsFsync(file: File): Promise<number> {
  const fsync = file.fop.fsync;
  if (fsync) {
    const r = await fsync.call(file.fop, file);
    if (typeof r === "number") check(r);
    return 0;
  }
  const inode = file.inode;
  if (!inode.sb.dynamic && (inode.isReg() || inode.isDir())) return 0;
  throw new Errno(EINVAL);
}

/** implements fsync(2) */
export function sys_fsync(t: Task, fd: number): Promise<number> {
  return vfsFsync(fdget(t, fd));
}

/** implements fdatasync(2) */
export function sys_fdatasync(t: Task, fd: number): Promise<number> {
  return vfsFsync(fdget(t, fd));
}

/** implements syncfs(2) */
export function sys_syncfs(t: Task, fd: number): number {
  fdget(t, fd);
  return 0;
}

/** implements sync(2): always succeeds. */
export function sys_sync(_t: Task): number {
  return 0;
}

export const syscalls = { sys_sync, sys_syncfs, sys_fsync, sys_fdatasync };
