// Creating processes: copy_process, and clone(2)/vfork(2)/fork(2).
//
// fork(2) copies a C program (a WebAssembly module in a Worker): libc's fork() unwinds the
// program's stack into its memory (include/uapi/wasm_abi.ts, "fork") and makes the call with
// where that data is; the child gets a copy of the address space and a Worker of its own that
// rewinds from it (kernel/fork_wasm.ts). A JavaScript program's state cannot be duplicated, nor
// can a C program's at a raw call that did not unwind: there fork(2), and clone(2) without
// CLONE_VM|CLONE_VFORK, fail with ENOSYS. vfork works as Linux's
// does: the child borrows the parent's address space and the parent's code, which runs as the
// child (libc's vfork takes the child's code as a function) until the child calls execve or
// _exit; then the parent continues, with the child's pid. posix_spawn is built on it.
import { Task } from "./task.js";
import { allocPid, registerTask } from "./pid.js";
import { current, setCurrent } from "./sched.js";
import { Errno } from "./errors.js";
import { ENOSYS, EINVAL } from "../include/uapi/errno.js";
import { uptimeUsec } from "./printk.js";

export const CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
  CLONE_PIDFD = 0x1000, CLONE_PTRACE = 0x2000, CLONE_VFORK = 0x4000, CLONE_PARENT = 0x8000,
  CLONE_THREAD = 0x10000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000,
  CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000;
const SIGCHLD = 17;

/** Hooks for a new child (ptrace inheritance, accounting), with the clone flags it was made with. */
export const forkHooks: ((parent: Task, child: Task, flags: number) => void)[] = [];
/** Checks before a process is copied; one throws (an Errno) to refuse the fork. */
export const forkChecks: ((parent: Task) => void)[] = [];
/** How a vfork child's code runs for a Worker parent (set by host/channel.ts). */
export const vforkWorkerHook = { start: (_parent: Task, _child: Task): void => { throw new Errno(ENOSYS); } };
/** A new thread (set by kernel/thread.ts). */
export const cloneHook = {
  thread: (_t: Task, _flags: number, _stack: number, _ptid: number, _ctid: number, _tls: number): number => { throw new Errno(ENOSYS); },
};
/** What a fork of a Worker program needs (set by kernel/fork_wasm.ts): can t be copied, and its child's start. */
export const forkWorkerHook = {
  canFork: (_t: Task): boolean => false,
  start: (_parent: Task, _child: Task, _state: { buf: number; stackPointer: number; tlsBase: number }, _sp: number): void => { throw new Errno(ENOSYS); },
};

/**
 * copy_process: a new task like the parent, sharing or copying its resources. liveStack: where
 * the parent's used stack begins, if known (see MmStruct.duplicate).
 */
export function copyProcess(parent: Task, flags: number, liveStack = 0): Task {
  for (const check of forkChecks) check(parent);
  const pid = allocPid();
  const mm = flags & CLONE_VM ? parent.mm : parent.mm?.duplicate(liveStack) ?? null;
  if (mm && flags & CLONE_VM) mm.users++;
  const fs = flags & CLONE_FS ? parent.fs : { root: parent.fs.root, cwd: parent.fs.cwd, umask: parent.fs.umask, users: 0 };
  fs.users++;
  const files = flags & CLONE_FILES ? parent.files : parent.files.clone();
  if (flags & CLONE_FILES) files.users++;
  const child = new Task(pid, parent.cred.clone(), fs, files, mm, uptimeUsec() / 1000);
  child.comm = parent.comm;
  child.exe = parent.exe;
  child.pgid = parent.pgid;
  child.sid = parent.sid;
  child.tty = parent.tty;
  child.blocked = parent.blocked;
  child.sighand = flags & CLONE_SIGHAND ? parent.sighand : parent.sighand.map((a) => ({ ...a }));
  child.exitSignal = flags & 0xff;
  child.personality = parent.personality;
  child.niceness = parent.niceness;
  child.ioplLevel = parent.ioplLevel;
  child.ioPorts = parent.ioPorts?.slice() ?? null;
  const realParent = flags & CLONE_PARENT && parent.parent ? parent.parent : parent;
  child.parent = realParent;
  realParent.children.add(child);
  registerTask(child);
  for (const h of forkHooks) h(parent, child, flags);
  return child;
}

/**
 * implements clone(2) for the flags Typix supports: CLONE_VM|CLONE_VFORK (vfork), and a new
 * thread (CLONE_THREAD, kernel/thread.ts).
 */
export function sys_clone(t: Task, flags: number, stack: number, ptid: number, ctid: number, tls: number): number {
  if (flags & CLONE_SIGHAND && !(flags & CLONE_VM)) throw new Errno(EINVAL);
  if (flags & CLONE_THREAD && !(flags & CLONE_SIGHAND)) throw new Errno(EINVAL);
  if (flags & CLONE_THREAD) return cloneHook.thread(t, flags, stack, ptid, ctid, tls);
  if ((flags & (CLONE_VM | CLONE_VFORK)) !== (CLONE_VM | CLONE_VFORK) || flags & CLONE_THREAD) throw new Errno(ENOSYS);
  const child = copyProcess(t, flags);
  if (t.backend?.kind === "worker") {
    vforkWorkerHook.start(t, child);
    return child.pid;
  }
  // The parent's code goes on as the child until the child execs or exits.
  child.backend = t.backend;
  child.libc = t.libc;
  child.vforkDone = () => setCurrent(t);
  if (current === t) setCurrent(child);
  return child.pid;
}

/** implements vfork(2) */
export function sys_vfork(t: Task): number {
  return sys_clone(t, CLONE_VM | CLONE_VFORK | 17, 0, 0, 0, 0);
}

/**
 * implements fork(2). The C runtime passes (Asyncify data, __stack_pointer, initial sp, __tls_base) from libc's
 * fork(); without them (a JavaScript program, a raw call) the caller cannot be copied: ENOSYS.
 */
export function sys_fork(t: Task, buf: number, stackPointer: number, sp: number, tlsBase: number): number {
  if (t.backend?.kind !== "worker" || !buf || !forkWorkerHook.canFork(t)) throw new Errno(ENOSYS);
  const child = copyProcess(t, SIGCHLD, stackPointer);
  forkWorkerHook.start(t, child, { buf, stackPointer, tlsBase }, sp);
  return child.pid;
}

export const syscalls = { sys_clone, sys_vfork, sys_fork };
