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

/** Start argv[0] as a new process; returns its pid. */
export function callUsermodehelper(o: UmhOptions): number {
  const init = getInitTask()!;
  const root = rootPath();
  let cwd = root;
  const t0 = new Task(allocPid(), new Cred(o.uid, o.gid, o.uid, o.gid, o.uid, o.gid, o.uid, o.gid, o.groups ?? []), { root, cwd, umask: 0o022, users: 1 }, new FdTable(), null, uptimeUsec() / 1000);
  const t = t0;
  try { cwd = pathLookup(t, root, o.cwd, { follow: true, directory: true }); } catch { cwd = root; }
  t.fs.cwd = cwd;
  o.files.forEach((f, i) => { if (f) t.files.installAt(i, f, false); });
  t.comm = "kworker/u2:0";
  t.parent = init;
  init.children.add(t);
  t.pgid = t.pid;
  t.sid = o.tty ? t.pid : init.sid;
  t.tty = o.tty ?? null;
  t.exitNotify = o.onExit ?? null;
  registerTask(t);
  o.onStart?.(t);
  enqueueTask(t, () => {
    doExecve(t, cwd, o.argv[0], o.argv, o.envp).catch(async (e) => {
      const errno = e instanceof Errno ? e.errno : EACCES;
      await doExit(t, exitStatus(errno === ENOENT ? 127 : 126));
    }).finally(() => {
      if (current === t) leaveCpu();
    });
  });
  return t.pid;
}
