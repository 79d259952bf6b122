// Signal system calls: kill, tkill, tgkill, rt_sigaction, rt_sigprocmask, rt_sigpending,
// rt_sigsuspend, rt_sigreturn, pause, alarm.
import type { Task } from "./task.js";
import { WaitQueue } from "./wait.js";
import { Errno } from "./errors.js";
import { ERESTARTNOHAND } from "../include/uapi/errno.js";

/** implements pause(2) */
export async function sys_pause(t: Task): Promise<number> {
  const wq = new WaitQueue();
  try {
    await wq.waitEvent(t, () => false);
  } catch (e) {
    if (e instanceof Errno) throw new Errno(ERESTARTNOHAND);
    throw e;
  }
  return 0;
}

export const syscalls = { sys_pause };
