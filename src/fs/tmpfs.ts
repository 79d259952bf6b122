// tmpfs: files in memory. Directories keep a name -> inode map; regular files a growable byte
// array; symlinks their target; device nodes and fifos only their numbers (opening them is the
// VFS's job). The root filesystem and devtmpfs are tmpfs instances.
import { Inode, SuperBlock, type FileSystemType, type InodeOperations } from "./inode.js";
import type { FileOperations } from "./file.js";
import { newRootDentry } from "./mount.js";
import { Errno } from "../kernel/errors.js";
import { EEXIST, ENOENT, ENOTEMPTY, ENOSPC, EFBIG, EINVAL } from "../include/uapi/errno.js";
import { S_IFDIR, S_IFREG, S_IFLNK, S_IFMT } from "../include/uapi/stat.js";
import { genericFileLlseek } from "./read_write_generic.js";
import { allocAnonDev } from "./super.js";

/** Bytes of a regular file: data[0..size) is the content. */
export class FileData {
  data = new Uint8Array(0);
  size = 0;
  reserve(n: number): void {
    if (n > MAX_FILE_SIZE) throw new Errno(EFBIG);
    if (n <= this.data.length) return;
    const next = new Uint8Array(Math.max(n, Math.min(this.data.length * 2, n + (64 << 20))));
    next.set(this.data.subarray(0, this.size));
    this.data = next;
  }
  truncate(n: number): void {
    if (n > this.size) this.reserve(n);
    else this.data.fill(0, n, this.size);
    this.size = n;
  }
}

const MAX_FILE_SIZE = 1 << 30;

interface TmpfsDir { entries: Map<string, Inode> }

export const tmpfsFileOps: FileOperations = {
  readIter(file, to, pos) {
    const fd = file.inode.priv as FileData;
    if (pos.value >= fd.size) return 0;
    const n = Math.min(to.count, fd.size - pos.value);
    const done = to.copyOut(fd.data.subarray(pos.value, pos.value + n));
    pos.value += done;
    return done;
  },
  writeIter(file, from, pos) {
    const inode = file.inode;
    const fd = inode.priv as FileData;
    const n = from.count;
    if (n === 0) return 0;
    if (inode.sb.priv?.full) throw new Errno(ENOSPC);
    fd.reserve(pos.value + n);
    const src = from.copyIn(n);
    fd.data.set(src, pos.value);
    pos.value += src.length;
    if (pos.value > fd.size) fd.size = pos.value;
    inode.size = fd.size;
    inode.touchModify();
    return src.length;
  },
  llseek: genericFileLlseek,
};

export const tmpfsDirOps: FileOperations = { llseek: genericFileLlseek };

function dirOf(inode: Inode): TmpfsDir { return inode.priv as TmpfsDir; }

function addEntry(dir: Inode, name: string, inode: Inode): Inode {
  const d = dirOf(dir);
  if (d.entries.has(name)) throw new Errno(EEXIST);
  d.entries.set(name, inode);
  dir.touchModify();
  return inode;
}

export const tmpfsInodeOps: InodeOperations = {
  lookup(dir, name) {
    return dirOf(dir).entries.get(name) ?? null;
  },
  create(dir, name, mode) {
    return addEntry(dir, name, newTmpfsInode(dir.sb, S_IFREG | (mode & 0o7777)));
  },
  mkdir(dir, name, mode) {
    const inode = addEntry(dir, name, newTmpfsInode(dir.sb, S_IFDIR | (mode & 0o7777)));
    dir.nlink++;
    return inode;
  },
  mknod(dir, name, mode, rdev) {
    const inode = newTmpfsInode(dir.sb, mode);
    inode.rdev = rdev;
    return addEntry(dir, name, inode);
  },
  symlink(dir, name, target) {
    const inode = newTmpfsInode(dir.sb, S_IFLNK | 0o777);
    inode.priv = target;
    inode.size = new TextEncoder().encode(target).length;
    return addEntry(dir, name, inode);
  },
  link(old, dir, name) {
    addEntry(dir, name, old);
    old.nlink++;
    old.touchChange();
  },
  unlink(dir, name) {
    const d = dirOf(dir);
    const inode = d.entries.get(name);
    if (!inode) throw new Errno(ENOENT);
    d.entries.delete(name);
    inode.nlink--;
    inode.touchChange();
    dir.touchModify();
  },
  rmdir(dir, name) {
    const d = dirOf(dir);
    const inode = d.entries.get(name);
    if (!inode) throw new Errno(ENOENT);
    if (dirOf(inode).entries.size > 0) throw new Errno(ENOTEMPTY);
    d.entries.delete(name);
    inode.nlink = 0;
    dir.nlink--;
    dir.touchModify();
  },
  rename(oldDir, oldName, newDir, newName) {
    const src = dirOf(oldDir).entries.get(oldName);
    if (!src) throw new Errno(ENOENT);
    const dst = dirOf(newDir).entries.get(newName);
    if (dst) {
      if (dst.isDir()) {
        if (dirOf(dst).entries.size > 0) throw new Errno(ENOTEMPTY);
        newDir.nlink--;
        dst.nlink = 0;
      } else {
        dst.nlink--;
      }
    }
    dirOf(oldDir).entries.delete(oldName);
    dirOf(newDir).entries.set(newName, src);
    if (src.isDir() && oldDir !== newDir) { oldDir.nlink--; newDir.nlink++; }
    oldDir.touchModify();
    newDir.touchModify();
    src.touchChange();
  },
  readlink(inode) {
    return inode.priv as string;
  },
  setSize(inode, size) {
    if (!inode.isReg()) throw new Errno(EINVAL);
    (inode.priv as FileData).truncate(size);
    inode.size = size;
  },
  list(dir) {
    return dirOf(dir).entries.entries();
  },
};

/** A new inode of any type on a tmpfs superblock. */
export function newTmpfsInode(sb: SuperBlock, mode: number): Inode {
  const type = mode & S_IFMT;
  const inode = new Inode(sb, mode, tmpfsInodeOps, type === S_IFREG ? tmpfsFileOps : type === S_IFDIR ? tmpfsDirOps : null);
  if (type === S_IFDIR) { inode.priv = { entries: new Map() } satisfies TmpfsDir; inode.nlink = 2; inode.size = 4096; }
  else if (type === S_IFREG) inode.priv = new FileData();
  return inode;
}

function tmpfsMount(type: FileSystemType, mode: number): SuperBlock {
  const sb = new SuperBlock(type, allocAnonDev());
  sb.magic = 0x01021994;
  sb.priv = { full: false };
  newRootDentry(sb, newTmpfsInode(sb, S_IFDIR | mode));
  return sb;
}

export const tmpfsType: FileSystemType = {
  name: "tmpfs",
  nodev: true,
  mount: (_src, _flags, data) => {
    const m = /(?:^|,)mode=([0-7]+)/.exec(data);
    return tmpfsMount(tmpfsType, m ? parseInt(m[1], 8) : 0o1777);
  },
};

export const ramfsType: FileSystemType = { name: "ramfs", nodev: true, mount: () => tmpfsMount(ramfsType, 0o755) };
