// The system-call entry: number -> handler, arguments in, return value out. This is the one
// place where a kernel error becomes -errno, and where any other exception becomes an oops.
// Every path into the kernel goes through doSyscall64: system programs on the kernel thread
// (kthread_entry.ts) and user programs in Workers (host/channel.ts) alike.
import { SYSCALL_TABLE } from "./syscalls/table.gen.js";
import { SYSCALL_HANDLERS, type SyscallHandler } from "../../../kernel/syscalls.js";
import type { Task } from "../../../kernel/task.js";
import { Errno } from "../../../kernel/errors.js";
import { ENOSYS, ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, EINTR } from "../../../include/uapi/errno.js";
import { exitToUserMode, RESTART, RESTART_BLOCK } from "../../../kernel/signal.js";
import { __NR_restart_syscall } from "../../../include/uapi/asm/unistd_64.gen.js";
import { oops } from "../../../kernel/panic.js";
import { lockdepSysExit } from "../../../kernel/lockdep.js";
import { tracehooks } from "../../../kernel/tracehook.js";

/** One past the highest number in the table (at least 512, as Linux's x86-64 table). */
export const NR_SYSCALLS = Math.max(512, ...SYSCALL_TABLE.map((e) => e.nr + 1));

/** The dispatch table, built from syscall_64.tbl's entry points and the handlers that exist. */
const table: (SyscallHandler | undefined)[] = new Array(NR_SYSCALLS);
/** The name of each number, for strace and /proc/PID/syscall. */
export const syscallNames: (string | undefined)[] = new Array(NR_SYSCALLS);
for (const e of SYSCALL_TABLE) {
  syscallNames[e.nr] = e.name;
  // Tables of Linux 4.17 to 5.x (and the books of that time) name the x86-64 wrapper itself.
  table[e.nr] = SYSCALL_HANDLERS[e.entry.replace(/^__x64_/, "")];
}

/** Entry points in the table that the kernel implements, for `typix --syscalls` and tests. */
export function implementedSyscalls(): string[] {
  return SYSCALL_TABLE.filter((e) => table[e.nr]).map((e) => e.name);
}

/** Turn what a handler threw into the value user space sees. */
function errorToReturn(t: Task, nr: number, e: unknown): number {
  if (e instanceof Errno) return -e.errno;
  oops(t, e, syscallNames[nr] ?? `syscall_${nr}`);
  return -EINTR;
}

/**
 * Run system call nr for task t. Returns the value for the user's rax: a result, or -errno in
 * [-4095, -1]. Returns a promise when the call sleeps.
 */
export function doSyscall64(t: Task, nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): number | Promise<number> {
  if (t.ptrace !== null) return tracedSyscall(t, nr, a0, a1, a2, a3, a4, a5);
  const h = nr >= 0 && nr < NR_SYSCALLS ? table[nr] : undefined;
  if (h === undefined) return finish(t, nr, -ENOSYS, a0, a1, a2, a3, a4, a5);
  let r: number | Promise<number>;
  try {
    r = h(t, a0, a1, a2, a3, a4, a5);
  } catch (e) {
    return finish(t, nr, errorToReturn(t, nr, e), a0, a1, a2, a3, a4, a5);
  }
  if (typeof r === "number") {
    if (!t.signalPending() && t.locksHeld.length === 0) return r;
    return finish(t, nr, r, a0, a1, a2, a3, a4, a5);
  }
  return r.then(
    (v) => finish(t, nr, v, a0, a1, a2, a3, a4, a5),
    (e) => finish(t, nr, errorToReturn(t, nr, e), a0, a1, a2, a3, a4, a5),
  );
}

function isRestart(ret: number): boolean {
  return ret === -ERESTARTSYS || ret === -ERESTARTNOINTR || ret === -ERESTARTNOHAND;
}

/** Syscall exit: signal delivery, restarts. */
function finish(t: Task, nr: number, ret: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): number | Promise<number> {
  if (t.locksHeld.length !== 0) lockdepSysExit(t);
  if (!t.signalPending() && !isRestart(ret)) return ret;
  const out = exitToUserMode(t, ret);
  // A restart runs the same call again; a restart block goes on as restart_syscall(2), as the
  // user's next instruction would on Linux.
  const again = (v: number) => (v === RESTART ? doSyscall64(t, nr, a0, a1, a2, a3, a4, a5)
    : v === RESTART_BLOCK ? doSyscall64(t, __NR_restart_syscall, 0, 0, 0, 0, 0, 0) : v);
  return typeof out === "number" ? again(out) : out.then(again);
}


/**
 * The slow path for a traced task (kernel/ptrace.ts): syscall-entry stop, the handler, event and
 * syscall-exit stops, then the usual exit work (signal delivery, where signal-delivery stops
 * happen; a restarted call comes back through here and is traced again).
 */
async function tracedSyscall(t: Task, nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): Promise<number> {
  await tracehooks.gate(t);
  const args = [a0, a1, a2, a3, a4, a5];
  await tracehooks.enter(t, nr, args);
  const gen = t.execGeneration;
  let ret: number;
  if (t.fatalPending || t.exiting || !t.isAlive()) {
    ret = -ENOSYS; // killed in its entry stop: the call does not run
  } else {
    const h = nr >= 0 && nr < NR_SYSCALLS ? table[nr] : undefined;
    try {
      ret = h === undefined ? -ENOSYS : await h(t, a0, a1, a2, a3, a4, a5);
    } catch (e) {
      ret = errorToReturn(t, nr, e);
    }
  }
  await tracehooks.exit(t, nr, args, ret, gen);
  return finish(t, nr, ret, a0, a1, a2, a3, a4, a5);
}
