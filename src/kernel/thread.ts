// Threads: clone(2) with CLONE_THREAD makes a task in the caller's thread group. It shares the
// address space (CLONE_VM), the signal handlers (CLONE_SIGHAND) and, as pthread_create asks, the
// descriptor table and filesystem state; its pid is its thread id, getpid() gives the group's
// (the leader's pid). Nobody waits for a thread: when it exits it is reaped at once, after
// CLONE_CHILD_CLEARTID's write and futex wake (kernel/exit.ts). exit_group and a fatal signal end
// every thread; the process is reported to its parent once its last thread has gone.
//
// A thread of a C program runs in a Worker of its own on the same compiled module and the same
// (shared) memory: the runtime points its C stack at clone's stack and calls the program's
// thread entry with clone's tls argument (include/uapi/wasm_abi.ts, "threads").
import type { Task } from "./task.js";
import type { UserPtr } from "../mm/mm.js";
import { copyProcess, cloneHook, CLONE_PARENT_SETTID, CLONE_CHILD_CLEARTID, CLONE_CHILD_SETTID } from "./fork.js";
import { procState } from "./proc_state.js";
import { putUser32 } from "../mm/uaccess.js";
import { Errno } from "./errors.js";
import { ENOSYS } from "../include/uapi/errno.js";

/** Starting a thread's Worker (set by kernel/fork_wasm.ts): can t have threads, and the start. */
export const threadWorkerHook = {
  canThread: (_t: Task): boolean => false,
  start: (_parent: Task, _child: Task, _stack: number, _tls: number): void => { throw new Errno(ENOSYS); },
};

cloneHook.thread = (t, flags, stack, ptid, ctid, tls) => {
  if (!threadWorkerHook.canThread(t)) throw new Errno(ENOSYS);
  const child = copyProcess(t, flags & ~0xff);
  // A thread is not its creator's child: it belongs to the group, beside the leader.
  child.parent?.children.delete(child);
  const leader = t.leader;
  child.leader = leader;
  child.parent = leader.parent;
  leader.threads.add(child);
  child.exitSignal = 0;
  if (flags & CLONE_PARENT_SETTID) putUser32(t.mm!, ptid as UserPtr, child.pid);
  if (flags & CLONE_CHILD_SETTID) putUser32(t.mm!, ctid as UserPtr, child.pid);
  if (flags & CLONE_CHILD_CLEARTID) procState(child).clearChildTid = ctid;
  threadWorkerHook.start(t, child, stack, tls);
  return child.pid;
};
