// Opening and releasing File objects: the reference counting of open files (fget/fput) and
// of the owning module of their operations.
import { File, type FileOperations } from "./file.js";
import type { Inode, Path } from "./inode.js";

/** Hooks the module subsystem installs to pin the owner of a file's operations. */
export const fopsOwnerHooks = {
  get: (_owner: FileOperations["owner"]): boolean => true,
  put: (_owner: FileOperations["owner"]): void => {},
};

export function allocFile(path: Path, inode: Inode, fop: FileOperations, flags: number): File {
  inode.openCount++;
  return new File(path, inode, fop, flags);
}

/** Take another reference on an open file (dup, fork, SCM). */
export function fget(file: File): File {
  file.refs++;
  return file;
}

/** Drop a reference; the last one runs release() and unpins the owner module. */
/** Run when an open file's last reference goes (flock locks belong to the open file). */
export const fileFinalHooks: ((file: File) => void)[] = [];

export function fput(file: File): void | Promise<unknown> {
  if (--file.refs > 0) return;
  for (const hook of fileFinalHooks) hook(file);
  file.inode.openCount--;
  const fop = file.fop;
  const done = () => fopsOwnerHooks.put(fop.owner);
  if (fop.release) {
    let r: unknown;
    try {
      r = fop.release(file.inode, file);
    } catch (e) {
      done();
      throw e;
    }
    if (r instanceof Promise) return r.finally(done);
  }
  done();
}
