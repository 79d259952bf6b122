// Starting user programs from the kernel itself (call_usermodehelper): how the host's library
// and CLI run commands in the machine. The new process is a child of init.
import { Task } from "./task.js";
import { Cred } from "./cred.js";
import { FdTable } from "../fs/fdtable.js";
import type { File } from "../fs/file.js";
import { allocPid, registerTask } from "./pid.js";
import { getInitTask, doExit } from "./exit.js";
import { enqueueTask, current, leaveCpu } from "./sched.js";
import { doExecve } from "./exec.js";
import { rootPath } from "../fs/mount.js";
import { pathLookup } from "../fs/namei.js";
import { exitStatus } from "../include/uapi/wait.js";
import { Errno } from "./errors.js";
import { ENOENT, EACCES } from "../include/uapi/errno.js";
import { uptimeUsec } from "./printk.js";
import { MmStruct, type UserPtr } from "../mm/mm.js";
import { PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS } from "../include/uapi/mman.js";

export interface UmhOptions {
  argv: string[];
  envp: string[];
  uid: number;
  gid: number;
  groups?: number[];
  cwd: string;
  files: (File | null)[];
  /** Session and process group of its own, with this terminal (the console's shell). */
  tty?: unknown;
  /** Called with the wait status when the process exits. */
  onExit?: (status: number) => void;
  onStart?: (t: Task) => void;
}

/** A new process, child of init, with root's or the given credentials and the given files. */
function newHelperTask(o: Pick<UmhOptions, "uid" | "gid" | "groups" | "cwd" | "files" | "tty" | "onExit">): Task {
  const init = getInitTask()!;
  const root = rootPath();
  const t = new Task(allocPid(), new Cred(o.uid, o.gid, o.uid, o.gid, o.uid, o.gid, o.uid, o.gid, o.groups ?? []), { root, cwd: root, umask: 0o022, users: 1 }, new FdTable(), null, uptimeUsec() / 1000);
  try { t.fs.cwd = pathLookup(t, root, o.cwd, { follow: true, directory: true }); } catch { t.fs.cwd = root; }
  o.files.forEach((f, i) => { if (f) t.files.installAt(i, f, false); });
  t.comm = "kworker/u2:0";
  t.parent = init;
  init.children.add(t);
  t.pgid = t.pid;
  t.sid = o.tty ? t.pid : init.sid;
  t.tty = o.tty ?? null;
  t.exitNotify = o.onExit ?? null;
  registerTask(t);
  return t;
}

/** Start argv[0] as a new process; returns its pid. */
export function callUsermodehelper(o: UmhOptions): number {
  const t = newHelperTask(o);
  o.onStart?.(t);
  enqueueTask(t, () => {
    doExecve(t, t.fs.cwd, o.argv[0], o.argv, o.envp).catch(async (e) => {
      const errno = e instanceof Errno ? e.errno : EACCES;
      await doExit(t, exitStatus(errno === ENOENT ? 127 : 126));
    }).finally(() => {
      if (current === t) leaveCpu();
    });
  });
  return t.pid;
}

/**
 * Run body as a process of its own, as root, with an address space holding `bufLen` bytes of
 * anonymous memory at `buf`: the host's file I/O, so that drivers see a process's user buffer
 * exactly as when a program reads or writes (copy_to_user, copy_from_user), then it exits.
 */
export function runInProcess<T>(comm: string, bufLen: number, body: (t: Task, buf: UserPtr) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = newHelperTask({ uid: 0, gid: 0, groups: [0], cwd: "/", files: [] });
    t.comm = comm;
    t.mm = new MmStruct();
    const buf = t.mm.mmap(0, bufLen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS) as UserPtr;
    enqueueTask(t, () => {
      body(t, buf).then(resolve, reject).finally(async () => {
        await doExit(t, exitStatus(0));
        if (current === t) leaveCpu();
      });
    });
  });
}
