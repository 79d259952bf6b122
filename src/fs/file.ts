// Open files and their operations. A File is what a file descriptor points at: the inode, the
// offset and the open flags, and the FileOperations that do the work. Operations a file does not
// have get Linux's errno from the VFS (read_write.ts, ioctl.ts, ...): EINVAL to read a file not
// open for reading, ENOTTY for ioctl, ESPIPE for lseek on a pipe, and so on.
import type { Inode, Path } from "./inode.js";
import type { Task } from "../kernel/task.js";
import type { IovIter } from "./iov_iter.js";
import type { UserPtr } from "../mm/mm.js";
import type { WaitQueue } from "../kernel/wait.js";
import { O_ACCMODE, O_RDONLY, O_WRONLY, O_RDWR } from "../include/uapi/fcntl.js";

export const FMODE_READ = 1;
export const FMODE_WRITE = 2;
export const FMODE_LSEEK = 4;
export const FMODE_PREAD = 8;
export const FMODE_PWRITE = 16;

/** poll(2) event bits. */
export const POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20,
  POLLRDNORM = 0x40, POLLRDBAND = 0x80, POLLWRNORM = 0x100, POLLWRBAND = 0x200, POLLRDHUP = 0x2000;

/** Where poll() registers its interest: a driver's poll calls pollWait(file, wq, pt). */
export interface PollTable {
  queues: WaitQueue[];
}
export function pollWait(_file: File, wq: WaitQueue, pt: PollTable | null): void {
  pt?.queues.push(wq);
}

/** One directory entry for getdents64: emit returns false when the caller's buffer is full. */
export interface DirContext {
  pos: number;
  emit(name: string, ino: number, type: number): boolean;
}

type Ret<T> = T | Promise<T>;

/**
 * The operations of an open file (Linux's file_operations). Built-in files implement the
 * *_iter forms, which work on kernel or user memory alike; modules implement read and write
 * with a user pointer, as in Linux. Each may return a negative errno, or throw Errno.
 */
export interface FileOperations {
  /** The module that owns these operations; opening the file takes a reference on it. */
  owner?: { name: string } | null;
  open?(inode: Inode, file: File, task: Task): Ret<number | void>;
  release?(inode: Inode, file: File): Ret<number | void>;
  read?(file: File, buf: UserPtr, count: number, pos: { value: number }, task: Task): Ret<number>;
  write?(file: File, buf: UserPtr, count: number, pos: { value: number }, task: Task): Ret<number>;
  readIter?(file: File, to: IovIter, pos: { value: number }, task: Task): Ret<number>;
  writeIter?(file: File, from: IovIter, pos: { value: number }, task: Task): Ret<number>;
  llseek?(file: File, offset: number, whence: number): number;
  iterate?(file: File, ctx: DirContext, task: Task): Ret<void>;
  poll?(file: File, pt: PollTable | null, task: Task): number;
  unlockedIoctl?(file: File, cmd: number, arg: number, task: Task): Ret<number>;
  fsync?(file: File): Ret<number | void>;
  flush?(file: File): Ret<number | void>;
  mmap?(file: File, vma: unknown): Ret<number | void>;
}

let nextFileId = 1;

export class File {
  readonly id = nextFileId++;
  pos = 0;
  /** f_mode: FMODE_READ | FMODE_WRITE | ... */
  mode: number;
  /** f_flags: the open flags, O_APPEND and O_NONBLOCK changeable by fcntl(F_SETFL). */
  flags: number;
  privateData: any = null;
  refs = 1;
  /** Per-open-file state of a directory listing (offset into the entry list). */
  dirCache: [string, number, number][] | null = null;

  constructor(readonly path: Path, readonly inode: Inode, public fop: FileOperations, flags: number) {
    this.flags = flags;
    const acc = flags & O_ACCMODE;
    this.mode = (acc === O_RDONLY || acc === O_RDWR ? FMODE_READ : 0) | (acc === O_WRONLY || acc === O_RDWR ? FMODE_WRITE : 0);
    this.mode |= FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
  }

  get readable(): boolean { return (this.mode & FMODE_READ) !== 0; }
  get writable(): boolean { return (this.mode & FMODE_WRITE) !== 0; }
}

/** The operations of a file that has none: every operation gets the VFS's default errno. */
export const EMPTY_FOPS: FileOperations = {};
