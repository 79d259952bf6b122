// /proc/PID: one directory per process (Linux's fs/proc/base.c), and /proc/self. Entries are
// owned by the process's effective ids; environ, fd/, fdinfo/ and the cwd, root and exe links
// are only for the process's owner or root (ptrace_may_access, EACCES otherwise).
import type { Task } from "../../kernel/task.js";
import type { Inode, Path } from "../inode.js";
import type { File } from "../file.js";
import { allTasks, findTask } from "../../kernel/pid.js";
import { Errno } from "../../kernel/errors.js";
import { EACCES, EINVAL, ENOENT, ESRCH } from "../../include/uapi/errno.js";
import { S_IFMT, S_IFLNK } from "../../include/uapi/stat.js";
import { O_CLOEXEC, O_LARGEFILE } from "../../include/uapi/fcntl.js";
import { copyFromUser } from "../../mm/uaccess.js";
import type { UserPtr } from "../../mm/mm.js";
import { pathName } from "../mount.js";
import { procSbOrNull, procFileInode, procDirInode, procLinkInode } from "./inode.js";
import { procPidDirs, procSymlink } from "./root.js";
import { statusShow, statShow } from "./array.js";
import { mapsShow } from "./task_mmu.js";
import { limitsShow } from "./limits.js";
import { mountsShow, mountId } from "./generic.js";

/** ptrace_may_access (read mode): root, or a caller whose ids all match the target's. */
export function mayAccessTask(reader: Task, target: Task): boolean {
  const r = reader.cred, c = target.cred;
  if (reader === target || r.euid === 0) return true;
  return r.fsuid === c.uid && r.fsuid === c.euid && r.fsuid === c.suid &&
    r.fsgid === c.gid && r.fsgid === c.egid && r.fsgid === c.sgid;
}

function checkAccess(reader: Task, target: Task): void {
  if (!mayAccessTask(reader, target)) throw new Errno(EACCES);
}

/** The name /proc/PID/fd/N shows for an open file. */
export function fileDisplayName(f: File): string {
  const type = f.path.mnt.sb.type.name;
  if (type === "pipefs") return `pipe:[${f.inode.ino}]`;
  if (type === "sockfs") return `socket:[${f.inode.ino}]`;
  if (type === "anon_inodefs") return `anon_inode:${f.path.dentry.name}`;
  const p = pathName(f.path);
  return f.inode.nlink === 0 && !f.inode.isDir() ? `${p} (deleted)` : p;
}

function pathDisplay(p: Path): string {
  const name = pathName(p);
  return p.dentry.inode.nlink === 0 ? `${name} (deleted)` : name;
}

/** Read [start, end) of t's memory (cmdline, environ); empty for a process without one. */
function readTaskMemory(t: Task, start: number, end: number): Uint8Array {
  if (!t.mm || !t.isAlive() || end <= start) return new Uint8Array(0);
  try {
    return copyFromUser(t.mm, start as UserPtr, end - start);
  } catch {
    return new Uint8Array(0);
  }
}

type Maker = (t: Task) => Inode;

interface PidCache { inodes: Map<string, Inode> }
const caches = new WeakMap<Task, PidCache>();

function cached(t: Task, key: string, make: () => Inode): Inode {
  let c = caches.get(t);
  if (!c) { c = { inodes: new Map() }; caches.set(t, c); }
  let inode = c.inodes.get(key);
  if (!inode) { inode = make(); c.inodes.set(key, inode); }
  // Owned by the process's effective ids, as task_dump_owner decides.
  inode.uid = t.cred.euid;
  inode.gid = t.cred.egid;
  return inode;
}

const sb = () => procSbOrNull()!;

/** The file open at fd in t, or null. */
function fileAt(t: Task, fd: number): File | null {
  if (!t.isAlive() || !t.files.has(fd)) return null;
  return t.files.get(fd);
}

function fdLink(t: Task, fd: number): Inode {
  const inode = cached(t, `fd/${fd}`, () => procLinkInode(sb(), 0o700, {
    readlink: (reader) => {
      checkAccess(reader, t);
      const f = fileAt(t, fd);
      if (!f) throw new Errno(ENOENT);
      return fileDisplayName(f);
    },
    getLink: (reader) => {
      checkAccess(reader, t);
      const f = fileAt(t, fd);
      if (!f) throw new Errno(ENOENT);
      return f.path;
    },
  }));
  // lr-x for a file open for reading, l-wx for writing, lrwx for both.
  const f = fileAt(t, fd);
  inode.mode = S_IFLNK | (f?.readable ? 0o500 : 0) | (f?.writable ? 0o300 : 0);
  return inode;
}

/*
 * /proc/PID/fdinfo/N:
 *   "pos:\t%lli\nflags:\t0%o\nmnt_id:\t%i\nino:\t%lu\n" (flags with O_CLOEXEC for a close-on-exec descriptor)
 */
function fdinfoFile(t: Task, fd: number): Inode {
  return cached(t, `fdinfo/${fd}`, () => procFileInode(sb(), 0o444, {
    show: (reader) => {
      checkAccess(reader, t);
      const f = fileAt(t, fd);
      if (!f) throw new Errno(ENOENT);
      let flags = f.flags;
      if (t.files.getCloexec(fd)) flags |= O_CLOEXEC;
      if ((f.inode.mode & S_IFMT) !== 0o010000) flags |= O_LARGEFILE;
      return `pos:\t${f.pos}\nflags:\t0${flags.toString(8)}\nmnt_id:\t${mountId(f.path.mnt)}\nino:\t${f.inode.ino}\n`;
    },
  }));
}

function fdDir(t: Task, key: string, make: (t: Task, fd: number) => Inode): Inode {
  return cached(t, key, () => procDirInode(sb(), 0o500, {
    lookup: (name) => {
      if (!/^(0|[1-9]\d*)$/.test(name)) return null;
      const fd = Number(name);
      return fileAt(t, fd) ? make(t, fd) : null;
    },
    list: () => (t.isAlive() ? t.files.list() : []).map((fd) => [String(fd), make(t, fd)] as [string, Inode]),
  }));
}

function pathLink(t: Task, key: string, get: () => Path | null): Inode {
  return cached(t, key, () => procLinkInode(sb(), 0o777, {
    readlink: (reader) => {
      checkAccess(reader, t);
      const p = t.isAlive() ? get() : null;
      if (!p) throw new Errno(ENOENT);
      return pathDisplay(p);
    },
    getLink: (reader) => {
      checkAccess(reader, t);
      const p = t.isAlive() ? get() : null;
      if (!p) throw new Errno(ENOENT);
      return p;
    },
  }));
}

const enc = new TextEncoder();

/** The entries of /proc/PID, by name. */
const pidEntries: [string, Maker][] = [
  // The threads of the process: a directory per thread id, each as /proc/TID is.
  ["task", (t) => cached(t, "task", () => procDirInode(sb(), 0o555, {
    lookup: (name) => groupOf(t).find((x) => String(x.pid) === name) ? pidDir(findTask(Number(name))!) : null,
    list: () => groupOf(t).map((x) => [String(x.pid), pidDir(x)] as [string, Inode]),
  }))],
  ["fd", (t) => fdDir(t, "fd", fdLink)],
  ["fdinfo", (t) => fdDir(t, "fdinfo", fdinfoFile)],
  // Format: the bytes of the environment block, NUL-separated, as the process left them.
  ["environ", (t) => cached(t, "environ", () => procFileInode(sb(), 0o400, {
    openCheck: (reader) => checkAccess(reader, t),
    show: () => readTaskMemory(t, t.mm?.envStart ?? 0, t.mm?.envEnd ?? 0),
  }))],
  ["status", (t) => cached(t, "status", () => procFileInode(sb(), 0o444, { show: () => statusShow(t) }))],
  ["stat", (t) => cached(t, "stat", () => procFileInode(sb(), 0o444, { show: () => statShow(t) }))],
  ["limits", (t) => cached(t, "limits", () => procFileInode(sb(), 0o444, { show: () => limitsShow(t) }))],
  // Format: argv, each argument followed by a NUL (read from the process's memory).
  ["cmdline", (t) => cached(t, "cmdline", () => procFileInode(sb(), 0o444, {
    show: () => readTaskMemory(t, t.mm?.argStart ?? 0, t.mm?.argEnd ?? 0),
  }))],
  // Format: "%s\n" the command name; the process itself may write a new one (15 bytes kept).
  ["comm", (t) => cached(t, "comm", () => procFileInode(sb(), 0o644, {
    show: () => `${t.comm}\n`,
    write: (text, reader) => {
      if (reader !== t) throw new Errno(EINVAL);
      const bytes = enc.encode(text).subarray(0, 15);
      t.comm = new TextDecoder().decode(bytes);
    },
  }))],
  ["maps", (t) => cached(t, "maps", () => procFileInode(sb(), 0o444, {
    openCheck: (reader) => checkAccess(reader, t),
    show: () => mapsShow(t),
  }))],
  ["mounts", (t) => cached(t, "mounts", () => procFileInode(sb(), 0o444, { show: () => mountsShow(t) }))],
  ["cwd", (t) => pathLink(t, "cwd", () => t.fs.cwd)],
  ["root", (t) => pathLink(t, "root", () => t.fs.root)],
  ["exe", (t) => pathLink(t, "exe", () => t.exe)],
];
const pidEntryMap = new Map(pidEntries);

function pidDir(t: Task): Inode {
  return cached(t, "", () => procDirInode(sb(), 0o555, {
    lookup: (name) => pidEntryMap.get(name)?.(t) ?? null,
    list: () => pidEntries.map(([name, make]) => [name, make(t)] as [string, Inode]),
  }));
}

/** The live threads of t's process, the leader first. */
function groupOf(t: Task): Task[] {
  return [t.leader, ...[...t.leader.threads].sort((a, b) => a.pid - b.pid)].filter((x) => x.exitState !== "dead");
}

function visibleTask(pid: number): Task | null {
  const t = findTask(pid);
  return t && t.exitState !== "dead" ? t : null;
}

procPidDirs.ops = {
  lookup(name) {
    if (!/^[1-9]\d*$/.test(name)) return null;
    const t = visibleTask(Number(name));
    return t ? pidDir(t) : null;
  },
  list() {
    // Processes only: a thread's directory is reached by its id, or under its process's task/.
    const tasks = [...allTasks()].filter((t) => t.exitState !== "dead" && t.leader === t).sort((a, b) => a.pid - b.pid);
    return tasks.map((t) => [String(t.pid), pidDir(t)] as [string, Inode]);
  },
};

/** /proc/self: a link to the reader's own directory. */
procSymlink("self", {
  readlink: (reader) => {
    if (!findTask(reader.pid)) throw new Errno(ESRCH);
    return String(reader.tgid);
  },
});
