// Descriptor lookups for path-like calls on an open file: fdget refuses O_PATH descriptors
// (EBADF), as Linux's fdget does for fchmod, fchown, ftruncate, fsync and getdents; fdgetRaw
// accepts them (fstat, fstatfs, fchdir, the dirfd of *at calls).
import type { Task } from "../kernel/task.js";
import type { File } from "./file.js";
import { Errno } from "../kernel/errors.js";
import { EBADF, ENOENT } from "../include/uapi/errno.js";
import { O_PATH } from "../include/uapi/fcntl.js";
import type { Path } from "./inode.js";
import { atStart, getPath } from "./open.js";
import { pathLookup } from "./namei.js";

export function fdget(t: Task, fd: number): File {
  const f = t.files.get(fd | 0);
  if (f.flags & O_PATH) throw new Errno(EBADF);
  return f;
}

export function fdgetRaw(t: Task, fd: number): File {
  return t.files.get(fd | 0);
}

/**
 * Resolve a path argument of a *at call (user_path_at): follow a final symlink if asked; an
 * empty path names dirfd itself when allowEmpty (AT_EMPTY_PATH), else it is ENOENT.
 */
export function userPathAt(t: Task, dirfd: number, pathname: number, follow: boolean, allowEmpty = false): Path {
  const path = getPath(t, pathname);
  if (path === "") {
    if (!allowEmpty) throw new Errno(ENOENT);
    return atStart(t, dirfd, "");
  }
  return pathLookup(t, atStart(t, dirfd, path), path, { follow });
}
