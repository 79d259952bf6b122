// The task (process) structure. Typix processes are single-threaded: a task is a process, and
// its pid is its thread id; its thread group leader's pid is its tgid. See kernel/README.md for how a task's code runs (kernel thread or Worker).
import type { Cred } from "./cred.js";
import type { FdTable } from "../fs/fdtable.js";
import type { Path } from "../fs/inode.js";
import type { MmStruct } from "../mm/mm.js";
import { WaitQueue } from "./wait.js";
import { TASK_RUNNING } from "./sched.js";
import { NSIG, SIG_DFL } from "../include/uapi/signal.js";

export interface SigAction {
  /** SIG_DFL (0), SIG_IGN (1), or the user-space address (handler id) of a handler. */
  handler: number;
  flags: number;
  mask: bigint;
  restorer: number;
}

export interface FsStruct {
  root: Path;
  cwd: Path;
  umask: number;
  users: number;
}

/** A signal delivery the user side must run: a handler call, then maybe a syscall restart. */
export interface SignalFrame {
  sig: number;
  handler: number;
  flags: number;
  /** The mask to restore when the handler returns (rt_sigreturn). */
  savedMask: bigint;
}

/** How the task's user code runs: see kernel/exec.ts and host/user_worker.ts. */
export interface ExecBackend {
  kind: "kernel" | "worker";
  /** Stop the user code for good (the task has exited). */
  kill(): void;
}

export const sigbit = (sig: number) => 1n << BigInt(sig - 1);

export class Task {
  pid: number;
  comm = "";
  parent: Task | null = null;
  children = new Set<Task>();
  pgid = 0;
  sid = 0;
  cred: Cred;
  fs: FsStruct;
  files: FdTable;
  mm: MmStruct | null;
  exe: Path | null = null;

  state = TASK_RUNNING;
  /** Set when the task is asleep: resolving it resumes the task (only the scheduler calls it). */
  resume: (() => void) | null = null;
  /** 0 while alive, then "zombie" until reaped, then "dead". */
  exitState: 0 | "zombie" | "dead" = 0;
  /** The wait status word (exitStatus / signalStatus encoding). */
  exitCode = 0;
  /** Reported to the parent once: stop (stoppedStatus) or continue (CONTINUED_STATUS). */
  pendingReport: number | null = null;
  exitSignal = 17; // SIGCHLD

  sighand: SigAction[];
  blocked = 0n;
  pending = 0n;
  /** Sending signal → sender pid, for siginfo. */
  pendingInfo = new Map<number, { pid: number; uid: number; code: number }>();
  sigFrames: SignalFrame[] = [];
  /** Frames whose handlers are running in user space, popped by rt_sigreturn. */
  activeFrames: SignalFrame[] = [];
  /** Bumped by every successful execve: the old program's code must not run on. */
  execGeneration = 0;
  /** The mask set by rt_sigsuspend/ppoll, restored after the handler runs. */
  savedSigmask: bigint | null = null;

  /** Parent's wait4 sleeps here; woken when a child changes state. */
  readonly childWait = new WaitQueue();
  /** Completed when a vfork child execs or exits. */
  vforkDone: (() => void) | null = null;
  /** The controlling terminal. */
  tty: any = null;

  startTime: number;
  utimeMs = 0;
  stimeMs = 0;
  /** A Worker program running its own code since this time (0: it is not), not yet in utimeMs. */
  userSince = 0;
  backend: ExecBackend | null = null;
  /** Per-process state of libc for system programs (stdio buffers, handler table). */
  libc: any = null;
  /** Seconds until SIGALRM, if an alarm is set. */
  alarmTimer: ReturnType<typeof setTimeout> | null = null;
  /** ptrace and strace state (kernel/ptrace.ts). */
  ptrace: any = null;
  personality = 0;
  niceness = 0;
  /** iopl(2)'s level and ioperm(2)'s permitted ports (arch/x86/kernel/ioport.ts). */
  ioplLevel = 0;
  ioPorts: Uint8Array | null = null;
  /** Scheduling policy (SCHED_OTHER, SCHED_FIFO, ...), real-time priority (1..99 for FIFO/RR, else 0)
   * and SCHED_RESET_ON_FORK: kernel/sys_sched.ts. */
  schedPolicy = 0;
  rtPriority = 0;
  schedResetOnFork = false;
  /** Locks held (lockdep), module API context. */
  locksHeld: unknown[] = [];

  constructor(pid: number, cred: Cred, fs: FsStruct, files: FdTable, mm: MmStruct | null, startTime: number) {
    this.pid = pid;
    this.cred = cred;
    this.fs = fs;
    this.files = files;
    this.mm = mm;
    this.startTime = startTime;
    this.sighand = Array.from({ length: NSIG + 1 }, () => ({ handler: SIG_DFL, flags: 0, mask: 0n, restorer: 0 }));
  }

  /**
   * The thread group (kernel/thread.ts): its leader, whose pid is the group's tgid (a process's
   * pid as getpid reports it), and on the leader the group's other threads.
   */
  leader: Task = this;
  threads = new Set<Task>();
  get tgid(): number { return this.leader.pid; }

  /** Is a signal pending that is not blocked? */
  signalPending(): boolean {
    // pending is almost always 0n: test that first, as BigInt arithmetic costs tens of ns.
    return (this.pending !== 0n && (this.pending & ~this.blocked) !== 0n) || this.fatalPending || this.jobctlTrap;
  }

  /** A tracer's PTRACE_INTERRUPT (or a listening group-stop's SIGCONT) asks for an event stop. */
  jobctlTrap = false;

  /** A SIGKILL (or a fatal default action) has been decided: the task is dying. */
  fatalPending = false;
  /** The interrupted call is to run again once the handlers in sigFrames have returned. */
  restartSyscall = false;
  /** Told the wait status when the task exits (processes started by the host). */
  exitNotify: ((status: number) => void) | null = null;
  /** doExit has begun. */
  exiting = false;
  /** A Worker task is inside a system call (the kernel is working for it). */
  inSyscall = false;

  isAlive(): boolean { return this.exitState === 0; }
}

/** User CPU time in ms, including what a Worker program is running right now. */
export function userTimeMs(t: Task): number {
  return t.utimeMs + (t.userSince ? performance.now() - t.userSince : 0);
}
