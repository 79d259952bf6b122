// Pipes and FIFOs: a ring buffer of 16 pages (64 KiB) with a wait queue for readers and one for
// writers. pipe(2)/pipe2(2) make an anonymous pipe on the internal "pipefs"; opening a FIFO made
// by mknod(2) gets the pipe that lives with its inode (specialOpeners.fifo). Reads return what is
// there (0 at end of file: no writers left); writes of at most PIPE_BUF bytes are atomic; a write
// with no reader left is EPIPE (vfsWrite raises SIGPIPE). With O_DIRECT a pipe is in packet mode:
// every write is a packet and a read takes at most one.
import type { Task } from "../kernel/task.js";
import { File, type FileOperations, type PollTable, pollWait, FMODE_LSEEK, FMODE_PREAD, FMODE_PWRITE,
  POLLIN, POLLRDNORM, POLLOUT, POLLWRNORM, POLLHUP, POLLERR } from "./file.js";
import { Inode, SuperBlock, Dentry, Mount, type FileSystemType } from "./inode.js";
import type { IovIter } from "./iov_iter.js";
import { allocFile, fput } from "./file_table.js";
import { allocAnonDev } from "./super.js";
import { WaitQueue } from "../kernel/wait.js";
import { Errno } from "../kernel/errors.js";
import { EAGAIN, EPIPE, EINVAL, ENXIO, EFAULT, ERESTARTSYS, EBUSY, EPERM, ENOIOCTLCMD } from "../include/uapi/errno.js";
import { O_RDONLY, O_WRONLY, O_RDWR, O_ACCMODE, O_NONBLOCK, O_CLOEXEC, O_DIRECT, O_EXCL } from "../include/uapi/fcntl.js";
import { S_IFIFO } from "../include/uapi/stat.js";
import { FIONREAD } from "../include/uapi/ioctls.js";
import { SIGPIPE } from "../include/uapi/signal.js";
import { sendSignal } from "../kernel/signal.js";
import { putUser32 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";
import { specialOpeners } from "./open.js";
import { capable } from "../kernel/cred.js";

export const PIPE_BUF = 4096;
const PAGE_SIZE = 4096;
export const PIPE_DEF_BUFFERS = 16;
/** /proc/sys/fs/pipe-max-size */
export const pipeMaxSize = { value: 1048576 };

/** The shared state of a pipe (pipe_inode_info). */
export class Pipe {
  /** The ring: data is buf[head .. head+len) modulo capacity. Allocated on first write. */
  private buf: Uint8Array | null = null;
  private head = 0;
  len = 0;
  capacity = PIPE_DEF_BUFFERS * PAGE_SIZE;
  readers = 0;
  writers = 0;
  /** Opens for reading and writing ever made (a FIFO's open waits for the other side's to change). */
  rCounter = 0;
  wCounter = 0;
  /** Packet lengths, oldest first, of data written in packet mode (O_DIRECT). */
  private packets: number[] = [];
  readonly rdWait = new WaitQueue();
  readonly wrWait = new WaitQueue();

  get free(): number { return this.capacity - this.len; }

  /** Move up to to.count bytes to the reader; EFAULT only when nothing moved. */
  readInto(to: IovIter, packet: boolean): number {
    let want = Math.min(to.count, this.len);
    let discard = 0;
    if (packet && this.packets.length > 0) {
      const p = this.packets[0];
      want = Math.min(to.count, p);
      discard = p - want;
    }
    const buf = this.buf!;
    const start = to.count;
    let fault = false;
    try {
      const first = Math.min(want, this.capacity - this.head);
      to.copyOut(buf.subarray(this.head, this.head + first));
      if (want > first) to.copyOut(buf.subarray(0, want - first));
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      fault = true;
    }
    const moved = start - to.count;
    if (fault && moved === 0) throw new Errno(EFAULT);
    const consumed = fault ? moved : want + discard;
    if (packet && this.packets.length > 0) {
      if (fault) this.packets[0] -= moved;
      else this.packets.shift();
    }
    this.head = (this.head + consumed) % this.capacity;
    this.len -= consumed;
    if (this.len === 0) this.head = 0;
    return moved;
  }

  /** Take n bytes from the writer into the ring (n <= free). Returns bytes taken. */
  writeFrom(from: IovIter, n: number, packet: boolean): number {
    if (!this.buf || this.buf.length !== this.capacity) this.buf = new Uint8Array(this.capacity);
    let tail = (this.head + this.len) % this.capacity;
    let done = 0;
    while (done < n) {
      const k = Math.min(n - done, this.capacity - tail);
      let src: Uint8Array;
      try {
        src = from.copyIn(k);
      } catch (e) {
        if (done === 0 || !(e instanceof Errno)) throw e;
        break;
      }
      this.buf.set(src, tail);
      done += src.length;
      tail = (tail + src.length) % this.capacity;
    }
    this.len += done;
    if (packet) for (let off = 0; off < done; off += PIPE_BUF) this.packets.push(Math.min(PIPE_BUF, done - off));
    return done;
  }

  /** F_SETPIPE_SZ: a new capacity, keeping the data (EBUSY if it does not fit). */
  resize(size: number): void {
    if (size < this.len) throw new Errno(EBUSY);
    const next = new Uint8Array(size);
    if (this.buf && this.len > 0) {
      const first = Math.min(this.len, this.capacity - this.head);
      next.set(this.buf.subarray(this.head, this.head + first), 0);
      if (this.len > first) next.set(this.buf.subarray(0, this.len - first), first);
    }
    this.buf = this.len > 0 ? next : null;
    this.head = 0;
    this.capacity = size;
  }

  /** Forget the contents (the last opener of a FIFO went away). */
  reset(): void {
    this.buf = null;
    this.head = 0;
    this.len = 0;
    this.packets = [];
  }
}

/** Per-open-file state: the pipe, and the writer count seen at open (for POLLHUP on FIFOs). */
interface PipeFilePriv { pipe: Pipe; wVersion: number }

function pipeOf(file: File): Pipe { return (file.privateData as PipeFilePriv).pipe; }

/** The pipe behind a pipe or FIFO file, or null (F_GETPIPE_SZ on anything else is EBADF). */
export function getPipeInfo(file: File): Pipe | null {
  return isPipeFile(file) ? pipeOf(file) : null;
}

function isPacket(file: File): boolean { return (file.flags & O_DIRECT) !== 0; }
const nonblock = (file: File) => (file.flags & O_NONBLOCK) !== 0;

async function waitOrRestart(wq: WaitQueue, t: Task, cond: () => boolean): Promise<boolean> {
  try {
    await wq.waitEvent(t, cond);
    return true;
  } catch (e) {
    if (e instanceof Errno && e.errno === ERESTARTSYS) return false;
    throw e;
  }
}

function pipeRead(file: File, to: IovIter, _pos: { value: number }, t: Task): number | Promise<number> {
  const pipe = pipeOf(file);
  if (to.count === 0) return 0;
  if (pipe.len > 0) {
    const n = pipe.readInto(to, isPacket(file));
    pipe.wrWait.wakeUp();
    return n;
  }
  if (pipe.writers === 0) return 0;
  if (nonblock(file)) throw new Errno(EAGAIN);
  return pipe.rdWait.waitEvent(t, () => pipe.len > 0 || pipe.writers === 0).then(() => pipeRead(file, to, _pos, t));
}

function pipeWrite(file: File, from: IovIter, _pos: { value: number }, t: Task): number | Promise<number> {
  const pipe = pipeOf(file);
  const total = from.count;
  if (pipe.readers === 0) throw new Errno(EPIPE);
  if (total === 0) return 0;
  const packet = isPacket(file);
  // Fast path: it all fits now.
  if (pipe.free >= total) {
    const n = pipe.writeFrom(from, total, packet);
    pipe.rdWait.wakeUp();
    return n;
  }
  return pipeWriteSlow(file, pipe, from, total, packet, t);
}

async function pipeWriteSlow(file: File, pipe: Pipe, from: IovIter, total: number, packet: boolean, t: Task): Promise<number> {
  let written = 0;
  const atomic = total <= PIPE_BUF;
  for (;;) {
    if (pipe.readers === 0) {
      if (written === 0) throw new Errno(EPIPE);
      sendSignal(t, SIGPIPE, { pid: t.pid, uid: t.cred.uid, code: 0 });
      return written;
    }
    const left = total - written;
    const room = pipe.free;
    if (atomic ? room >= left : room > 0) {
      let n: number;
      try {
        n = pipe.writeFrom(from, Math.min(room, left), packet);
      } catch (e) {
        if (written > 0 && e instanceof Errno) return written;
        throw e;
      }
      pipe.rdWait.wakeUp();
      written += n;
      if (written === total || n === 0) return written;
      continue;
    }
    if (nonblock(file)) {
      if (written > 0) return written;
      throw new Errno(EAGAIN);
    }
    const need = atomic ? left : 1;
    const ok = await waitOrRestart(pipe.wrWait, t, () => pipe.free >= need || pipe.readers === 0);
    if (!ok) {
      if (written > 0) return written;
      throw new Errno(ERESTARTSYS);
    }
  }
}

function pipePoll(file: File, pt: PollTable | null): number {
  const pipe = pipeOf(file);
  if (file.readable) pollWait(file, pipe.rdWait, pt);
  if (file.writable) pollWait(file, pipe.wrWait, pt);
  let mask = 0;
  if (file.readable) {
    if (pipe.len > 0) mask |= POLLIN | POLLRDNORM;
    if (pipe.writers === 0 && (file.privateData as PipeFilePriv).wVersion !== pipe.wCounter) mask |= POLLHUP;
  }
  if (file.writable) {
    if (pipe.free >= Math.min(PIPE_BUF, pipe.capacity)) mask |= POLLOUT | POLLWRNORM;
    if (pipe.readers === 0) mask |= POLLERR;
  }
  return mask;
}

function pipeRelease(_inode: Inode, file: File): void {
  const pipe = pipeOf(file);
  if (file.readable) pipe.readers--;
  if (file.writable) pipe.writers--;
  if (pipe.readers === 0 && pipe.writers === 0) pipe.reset();
  pipe.rdWait.wakeUp();
  pipe.wrWait.wakeUp();
}

function pipeIoctl(file: File, cmd: number, arg: number, t: Task): number {
  if (cmd === FIONREAD) {
    putUser32(t.mm!, arg as UserPtr, pipeOf(file).len);
    return 0;
  }
  return -ENOIOCTLCMD;
}

/** The operations of both ends of a pipe and of an open FIFO. No llseek: lseek and pread are ESPIPE. */
export const pipeFops: FileOperations = {
  readIter: pipeRead,
  writeIter: pipeWrite,
  poll: pipePoll,
  release: pipeRelease,
  unlockedIoctl: pipeIoctl,
};

function streamOpen(file: File, pipe: Pipe, wVersion = 0): void {
  file.mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
  file.privateData = { pipe, wVersion } satisfies PipeFilePriv;
}

// ---- pipefs and pipe(2) ----

const pipefsType: FileSystemType = { name: "pipefs", nodev: true, mount: () => { throw new Errno(EINVAL); } };
const pipefsSb = new SuperBlock(pipefsType, allocAnonDev());
pipefsSb.magic = 0x50495045;
const pipefsRoot = new Dentry("/", null, new Inode(pipefsSb, 0o040700, {}, null));
pipefsSb.root = pipefsRoot;
const pipefsMnt = new Mount(pipefsSb, pipefsRoot, null, null, "pipefs", 0, "");

/** The name a pipe has in /proc/PID/fd and /proc/PID/fdinfo links: "pipe:[INO]". */
export function pipeDName(inode: Inode): string {
  return `pipe:[${inode.ino}]`;
}

/** Is this inode an anonymous pipe (rather than a FIFO in some filesystem)? */
export function isAnonPipe(inode: Inode): boolean {
  return inode.sb === pipefsSb;
}

/** Make the two open files of a new pipe: [read end, write end]. */
export function createPipeFiles(t: Task, flags: number): [File, File] {
  const inode = new Inode(pipefsSb, S_IFIFO | 0o600, {}, pipeFops);
  inode.uid = t.cred.fsuid;
  inode.gid = t.cred.fsgid;
  const pipe = new Pipe();
  pipe.readers = pipe.writers = 1;
  pipe.rCounter = pipe.wCounter = 1;
  inode.priv = pipe;
  const d = new Dentry(pipeDName(inode), pipefsRoot, inode);
  const path = { mnt: pipefsMnt, dentry: d };
  const extra = flags & (O_NONBLOCK | O_DIRECT);
  const r = allocFile(path, inode, pipeFops, O_RDONLY | extra);
  const w = allocFile(path, inode, pipeFops, O_WRONLY | extra);
  streamOpen(r, pipe);
  streamOpen(w, pipe);
  return [r, w];
}

/** implements pipe2(2) */
export async function sys_pipe2(t: Task, fildes: number, flags: number): Promise<number> {
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_EXCL)) throw new Errno(EINVAL);
  if (flags & O_EXCL) throw new Errno(EINVAL); // O_NOTIFICATION_PIPE: no watch_queue support
  const [r, w] = createPipeFiles(t, flags);
  const cloexec = (flags & O_CLOEXEC) !== 0;
  let rfd: number, wfd: number;
  try {
    rfd = t.files.install(r, cloexec);
  } catch (e) {
    await fput(r);
    await fput(w);
    throw e;
  }
  try {
    wfd = t.files.install(w, cloexec);
  } catch (e) {
    await t.files.close(rfd);
    await fput(w);
    throw e;
  }
  try {
    putUser32(t.mm!, fildes as UserPtr, rfd);
    putUser32(t.mm!, (fildes + 4) as UserPtr, wfd);
  } catch (e) {
    await t.files.close(rfd);
    await t.files.close(wfd);
    throw e;
  }
  return 0;
}

/** implements pipe(2) */
export function sys_pipe(t: Task, fildes: number): Promise<number> {
  return sys_pipe2(t, fildes, 0);
}

// ---- FIFOs ----

const fifoPipes = new WeakMap<Inode, Pipe>();

/** The pipe of a FIFO inode, made on first open. */
function fifoPipe(inode: Inode): Pipe {
  // Reopening an anonymous pipe (/proc/PID/fd/N) reaches the pipe itself.
  if (isAnonPipe(inode)) return inode.priv as Pipe;
  let p = fifoPipes.get(inode);
  if (!p) fifoPipes.set(inode, (p = new Pipe()));
  return p;
}

/** open of a FIFO (fifo_open): wait for the other side unless O_NONBLOCK or O_RDWR. */
async function fifoOpen(inode: Inode, file: File, t: Task): Promise<number> {
  if (file.flags & O_DIRECT) throw new Errno(EINVAL);
  const pipe = fifoPipe(inode);
  // An anonymous pipe reopened never waits for its other side (fifo_open's is_pipe).
  const isPipe = isAnonPipe(inode);
  const acc = file.flags & O_ACCMODE;
  const nb = (file.flags & O_NONBLOCK) !== 0;
  let wVersion = 0;
  if (acc === O_RDONLY) {
    pipe.rCounter++;
    pipe.readers++;
    if (pipe.readers === 1) pipe.wrWait.wakeUp();
    // A reader that did not wait for a writer sees no POLLHUP until one has come and gone.
    if (pipe.writers === 0 && nb) wVersion = pipe.wCounter;
    if (pipe.writers === 0 && !nb && !isPipe) {
      const seen = pipe.wCounter;
      if (!(await waitOrRestart(pipe.rdWait, t, () => pipe.wCounter !== seen))) {
        if (--pipe.readers === 0) pipe.wrWait.wakeUp();
        throw new Errno(ERESTARTSYS);
      }
    }
  } else if (acc === O_WRONLY) {
    if (nb && pipe.readers === 0 && !isPipe) throw new Errno(ENXIO);
    pipe.wCounter++;
    pipe.writers++;
    if (pipe.writers === 1) pipe.rdWait.wakeUp();
    if (pipe.readers === 0 && !isPipe) {
      const seen = pipe.rCounter;
      if (!(await waitOrRestart(pipe.wrWait, t, () => pipe.rCounter !== seen))) {
        if (--pipe.writers === 0) pipe.rdWait.wakeUp();
        throw new Errno(ERESTARTSYS);
      }
    }
  } else if (acc === O_RDWR) {
    pipe.readers++;
    pipe.writers++;
    pipe.rCounter++;
    pipe.wCounter++;
    pipe.rdWait.wakeUp();
    pipe.wrWait.wakeUp();
  } else {
    throw new Errno(EINVAL);
  }
  streamOpen(file, pipe, wVersion);
  return 0;
}

const fifoFops: FileOperations = { ...pipeFops, open: fifoOpen };

specialOpeners.fifo = () => fifoFops;

// ---- fcntl(F_GETPIPE_SZ / F_SETPIPE_SZ) ----

/** Round a requested size to whole pages, a power of two of them (0: too big). */
function roundPipeSize(size: number): number {
  if (size > 2 ** 31) return 0;
  const pages = Math.max(1, Math.ceil(size / PAGE_SIZE));
  return 2 ** Math.ceil(Math.log2(pages)) * PAGE_SIZE;
}

/** F_SETPIPE_SZ: returns the new size. */
export function pipeSetSize(t: Task, pipe: Pipe, arg: number): number {
  const size = roundPipeSize(arg);
  if (size === 0) throw new Errno(EINVAL);
  if (size > pipeMaxSize.value && !capable(t.cred)) throw new Errno(EPERM);
  if (size !== pipe.capacity) {
    pipe.resize(size);
    pipe.wrWait.wakeUp();
  }
  return size;
}

/** Is this a file whose every fop is a pipe's (anonymous pipe or FIFO)? */
export function isPipeFile(file: File): boolean {
  return file.fop === pipeFops || file.fop === fifoFops;
}

export const syscalls = { sys_pipe, sys_pipe2 };
