// procfs inodes: the three kinds every /proc entry is made of.
//   - generator files: show(reader) prints the whole content when the file is opened for
//     reading (seq_file's single_open); reads copy from that text at the file's offset, so
//     readers never see a half-updated state. write(text, reader) handles writes, if any.
//   - directories: lookup(name, reader) and list(reader) compute the entries on demand.
//   - symbolic links: readlink(reader) computes the target; getLink, when present, gives the
//     object itself (the magic links /proc/PID/fd/N, cwd, root, exe).
// The superblock is dynamic: nothing is cached by the VFS, entries answer afresh each time.
import { Inode, SuperBlock, type FileSystemType, type Path } from "../inode.js";
import type { FileOperations, File } from "../file.js";
import type { Task } from "../../kernel/task.js";
import { Errno } from "../../kernel/errors.js";
import { EINVAL, EIO } from "../../include/uapi/errno.js";
import { S_IFDIR, S_IFREG, S_IFLNK } from "../../include/uapi/stat.js";
import { SEEK_SET, SEEK_CUR } from "../../include/uapi/fcntl.js";
import { genericFileLlseek } from "../read_write_generic.js";
import { allocAnonDev } from "../super.js";
import { decodeUtf8 } from "../../mm/uaccess.js";

export const PROC_SUPER_MAGIC = 0x9fa0;

export interface ProcFileOps {
  /** The whole content, printed for one reader. May throw Errno (EACCES, ESRCH ...). */
  show?(reader: Task): string | Uint8Array;
  /** Handle a write of text; returns nothing (all taken) or throws Errno. */
  write?(text: string, reader: Task): void;
  /** Checked at open, after the mode bits (ptrace_may_access for environ ...). */
  openCheck?(reader: Task, file: File): void;
}

export interface ProcDirOps {
  lookup(name: string, reader: Task): Inode | null;
  list(reader: Task): Iterable<[string, Inode]>;
}

export interface ProcLinkOps {
  readlink(reader: Task): string;
  /** The object the link stands for (a magic link); null: resolve the text. */
  getLink?(reader: Task): Path | null;
}

let procSb: SuperBlock | null = null;

/** The one procfs superblock. */
export function procSuper(type: FileSystemType): SuperBlock {
  if (!procSb) {
    procSb = new SuperBlock(type, allocAnonDev());
    procSb.dynamic = true;
    procSb.magic = PROC_SUPER_MAGIC;
  }
  return procSb;
}
export function procSbOrNull(): SuperBlock | null { return procSb; }

const enc = new TextEncoder();

/** seq_lseek: SEEK_SET and SEEK_CUR only. */
function seqLseek(file: File, offset: number, whence: number): number {
  if (whence !== SEEK_SET && whence !== SEEK_CUR) throw new Errno(EINVAL);
  const pos = whence === SEEK_SET ? offset : file.pos + offset;
  if (pos < 0) throw new Errno(EINVAL);
  file.pos = pos;
  return pos;
}

export const procFileFops: FileOperations = {
  open(inode, file, task) {
    const ops = inode.priv as ProcFileOps;
    ops.openCheck?.(task, file);
    if (file.readable) {
      if (!ops.show) throw new Errno(EIO);
      const out = ops.show(task);
      file.privateData = typeof out === "string" ? enc.encode(out) : out;
    }
  },
  readIter(file, to, pos) {
    const data = file.privateData as Uint8Array | null;
    if (!data || pos.value >= data.length) return 0;
    const n = to.copyOut(data.subarray(pos.value, pos.value + to.count));
    pos.value += n;
    return n;
  },
  writeIter(file, from, _pos, task) {
    const ops = file.inode.priv as ProcFileOps;
    if (!ops.write) throw new Errno(EIO);
    const n = from.count;
    ops.write(decodeUtf8(from.copyIn(n)), task);
    return n;
  },
  llseek: seqLseek,
};

const procDirFops: FileOperations = { llseek: genericFileLlseek };

/** A generator file. */
export function procFileInode(sb: SuperBlock, mode: number, ops: ProcFileOps, fops: FileOperations = procFileFops): Inode {
  const inode = new Inode(sb, S_IFREG | (mode & 0o7777), {}, fops);
  inode.priv = ops;
  return inode;
}

/** A directory computed on demand. */
export function procDirInode(sb: SuperBlock, mode: number, ops: ProcDirOps): Inode {
  const inode = new Inode(sb, S_IFDIR | (mode & 0o7777), {
    lookup: (_dir, name, t) => ops.lookup(name, t),
    list: (_dir, t) => ops.list(t),
  }, procDirFops);
  inode.nlink = 2;
  inode.priv = ops;
  return inode;
}

/** A symbolic link computed on demand. */
export function procLinkInode(sb: SuperBlock, mode: number, ops: ProcLinkOps): Inode {
  const iop: Inode["iop"] = { readlink: (_i, t) => ops.readlink(t) };
  if (ops.getLink) iop.getLink = (_i, t) => ops.getLink!(t);
  const inode = new Inode(sb, S_IFLNK | (mode & 0o7777), iop, null);
  inode.priv = ops;
  return inode;
}

/** A directory of fixed entries (made once, each inode kept so its number stays). */
export class ProcStaticDir {
  readonly entries = new Map<string, Inode>();
  readonly inode: Inode;
  constructor(sb: SuperBlock, mode = 0o555, extra?: ProcDirOps) {
    this.inode = procDirInode(sb, mode, {
      lookup: (name, t) => this.entries.get(name) ?? extra?.lookup(name, t) ?? null,
      list: (t) => extra ? [...this.entries, ...extra.list(t)] : this.entries,
    });
  }
}
