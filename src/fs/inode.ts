// Inodes, dentries, superblocks and mounts: the objects of the VFS (see fs/README.md).
// An inode is a file's identity and attributes; a dentry names an inode inside its parent
// directory and caches lookups; a mount grafts a filesystem's root dentry onto a dentry.
import type { FileOperations } from "./file.js";
import type { Task } from "../kernel/task.js";
import { S_IFMT, S_IFDIR, S_IFLNK, S_IFREG } from "../include/uapi/stat.js";

export interface Timespec { sec: number; nsec: number }

export function nowTimespec(): Timespec {
  const ms = Date.now();
  return { sec: Math.floor(ms / 1000), nsec: (ms % 1000) * 1e6 };
}

/** Directory and attribute operations of an inode (Linux's inode_operations). Absent: EPERM/ENOTDIR as the VFS decides. */
export interface InodeOperations {
  /** Find name in dir; null when it does not exist (the VFS then reports ENOENT). */
  lookup?(dir: Inode, name: string, task: Task): Inode | null;
  create?(dir: Inode, name: string, mode: number, task: Task): Inode;
  mkdir?(dir: Inode, name: string, mode: number, task: Task): Inode;
  mknod?(dir: Inode, name: string, mode: number, rdev: number, task: Task): Inode;
  symlink?(dir: Inode, name: string, target: string, task: Task): Inode;
  link?(old: Inode, dir: Inode, name: string, task: Task): void;
  unlink?(dir: Inode, name: string, task: Task): void;
  rmdir?(dir: Inode, name: string, task: Task): void;
  rename?(oldDir: Inode, oldName: string, newDir: Inode, newName: string, flags: number, task: Task): void;
  readlink?(inode: Inode, task: Task): string;
  /** A "magic" link (/proc/PID/fd/N, cwd, exe): following it lands on this path itself, not on its text. */
  getLink?(inode: Inode, task: Task): Path | null;
  /** Change size (truncate); attribute changes (mode, owner, times) are applied by the VFS. */
  setSize?(inode: Inode, size: number): void;
  /** Called after the VFS changed mode/uid/gid/times, for filesystems that store them elsewhere. */
  setattr?(inode: Inode): void;
  /** Refresh attributes before stat (host files). */
  getattr?(inode: Inode): void;
  /** Names in a directory, for readdir on filesystems that are not all in the dentry cache. */
  list?(dir: Inode, task: Task): Iterable<[string, Inode]>;
}

let nextIno = 1000;

export class Inode {
  ino: number;
  mode: number;
  uid = 0;
  gid = 0;
  nlink = 1;
  size = 0;
  rdev = 0;
  blksize = 4096;
  atime: Timespec;
  mtime: Timespec;
  ctime: Timespec;
  iop: InodeOperations;
  fop: FileOperations | null;
  /** Filesystem-private state: a regular file's bytes, a pipe, a proc entry, a host path ... */
  priv: any = null;
  /** Open files and mappings of this inode (for ETXTBSY, unlink-while-open). */
  openCount = 0;
  /** Running programs mapped from this inode (writing it is ETXTBSY). */
  execCount = 0;

  constructor(readonly sb: SuperBlock, mode: number, iop: InodeOperations, fop: FileOperations | null, ino?: number) {
    this.ino = ino ?? sb.nextIno();
    this.mode = mode;
    this.iop = iop;
    this.fop = fop;
    const t = nowTimespec();
    this.atime = t;
    this.mtime = t;
    this.ctime = t;
  }

  get type(): number { return this.mode & S_IFMT; }
  isDir(): boolean { return (this.mode & S_IFMT) === S_IFDIR; }
  isLink(): boolean { return (this.mode & S_IFMT) === S_IFLNK; }
  isReg(): boolean { return (this.mode & S_IFMT) === S_IFREG; }

  touchModify(): void { const t = nowTimespec(); this.mtime = t; this.ctime = t; }
  touchChange(): void { this.ctime = nowTimespec(); }
}

export interface FileSystemType {
  name: string;
  /** "nodev" filesystems need no block device (all of Typix's). */
  nodev: boolean;
  /** Make a superblock for a new mount; data is the mount(2) option string. */
  mount(source: string, flags: number, data: string): SuperBlock;
}

export class SuperBlock {
  private inoCounter: number;
  root!: Dentry;
  /** s_dev: the device number stat reports for files of this filesystem. */
  dev: number;
  readonly: boolean = false;
  /** Names are looked up afresh every time (procfs and sysfs): nothing is cached. */
  dynamic = false;
  magic = 0;
  priv: any = null;

  constructor(readonly type: FileSystemType, dev: number) {
    this.dev = dev;
    this.inoCounter = 1;
  }
  nextIno(): number { return this.inoCounter++; }
}

export class Dentry {
  /** Cached children (for tmpfs, the directory's contents themselves). */
  children = new Map<string, Dentry>();
  /** A filesystem mounted on this dentry, if any. */
  mounted: Mount | null = null;

  constructor(public name: string, public parent: Dentry | null, public inode: Inode) {}

  /** The dentry's path inside its filesystem, for messages. */
  path(): string {
    const parts: string[] = [];
    for (let d: Dentry | null = this; d && d.parent; d = d.parent) parts.unshift(d.name);
    return "/" + parts.join("/");
  }
}

export class Mount {
  children: Mount[] = [];
  /** The mount this one covers on the same mountpoint, restored on umount. */
  shadowed: Mount | null = null;
  constructor(
    readonly sb: SuperBlock,
    readonly root: Dentry,
    public parent: Mount | null,
    public mountpoint: Dentry | null,
    readonly source: string,
    public flags: number,
    public options: string,
  ) {}
}

/** A location in the tree: a dentry inside a particular mount. */
export interface Path {
  mnt: Mount;
  dentry: Dentry;
}

export function allocIno(): number {
  return nextIno++;
}
