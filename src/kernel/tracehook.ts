// Hooks around a traced task's system calls and signals (ptrace's syscall, event and
// signal-delivery stops), filled in by kernel/ptrace.ts. Without a tracer they are never called.
import type { Task } from "./task.js";

export interface TraceSigInfo { pid: number; uid: number; code: number; status?: number }

export const tracehooks = {
  /** Before the call: stops owed from earlier (exec's SIGTRAP, a new child's SIGSTOP), then syscall-entry. */
  enter: async (_t: Task, _nr: number, _args: number[]): Promise<void> => {},
  /** After the handler: event stops (fork, vfork, exec), then syscall-exit. */
  exit: async (_t: Task, _nr: number, _args: number[], _ret: number, _execGen: number): Promise<void> => {},
  /** Called by the last traced call of a task to hold its next one (vfork's late exit stop). */
  gate: async (_t: Task): Promise<void> => {},
  /**
   * While a traced call is still in progress (an execve whose exit stops the tracer has yet to
   * see), the promise of its end: the program the execve started must not run before it.
   */
  callInProgress: (_t: Task): Promise<void> | null => null,
  /**
   * Signal delivery of a traced task: null to deliver sig as usual, or a promise settled when the
   * tracer resumes the task from its signal-delivery stop (the signal it chose is requeued).
   */
  signal: (_t: Task, _sig: number, _info: TraceSigInfo): Promise<void> | null => null,
  /** The event stop a PTRACE_INTERRUPT asked for (t.jobctlTrap), taken on the way to user space. */
  trap: (_t: Task): Promise<void> | null => null,
  /**
   * A group-stop of a seized tracee, reported to its tracer: settles true when the tracer leaves
   * it stopped (PTRACE_LISTEN), false when it resumed it; null when nobody seized t.
   */
  groupStop: (_t: Task, _sig: number): Promise<boolean> | null => null,
};
