// hostfs: a directory of the host machine as a Typix filesystem (`typix --mount`). Every
// operation is the host's own, through Node's synchronous fs API (the kernel has a thread of
// its own, so a blocking call stalls only the kernel): lookups lstat, reads and writes use a
// host descriptor kept for each open file, attributes are refreshed from lstat before stat.
// Host errors keep their errno (ENOENT, EACCES, ENOTEMPTY, ...). Files appear owned by the
// mount's user (the session's), since the host's numeric owners mean nothing inside.
import * as fs from "node:fs";
import { join } from "node:path";
import { Inode, SuperBlock, type FileSystemType, type InodeOperations } from "./inode.js";
import type { FileOperations } from "./file.js";
import { newRootDentry } from "./mount.js";
import { genericFileLlseek } from "./read_write_generic.js";
import { allocAnonDev } from "./super.js";
import { Errno } from "../kernel/errors.js";
import { ERRNO_TABLE, EIO, EPERM, EINVAL, EEXIST } from "../include/uapi/errno.js";
import { S_IFMT, S_IFDIR, S_IFLNK } from "../include/uapi/stat.js";
import { O_ACCMODE, O_WRONLY, O_RDWR, O_APPEND, RENAME_NOREPLACE, RENAME_EXCHANGE, SEEK_END } from "../include/uapi/fcntl.js";

const HOSTFS_MAGIC = 0x00c0ffee;
const errnoByName = new Map([...ERRNO_TABLE].map(([n, [name]]) => [name, n]));

/** A host exception as the Errno the host reported. */
function hostErrno(e: unknown): Errno {
  const code = (e as NodeJS.ErrnoException)?.code;
  return new Errno((code && errnoByName.get(code)) || EIO);
}
function host<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Errno) throw e;
    throw hostErrno(e);
  }
}

interface HostSb { dir: string; uid: number; gid: number; inodes: Map<string, Inode> }
interface HostInode { path: string; hostIno: number }

const sbOf = (i: Inode) => i.sb.priv as HostSb;
const pathOf = (i: Inode) => (i.priv as HostInode).path;

function toTimespec(ms: number) {
  return { sec: Math.floor(ms / 1000), nsec: Math.round((ms % 1000) * 1e6) };
}

/** Copy lstat's answer into the inode. */
function fill(inode: Inode, st: fs.Stats): void {
  const s = sbOf(inode);
  inode.mode = st.mode;
  inode.size = st.size;
  inode.nlink = st.nlink;
  inode.uid = s.uid;
  inode.gid = s.gid;
  inode.atime = toTimespec(st.atimeMs);
  inode.mtime = toTimespec(st.mtimeMs);
  inode.ctime = toTimespec(st.ctimeMs);
}

/** The inode for a host path (the same object while the host file is the same). */
function inodeFor(sb: SuperBlock, path: string, st: fs.Stats): Inode {
  const s = sb.priv as HostSb;
  let inode = s.inodes.get(path);
  if (!inode || (inode.priv as HostInode).hostIno !== st.ino || (inode.mode & S_IFMT) !== (st.mode & S_IFMT)) {
    const type = st.mode & S_IFMT;
    inode = new Inode(sb, st.mode, hostfsInodeOps, type === S_IFDIR ? hostfsDirOps : type === S_IFLNK ? null : hostfsFileOps);
    inode.priv = { path, hostIno: st.ino } satisfies HostInode;
    s.inodes.set(path, inode);
  }
  fill(inode, st);
  return inode;
}

function child(dir: Inode, name: string): string { return join(pathOf(dir), name); }
function made(dir: Inode, name: string): Inode {
  const p = child(dir, name);
  dir.touchModify();
  return inodeFor(dir.sb, p, host(() => fs.lstatSync(p)));
}

export const hostfsInodeOps: InodeOperations = {
  lookup(dir, name) {
    try {
      return inodeFor(dir.sb, child(dir, name), fs.lstatSync(child(dir, name)));
    } catch (e) {
      const err = hostErrno(e);
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  },
  create(dir, name, mode) {
    host(() => fs.closeSync(fs.openSync(child(dir, name), "wx", mode & 0o7777)));
    return made(dir, name);
  },
  mkdir(dir, name, mode) {
    host(() => fs.mkdirSync(child(dir, name), mode & 0o7777));
    return made(dir, name);
  },
  mknod() { throw new Errno(EPERM); },
  symlink(dir, name, target) {
    host(() => fs.symlinkSync(target, child(dir, name)));
    return made(dir, name);
  },
  link(old, dir, name) {
    host(() => fs.linkSync(pathOf(old), child(dir, name)));
    hostfsInodeOps.getattr!(old);
  },
  unlink(dir, name) {
    host(() => fs.unlinkSync(child(dir, name)));
    sbOf(dir).inodes.delete(child(dir, name));
  },
  rmdir(dir, name) {
    host(() => fs.rmdirSync(child(dir, name)));
    sbOf(dir).inodes.delete(child(dir, name));
  },
  rename(oldDir, oldName, newDir, newName, flags) {
    if (flags & RENAME_EXCHANGE) throw new Errno(EINVAL);
    const from = child(oldDir, oldName), to = child(newDir, newName);
    if (flags & RENAME_NOREPLACE && fs.existsSync(to)) throw new Errno(EEXIST);
    host(() => fs.renameSync(from, to));
    const s = sbOf(oldDir);
    const inode = s.inodes.get(from);
    s.inodes.delete(from);
    s.inodes.delete(to);
    if (inode) {
      (inode.priv as HostInode).path = to;
      s.inodes.set(to, inode);
      // A directory's descendants move with it.
      for (const [p, i] of [...s.inodes]) {
        if (p.startsWith(from + "/")) {
          s.inodes.delete(p);
          (i.priv as HostInode).path = to + p.slice(from.length);
          s.inodes.set((i.priv as HostInode).path, i);
        }
      }
    }
  },
  readlink(inode) {
    return host(() => fs.readlinkSync(pathOf(inode), "utf8"));
  },
  setSize(inode, size) {
    host(() => fs.truncateSync(pathOf(inode), size));
    inode.size = size;
  },
  setattr(inode) {
    if (!inode.isLink()) host(() => fs.chmodSync(pathOf(inode), inode.mode & 0o7777));
    host(() => fs.lutimesSync(pathOf(inode), inode.atime.sec + inode.atime.nsec / 1e9, inode.mtime.sec + inode.mtime.nsec / 1e9));
    hostfsInodeOps.getattr!(inode);
  },
  getattr(inode) {
    try {
      fill(inode, fs.lstatSync(pathOf(inode)));
    } catch {
      // Gone on the host: what we knew stands, as for an unlinked open file.
    }
  },
  *list(dir) {
    const names = host(() => fs.readdirSync(pathOf(dir)));
    for (const name of names) {
      const inode = hostfsInodeOps.lookup!(dir, name, null as never);
      if (inode) yield [name, inode] as [string, Inode];
    }
  },
};

function hostFd(file: { privateData: any }): number {
  return file.privateData as number;
}

export const hostfsFileOps: FileOperations = {
  open(inode, file) {
    const acc = file.flags & O_ACCMODE;
    const flags = acc === O_WRONLY ? fs.constants.O_WRONLY : acc === O_RDWR ? fs.constants.O_RDWR : fs.constants.O_RDONLY;
    file.privateData = host(() => fs.openSync(pathOf(inode), flags));
  },
  release(_inode, file) {
    if (typeof file.privateData === "number") fs.closeSync(file.privateData);
  },
  readIter(file, to, pos) {
    const buf = Buffer.alloc(Math.min(to.count, 1 << 20));
    const n = host(() => fs.readSync(hostFd(file), buf, 0, buf.length, pos.value));
    const done = to.copyOut(buf.subarray(0, n));
    pos.value += done;
    return done;
  },
  writeIter(file, from, pos) {
    const inode = file.inode;
    if (file.flags & O_APPEND) pos.value = host(() => fs.fstatSync(hostFd(file)).size);
    const data = from.copyIn(from.count);
    const n = host(() => fs.writeSync(hostFd(file), data, 0, data.length, pos.value));
    pos.value += n;
    if (pos.value > inode.size) inode.size = pos.value;
    inode.touchModify();
    return n;
  },
  llseek(file, offset, whence) {
    if (whence === SEEK_END) hostfsInodeOps.getattr!(file.inode);
    return genericFileLlseek(file, offset, whence);
  },
  fsync(file) {
    host(() => fs.fsyncSync(hostFd(file)));
  },
};

export const hostfsDirOps: FileOperations = { llseek: genericFileLlseek };

/** Mount options: the host directory is the source; uid=, gid= give the files' owner. */
export const hostfsType: FileSystemType = {
  name: "hostfs",
  nodev: true,
  mount(source, _flags, data) {
    const opt = (k: string) => new RegExp(`(?:^|,)${k}=(\\d+)`).exec(data)?.[1];
    const st = host(() => fs.statSync(source));
    if (!st.isDirectory()) throw new Errno(20 /* ENOTDIR */);
    const sb = new SuperBlock(hostfsType, allocAnonDev());
    sb.magic = HOSTFS_MAGIC;
    sb.dynamic = true;
    sb.priv = { dir: source, uid: Number(opt("uid") ?? 0), gid: Number(opt("gid") ?? 0), inodes: new Map() } satisfies HostSb;
    newRootDentry(sb, inodeFor(sb, source, st));
    return sb;
  },
};
