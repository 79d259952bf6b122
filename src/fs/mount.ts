// The mount tree and the registry of filesystem types (/proc/filesystems, /proc/mounts).
import { Dentry, Mount, type FileSystemType, type Path, type SuperBlock } from "./inode.js";
import { Errno } from "../kernel/errors.js";
import { ENODEV, EBUSY, EINVAL } from "../include/uapi/errno.js";

const fsTypes = new Map<string, FileSystemType>();
let rootMount: Mount | null = null;
const mounts: Mount[] = [];

export function registerFilesystem(t: FileSystemType): void { fsTypes.set(t.name, t); }
export function getFsType(name: string): FileSystemType {
  const t = fsTypes.get(name);
  if (!t) throw new Errno(ENODEV);
  return t;
}
export function filesystems(): FileSystemType[] { return [...fsTypes.values()]; }

/** Every mount, in mount order (/proc/mounts). */
export function allMounts(): Mount[] { return mounts; }

export function rootPath(): Path {
  return { mnt: rootMount!, dentry: rootMount!.root };
}

/** Mount the root filesystem. */
export function mountRoot(sb: SuperBlock, source: string): Mount {
  const m = new Mount(sb, sb.root, null, null, source, 0, "");
  rootMount = m;
  mounts.length = 0;
  mounts.push(m);
  return m;
}

/** Graft sb onto the directory at `at` (a bind mount passes the dentry to show as root). */
export function mountAt(at: Path, sb: SuperBlock, source: string, flags: number, options: string, root: Dentry = sb.root): Mount {
  if (at.dentry.inode.isDir() !== root.inode.isDir()) throw new Errno(EINVAL);
  const m = new Mount(sb, root, at.mnt, at.dentry, source, flags, options);
  m.shadowed = at.dentry.mounted;
  at.dentry.mounted = m;
  at.mnt.children.push(m);
  mounts.push(m);
  return m;
}

/** Detach the mount whose root is at `p` (umount2). */
export function umountAt(p: Path, busy: (m: Mount) => boolean): void {
  const m = p.mnt;
  if (p.dentry !== m.root || m === rootMount) throw new Errno(EINVAL);
  if (m.children.length > 0 || busy(m)) throw new Errno(EBUSY);
  m.mountpoint!.mounted = m.shadowed;
  m.parent!.children = m.parent!.children.filter((c) => c !== m);
  mounts.splice(mounts.indexOf(m), 1);
}

/** The absolute path of p, as getcwd and /proc/mounts print it. */
export function pathName(p: Path): string {
  const parts: string[] = [];
  let { mnt, dentry } = p;
  for (;;) {
    if (dentry === mnt.root) {
      if (!mnt.parent || !mnt.mountpoint) break;
      dentry = mnt.mountpoint;
      mnt = mnt.parent;
      continue;
    }
    parts.unshift(dentry.name);
    dentry = dentry.parent!;
  }
  return "/" + parts.join("/");
}

export function newRootDentry(sb: SuperBlock, inode: import("./inode.js").Inode): Dentry {
  const d = new Dentry("/", null, inode);
  sb.root = d;
  return d;
}

