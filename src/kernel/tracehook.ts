// Hooks around a traced task's system calls (ptrace's syscall stops), filled in by
// kernel/ptrace.ts. Without a tracer they are never called.
import type { Task } from "./task.js";

export const tracehooks = {
  enter: async (_t: Task, _tracer: unknown, _nr: number, _args: number[]): Promise<void> => {},
  exit: async (_t: Task, _tracer: unknown, _nr: number, _args: number[], _ret: number): Promise<void> => {},
};
