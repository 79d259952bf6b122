// The procfs filesystem type and its root directory: the fixed entries (registered with
// procCreate/procMkdir/procSymlink by the files beside this one, and later by modules, as
// proc_create does) followed by one directory per process. Registered at the fs initcall.
import type { Inode, FileSystemType, SuperBlock } from "../inode.js";
import type { FileOperations } from "../file.js";
import { Dentry } from "../inode.js";
import { registerFilesystem } from "../mount.js";
import { initcall } from "../../kernel/initcall.js";
import { Errno } from "../../kernel/errors.js";
import { EEXIST, ENOENT, ENOTDIR } from "../../include/uapi/errno.js";
import { procSuper, procFileInode, procLinkInode, ProcStaticDir, type ProcFileOps, type ProcLinkOps, type ProcDirOps } from "./inode.js";

export const procFsType: FileSystemType = {
  name: "proc",
  nodev: true,
  mount: () => procSb(),
};

/** Where the per-process directories come from (base.ts). */
export const procPidDirs: { ops: ProcDirOps | null } = { ops: null };

let root: ProcStaticDir | null = null;
const dirs = new Map<Inode, ProcStaticDir>();

function procSb(): SuperBlock {
  const sb = procSuper(procFsType);
  if (!root) {
    root = new ProcStaticDir(sb, 0o555, {
      lookup: (name, t) => procPidDirs.ops?.lookup(name, t) ?? null,
      list: (t) => procPidDirs.ops?.list(t) ?? [],
    });
    dirs.set(root.inode, root);
    sb.root = new Dentry("/", null, root.inode);
  }
  return sb;
}

/** The directory at path (relative to /proc), made (0555) when create is set. */
function dirAt(parts: string[], create: boolean): ProcStaticDir {
  procSb();
  let d = root!;
  for (const p of parts) {
    let c = d.entries.get(p);
    if (!c) {
      if (!create) throw new Errno(ENOENT);
      const nd = new ProcStaticDir(procSb());
      dirs.set(nd.inode, nd);
      d.entries.set(p, nd.inode);
      c = nd.inode;
    }
    const sd = dirs.get(c);
    if (!sd) throw new Errno(ENOTDIR);
    d = sd;
  }
  return d;
}

function place(path: string, inode: Inode): Inode {
  const parts = path.split("/").filter(Boolean);
  const name = parts.pop()!;
  const d = dirAt(parts, true);
  if (d.entries.has(name)) throw new Errno(EEXIST);
  d.entries.set(name, inode);
  return inode;
}

/** proc_create: a generator file at /proc/path (parent directories made as needed). */
export function procCreate(path: string, mode: number, ops: ProcFileOps): Inode {
  return place(path, procFileInode(procSb(), mode, ops));
}

/** proc_create with the file's own operations (streams such as /proc/kmsg, modules' proc_ops). */
export function procCreateFops(path: string, mode: number, fops: FileOperations): Inode {
  return place(path, procFileInode(procSb(), mode, {}, fops));
}

/** proc_mkdir: a directory at /proc/path. */
export function procMkdir(path: string, mode = 0o555): Inode {
  const parts = path.split("/").filter(Boolean);
  const existing = dirAt(parts.slice(0, -1), true).entries.get(parts[parts.length - 1]);
  if (existing) throw new Errno(EEXIST);
  const nd = new ProcStaticDir(procSb(), mode);
  dirs.set(nd.inode, nd);
  return place(path, nd.inode);
}

/** proc_symlink: a link at /proc/path, fixed text or computed. */
export function procSymlink(path: string, target: string | ProcLinkOps): Inode {
  const ops = typeof target === "string" ? { readlink: () => target } : target;
  return place(path, procLinkInode(procSb(), 0o777, ops));
}

/** remove_proc_entry / proc_remove: take /proc/path (and what is below it) away. */
export function procRemove(path: string): void {
  const parts = path.split("/").filter(Boolean);
  const name = parts.pop();
  if (!name) throw new Errno(ENOENT);
  const d = dirAt(parts, false);
  const inode = d.entries.get(name);
  if (!inode) throw new Errno(ENOENT);
  d.entries.delete(name);
  inode.nlink = 0;
  dirs.delete(inode);
}

/** Is there an entry at /proc/path? */
export function procExists(path: string): boolean {
  const parts = path.split("/").filter(Boolean);
  const name = parts.pop();
  try {
    return name ? dirAt(parts, false).entries.has(name) : true;
  } catch {
    return false;
  }
}

initcall("fs", "proc_root_init", () => {
  registerFilesystem(procFsType);
  procSb();
});
