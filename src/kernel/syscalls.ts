// The system-call handlers, by entry-point name (the fourth column of syscall_64.tbl). Each
// family lives in its own file and exports `syscalls`; this is the one list of families.
// A table entry whose name is missing here returns -ENOSYS.
import type { Task } from "./task.js";
import { syscalls as exit } from "./exit.js";
import { syscalls as exec } from "./exec.js";
import { syscalls as fork } from "./fork.js";
import { syscalls as futex } from "./futex.js";
import "./thread.js";
import { syscalls as sysSignal } from "./sys_signal.js";
import { syscalls as open } from "../fs/open.js";
import { syscalls as readWrite } from "../fs/read_write.js";
import { syscalls as mman } from "../mm/sys_mman.js";
import { syscalls as ids } from "./sys_ids.js";
import { syscalls as fsStat } from "../fs/stat.js";
import { syscalls as fsNameiOps } from "../fs/namei_ops.js";
import { syscalls as fsAttr } from "../fs/attr.js";
import { syscalls as fsAccess } from "../fs/access.js";
import { syscalls as fsStruct } from "../fs/fs_struct.js";
import { syscalls as fsReaddir } from "../fs/readdir.js";
import { syscalls as fsNamespace } from "../fs/namespace.js";
import { syscalls as fsSync } from "../fs/sync.js";
import { syscalls as fsFd } from "../fs/fd.js";
import { syscalls as fsPipe } from "../fs/pipe.js";
import { syscalls as fsSelect } from "../fs/select.js";
import { syscalls as fsIoctl } from "../fs/ioctl.js";
import { syscalls as fsSendfile } from "../fs/sendfile.js";
import { syscalls as sysTime } from "./sys_time.js";
import { syscalls as sysInfo } from "./sys_info.js";
import { syscalls as sysRlimit } from "./sys_rlimit.js";
import { syscalls as sysPrctl } from "./sys_prctl.js";
import { syscalls as sysSyslog } from "./sys_syslog.js";
import { syscalls as module } from "./module/main.js";
import { syscalls as flock } from "../fs/flock.js";
import { syscalls as ptrace } from "./ptrace.js";
import { syscalls as sysSched } from "./sys_sched.js";
import { syscalls as syscallDefine } from "../include/linux/syscalls.js";
import { syscalls as ioport } from "../arch/x86/kernel/ioport.js";

/** The one handler signature: the calling task and the six argument registers. */
export type SyscallHandler = (t: Task, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number) => number | Promise<number>;

type Family = Record<string, (t: Task, ...args: number[]) => number | Promise<number>>;

const families: Family[] = [
  ioport,
  sysTime,
  sysInfo,
  sysRlimit,
  sysPrctl,
  exit,
  exec,
  fork,
  futex,
  sysSignal,
  open,
  readWrite,
  mman,
  ids,
  fsStat,
  fsNameiOps,
  fsAttr,
  fsAccess,
  fsStruct,
  fsReaddir,
  fsNamespace,
  fsSync,
  fsFd,
  fsPipe,
  fsSelect,
  fsIoctl,
  fsSendfile,
  sysSyslog,
  module,
  flock,
  ptrace,
  sysSched,
  syscallDefine,
];

export const SYSCALL_HANDLERS: Record<string, SyscallHandler | undefined> = Object.assign({}, ...families);
