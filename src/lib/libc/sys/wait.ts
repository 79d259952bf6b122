// <sys/wait.h>: wait, waitpid, wait4 and the status macros.
import { syscall6 } from "../arch/trap.js";
import { __syscall_ret } from "../errno.js";
import { scratchAlloc, scratchMark, scratchRelease, view } from "../internal/mem.js";
export { WNOHANG, WUNTRACED, WCONTINUED, WEXITSTATUS, WTERMSIG, WSTOPSIG, WIFEXITED, WIFSIGNALED, WIFSTOPPED, WIFCONTINUED, WCOREDUMP } from "../../../include/uapi/wait.js";

const NR_wait4 = 61;

/** wait4(pid, status, options, rusage): status is an address, or a { value } box to fill. */
export async function wait4(pid: number, status: number | { value: number }, options: number, rusage = 0): Promise<number> {
  if (typeof status === "number") return __syscall_ret(await syscall6(NR_wait4, pid, status, options, rusage));
  const mark = scratchMark();
  try {
    const p = await scratchAlloc(4);
    const r = __syscall_ret(await syscall6(NR_wait4, pid, p, options, rusage));
    if (r > 0) status.value = view().getInt32(p, true);
    return r;
  } finally {
    scratchRelease(mark);
  }
}

export function waitpid(pid: number, status: number | { value: number }, options: number): Promise<number> {
  return wait4(pid, status, options, 0);
}

export function wait(status: number | { value: number }): Promise<number> {
  return wait4(-1, status, 0, 0);
}
