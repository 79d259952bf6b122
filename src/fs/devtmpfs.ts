// devtmpfs: the kernel's own /dev. One tmpfs superblock, shared by every mount of type
// "devtmpfs", in which drivers create their device nodes (devtmpfsCreateNode, as device_add
// does through devtmpfs_create_node) and remove them again. Boot mounts it on /dev.
import { Dentry, SuperBlock, type FileSystemType, type Inode } from "./inode.js";
import { registerFilesystem, newRootDentry } from "./mount.js";
import { tmpfsInodeOps, newTmpfsInode } from "./tmpfs.js";
import { allocAnonDev } from "./super.js";
import { initcall } from "../kernel/initcall.js";
import { Errno } from "../kernel/errors.js";
import { EEXIST, ENOENT, ENOTDIR } from "../include/uapi/errno.js";
import { S_IFDIR, S_IFMT, S_IFLNK } from "../include/uapi/stat.js";
import type { Task } from "../kernel/task.js";

let devSb: SuperBlock | null = null;

export const devtmpfsType: FileSystemType = {
  name: "devtmpfs",
  nodev: true,
  mount: () => devtmpfsSb(),
};

/** The one devtmpfs superblock, made on first use. */
export function devtmpfsSb(): SuperBlock {
  if (!devSb) {
    devSb = new SuperBlock(devtmpfsType, allocAnonDev());
    devSb.magic = 0x01021994; // TMPFS_MAGIC
    devSb.priv = { full: false };
    newRootDentry(devSb, newTmpfsInode(devSb, S_IFDIR | 0o755));
  }
  return devSb;
}

// Nodes are made by the kernel, not by a task: the VFS operations that take one get none.
const KERNEL = null as unknown as Task;

function child(d: Dentry, name: string): Dentry | null {
  const cached = d.children.get(name);
  if (cached) return cached;
  const inode = tmpfsInodeOps.lookup!(d.inode, name, KERNEL);
  if (!inode) return null;
  const nd = new Dentry(name, d, inode);
  d.children.set(name, nd);
  return nd;
}

/** The directory holding the last component of name, made (0755) as needed. */
function parentDir(name: string, create: boolean): { dir: Dentry; base: string } {
  const parts = name.split("/").filter(Boolean);
  const base = parts.pop();
  if (!base) throw new Errno(ENOENT);
  let d = devtmpfsSb().root;
  for (const p of parts) {
    let c = child(d, p);
    if (!c) {
      if (!create) throw new Errno(ENOENT);
      const inode = tmpfsInodeOps.mkdir!(d.inode, p, 0o755, KERNEL);
      inode.mode = S_IFDIR | 0o755;
      c = new Dentry(p, d, inode);
      d.children.set(p, c);
    }
    if (!c.inode.isDir()) throw new Errno(ENOTDIR);
    d = c;
  }
  return { dir: d, base };
}

function add(name: string, make: (dir: Inode, base: string) => Inode, uid: number, gid: number): Inode {
  const { dir, base } = parentDir(name, true);
  if (child(dir, base)) throw new Errno(EEXIST);
  const inode = make(dir.inode, base);
  inode.uid = uid;
  inode.gid = gid;
  dir.children.set(base, new Dentry(base, dir, inode));
  return inode;
}

/** Create the device node /dev/name (subdirectories are made as needed). EEXIST if present. */
export function devtmpfsCreateNode(name: string, mode: number, rdev: number, uid = 0, gid = 0): Inode {
  return add(name, (dir, base) => tmpfsInodeOps.mknod!(dir, base, mode, rdev, KERNEL), uid, gid);
}

/** A directory in /dev (shm, pts, input ...). */
export function devtmpfsMkdir(name: string, mode: number): Inode {
  return add(name, (dir, base) => {
    const inode = tmpfsInodeOps.mkdir!(dir, base, mode, KERNEL);
    inode.mode = S_IFDIR | (mode & 0o7777);
    return inode;
  }, 0, 0);
}

/** A symbolic link in /dev (fd, stdin ...). */
export function devtmpfsSymlink(name: string, target: string): Inode {
  return add(name, (dir, base) => tmpfsInodeOps.symlink!(dir, base, target, KERNEL), 0, 0);
}

/** Remove /dev/name (a node someone renamed or replaced by another type is left alone), then empty parent directories. */
export function devtmpfsDeleteNode(name: string): void {
  const { dir, base } = parentDir(name, false);
  const d = child(dir, base);
  if (!d) throw new Errno(ENOENT);
  if (d.inode.isDir()) throw new Errno(ENOENT);
  const t = d.inode.mode & S_IFMT;
  if (t === S_IFLNK) throw new Errno(ENOENT);
  tmpfsInodeOps.unlink!(dir.inode, base, KERNEL);
  dir.children.delete(base);
  // Remove the directories devtmpfs made for it once they are empty (delete_path).
  let cur: Dentry | null = dir;
  while (cur && cur.parent && cur.inode.isDir()) {
    const entries = [...tmpfsInodeOps.list!(cur.inode, KERNEL)];
    if (entries.length > 0) break;
    const parent: Dentry = cur.parent;
    tmpfsInodeOps.rmdir!(parent.inode, cur.name, KERNEL);
    parent.children.delete(cur.name);
    cur = parent;
  }
}

function devtmpfsInit(): void {
  registerFilesystem(devtmpfsType);
  devtmpfsSb();
  // What udev and systemd would add: the fd links and the shm and pts directories.
  devtmpfsSymlink("fd", "/proc/self/fd");
  devtmpfsSymlink("stdin", "/proc/self/fd/0");
  devtmpfsSymlink("stdout", "/proc/self/fd/1");
  devtmpfsSymlink("stderr", "/proc/self/fd/2");
  devtmpfsMkdir("shm", 0o1777);
  devtmpfsMkdir("pts", 0o755);
}

initcall("fs", "devtmpfs_init", devtmpfsInit);
