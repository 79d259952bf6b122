// ptrace(2): a tracer observes and controls its tracees. A tracee stops (syscall-entry and
// syscall-exit stops, signal-delivery stops, event stops for fork/vfork/clone/exec) and sleeps
// until the tracer resumes it; the tracer learns of each stop through wait4 (WIFSTOPPED, with
// SIGTRAP|0x80 for syscall stops under PTRACE_O_TRACESYSGOOD, and event << 16 for events), reads
// registers (PTRACE_GETREGS, PEEKUSER) and memory (PEEKDATA), and resumes it with PTRACE_SYSCALL,
// PTRACE_CONT or PTRACE_DETACH, passing or suppressing the stopping signal.
// A tracee attached with PTRACE_SEIZE can also be stopped where it is with PTRACE_INTERRUPT
// (an event stop, PTRACE_EVENT_STOP with SIGTRAP: a sleeping call is interrupted and restarted
// afterwards; a Worker running its own code stops at once), and its group-stops are reported
// (PTRACE_EVENT_STOP with the stopping signal; PTRACE_GETSIGINFO fails with EINVAL there):
// PTRACE_LISTEN leaves it stopped until a SIGCONT, which is reported by another event stop.
//
// The stops themselves come from the syscall entry (arch/x86/entry/common.ts's tracedSyscall),
// signal delivery (kernel/signal.ts) and the fork/exec/exit hooks, through kernel/tracehook.ts.
// A tracee of a TRACEME or an auto-attached child owes its first stop (SIGTRAP after exec,
// SIGSTOP for a new child, PTRACE_EVENT_STOP for a seized one's); Typix takes it before the next system call, the first moment its
// program can do anything the tracer could see.
import type { Task } from "./task.js";
import { sigbit } from "./task.js";
import { tracehooks, type TraceSigInfo } from "./tracehook.js";
import { findTask } from "./pid.js";
import { sleepOn, wakeUpProcess, current, TASK_RUNNING } from "./sched.js";
import { sendSignal, signalWakeUp, SI_USER, SI_KERNEL, CLD_TRAPPED } from "./signal.js";
import { exitHooks, waitHooks, type WaitResult, type WaitWho } from "./exit.js";
import { execHooks } from "./exec.js";
import { forkHooks, CLONE_VFORK } from "./fork.js";
import { Errno } from "./errors.js";
import { EPERM, ESRCH, EIO, EINVAL, EFAULT, ENOSYS } from "../include/uapi/errno.js";
import { SIGTRAP, SIGSTOP, SIGKILL, SIGCHLD, NSIG } from "../include/uapi/signal.js";
import { stoppedStatus, WNOWAIT } from "../include/uapi/wait.js";
import { copyFromUser, copyToUser } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";

export const PTRACE_TRACEME = 0, PTRACE_PEEKTEXT = 1, PTRACE_PEEKDATA = 2, PTRACE_PEEKUSER = 3,
  PTRACE_CONT = 7, PTRACE_KILL = 8, PTRACE_GETREGS = 12, PTRACE_ATTACH = 16, PTRACE_DETACH = 17,
  PTRACE_SYSCALL = 24, PTRACE_SETOPTIONS = 0x4200, PTRACE_GETEVENTMSG = 0x4201, PTRACE_GETSIGINFO = 0x4202,
  PTRACE_SEIZE = 0x4206, PTRACE_INTERRUPT = 0x4207, PTRACE_LISTEN = 0x4208;
export const PTRACE_O_TRACESYSGOOD = 1, PTRACE_O_TRACEFORK = 2, PTRACE_O_TRACEVFORK = 4, PTRACE_O_TRACECLONE = 8,
  PTRACE_O_TRACEEXEC = 0x10, PTRACE_O_TRACEVFORKDONE = 0x20, PTRACE_O_TRACEEXIT = 0x40, PTRACE_O_TRACESECCOMP = 0x80,
  PTRACE_O_EXITKILL = 0x100000, PTRACE_O_SUSPEND_SECCOMP = 0x200000;
const PTRACE_O_MASK = 0xff | PTRACE_O_EXITKILL | PTRACE_O_SUSPEND_SECCOMP;
export const PTRACE_EVENT_FORK = 1, PTRACE_EVENT_VFORK = 2, PTRACE_EVENT_EXEC = 4, PTRACE_EVENT_STOP = 128;
/** In `owed`: the PTRACE_EVENT_STOP a seized tracee's new child starts with (instead of SIGSTOP). */
const OWED_EVENT_STOP = -1;

/** The state a traced task sleeps in (Linux's TASK_TRACED, `t` in /proc). */
export const TASK_TRACED = 8;
/** sizeof(struct user_regs_struct) on x86-64. */
const USER_REGS_SIZE = 27 * 8;

interface StopInfo extends TraceSigInfo { signo: number }

/** t.ptrace of a tracee. */
export interface PtraceLink {
  tracer: Task;
  options: number;
  seized: boolean;
  /** Resumed with PTRACE_SYSCALL: stop at the next syscall entry or exit. */
  syscallTrace: boolean;
  stopped: boolean;
  /** The wait status the tracer has yet to collect, or null. */
  report: number | null;
  /** The stop's siginfo; null in a group-stop (PTRACE_GETSIGINFO fails with EINVAL there). */
  siginfo: StopInfo | null;
  /** The stop is a seized tracee's group-stop: PTRACE_LISTEN may leave it stopped. */
  groupStop: boolean;
  /** The tracer resumed the group-stop with PTRACE_LISTEN. */
  listening: boolean;
  /** Stopped by PTRACE_INTERRUPT while running its own code: its next call starts in that stop. */
  userStopped: boolean;
  resumeSig: number;
  eventMsg: number;
  /** The registers of the current or last system call. */
  regs: { nr: number; rax: number; args: number[] };
  /** Signal stops owed before the next system call (SIGTRAP after exec, SIGSTOP of a new child). */
  owed: number[];
  /** A signal the tracer passed on: delivered without another stop. */
  injected: number;
  /** Held while a traced call is in progress: the task's next call waits (exec starts new code early). */
  busy: Promise<void> | null;
  release: (() => void) | null;
  /** Events of the current call: [event, message]. */
  events: [number, number][];
  /**
   * A vfork's event and syscall-exit stops, taken when the parent runs again: its code runs as
   * the child until the child execs or exits, so the parent cannot stop before that.
   */
  deferred: { regs: PtraceLink["regs"]; events: [number, number][] } | null;
}

/** Each tracer's tracees. */
const tracees = new Map<Task, Set<Task>>();

function linkOf(t: Task): PtraceLink | null {
  return (t.ptrace as PtraceLink | null) ?? null;
}

function attach(child: Task, tracer: Task, seized: boolean, options = 0): PtraceLink {
  const link: PtraceLink = {
    tracer, options, seized, syscallTrace: false, stopped: false, report: null, siginfo: null, groupStop: false, listening: false, userStopped: false, resumeSig: 0,
    eventMsg: 0, regs: { nr: -1, rax: 0, args: [0, 0, 0, 0, 0, 0] }, owed: [], injected: 0, busy: null, release: null, events: [], deferred: null,
  };
  child.ptrace = link;
  let set = tracees.get(tracer);
  if (!set) tracees.set(tracer, (set = new Set()));
  set.add(child);
  return link;
}

function detach(child: Task, sig: number): void {
  const link = linkOf(child);
  if (!link) return;
  tracees.get(link.tracer)?.delete(child);
  child.ptrace = null;
  if (sig) inject(child, null, sig, { pid: 0, uid: 0, code: SI_USER });
  link.release?.();
  if (link.stopped) resumeTracee(child, link);
}

/** End a ptrace-stop: the tracee sleeping in it wakes (one stopped in user mode just goes on). */
function resumeTracee(c: Task, link: PtraceLink): void {
  link.stopped = false;
  link.userStopped = false;
  if (!wakeUpProcess(c) && c.state === TASK_TRACED && c.resume === null) c.state = TASK_RUNNING;
}

/** Queue sig for delivery at the tracee's next return to user space, without a new stop. */
function inject(t: Task, link: PtraceLink | null, sig: number, info: TraceSigInfo): void {
  if (!t.isAlive()) return;
  if (link) link.injected = sig;
  if (!(t.pending & sigbit(sig))) t.pendingInfo.set(sig, info);
  t.pending |= sigbit(sig);
}

/** A ptrace stop: tell the tracer, sleep until it resumes us; returns the signal it passes. */
/** Only SIGKILL keeps a tracee from stopping: other fatal signals are the tracer's to see first. */
const killPending = (t: Task) => (t.pending & sigbit(SIGKILL)) !== 0n;

async function ptraceStop(t: Task, link: PtraceLink, status: number, info: StopInfo | null): Promise<number> {
  if (!t.isAlive() || t.exiting || killPending(t) || t.ptrace !== link) return 0;
  reportStop(t, link, status, info);
  return awaitResume(t, link);
}

/** The tracee is in a ptrace-stop: the tracer's wait4 and SIGCHLD say so. */
function reportStop(t: Task, link: PtraceLink, status: number, info: StopInfo | null): void {
  link.stopped = true;
  link.report = status;
  link.siginfo = info;
  link.resumeSig = 0;
  const tracer = link.tracer;
  tracer.childWait.wakeUp();
  sendSignal(tracer, SIGCHLD, { pid: t.pid, uid: t.cred.uid, code: CLD_TRAPPED, status: (status >> 8) & 0xff });
}

/** Sleep in the ptrace-stop until the tracer resumes us; the signal it passes. */
async function awaitResume(t: Task, link: PtraceLink): Promise<number> {
  while (link.stopped && t.ptrace === link && t.isAlive() && !killPending(t)) await sleepOn(t, TASK_TRACED);
  link.stopped = false;
  link.report = null;
  const sig = t.ptrace === link ? link.resumeSig : 0;
  link.resumeSig = 0;
  return sig;
}

const trapInfo = (signo: number, code = SI_KERNEL): StopInfo => ({ signo, code, pid: 0, uid: 0 });
const EVENT_STOP_STATUS = stoppedStatus(SIGTRAP) | (PTRACE_EVENT_STOP << 16);
const eventStopInfo = () => trapInfo(SIGTRAP, SIGTRAP | (PTRACE_EVENT_STOP << 8));

/** PTRACE_EVENT_STOP: what PTRACE_INTERRUPT asks for, and how a seized new child starts. */
tracehooks.trap = (t) => {
  const link = linkOf(t);
  return link ? ptraceStop(t, link, EVENT_STOP_STATUS, eventStopInfo()).then(() => {}) : null;
};

tracehooks.groupStop = (t, sig) => {
  const link = linkOf(t);
  if (!link || !link.seized) return null;
  link.groupStop = true;
  return ptraceStop(t, link, stoppedStatus(sig) | (PTRACE_EVENT_STOP << 16), null).then(() => {
    const listen = link.listening || t.ptrace !== link; // a tracer that detaches leaves it stopped
    link.groupStop = false;
    link.listening = false;
    return listen;
  });
};

/**
 * PTRACE_INTERRUPT of a Worker running its own code: it is stopped where it is, as the CPU's
 * interrupt would stop it, and its next system call waits in that stop (tracehooks.gate).
 */
function interruptUserMode(c: Task, link: PtraceLink): void {
  reportStop(c, link, EVENT_STOP_STATUS, eventStopInfo());
  link.userStopped = true;
  c.state = TASK_TRACED;
}

tracehooks.callInProgress = (t) => linkOf(t)?.busy ?? null;

tracehooks.gate = async (t) => {
  const link = linkOf(t);
  if (link && link.userStopped) { // stopped in user mode: the call waits in that stop
    link.userStopped = false;
    if (link.stopped && !killPending(t)) await awaitResume(t, link);
  }
  while (link && link.busy && t.ptrace === link) await link.busy;
  if (!link || t.ptrace !== link) return;
  link.busy = new Promise<void>((resolve) => {
    link.release = () => { link.busy = null; link.release = null; resolve(); };
  });
};

/** Event stops, then the syscall-exit stop, of the call in link.regs. */
async function exitStops(t: Task, link: PtraceLink, events: [number, number][]): Promise<void> {
  for (const [ev, msg] of events) {
    link.eventMsg = msg;
    await ptraceStop(t, link, stoppedStatus(SIGTRAP) | (ev << 16), trapInfo(SIGTRAP, SIGTRAP | (ev << 8)));
  }
  if (t.ptrace === link && link.syscallTrace) {
    const sig = SIGTRAP | (link.options & PTRACE_O_TRACESYSGOOD ? 0x80 : 0);
    await ptraceStop(t, link, stoppedStatus(sig), trapInfo(SIGTRAP, sig));
  }
}

tracehooks.enter = async (t, nr, args) => {
  const link = linkOf(t);
  if (!link) return;
  if (link.deferred) {
    const d = link.deferred;
    link.deferred = null;
    link.regs = d.regs;
    await exitStops(t, link, d.events);
  }
  if (t.jobctlTrap) { // a PTRACE_INTERRUPT that came while the task was in user space
    t.jobctlTrap = false;
    await ptraceStop(t, link, EVENT_STOP_STATUS, eventStopInfo());
  }
  while (link.owed.length && t.ptrace === link) {
    const sig = link.owed.shift()!;
    if (sig === OWED_EVENT_STOP) { await ptraceStop(t, link, EVENT_STOP_STATUS, eventStopInfo()); continue; }
    const info = sig === SIGSTOP ? { signo: sig, code: SI_USER, pid: link.tracer.pid, uid: link.tracer.cred.uid } : trapInfo(sig, 0);
    const pass = await ptraceStop(t, link, stoppedStatus(sig), info);
    if (pass) inject(t, link, pass, info);
  }
  link.regs = { nr, rax: -ENOSYS, args };
  link.events = [];
  if (t.ptrace === link && link.syscallTrace) {
    const sig = SIGTRAP | (link.options & PTRACE_O_TRACESYSGOOD ? 0x80 : 0);
    await ptraceStop(t, link, stoppedStatus(sig), trapInfo(SIGTRAP, sig));
  }
};

tracehooks.exit = async (t, _nr, _args, ret, execGen) => {
  const link = linkOf(t);
  if (!link) return;
  try {
    if (!t.isAlive() || t.exiting || t.ptrace !== link) return;
    link.regs.rax = ret;
    if (t.execGeneration !== execGen && link.options & PTRACE_O_TRACEEXEC) link.events.push([PTRACE_EVENT_EXEC, t.pid]);
    const events = link.events.splice(0);
    // After vfork the CPU runs the parent's code as the child, and after a vfork child's execve
    // the parent's again: a stop now would hold up the very code the CPU is running.
    if (current !== t || events.some(([ev]) => ev === PTRACE_EVENT_VFORK)) {
      link.deferred = { regs: { ...link.regs, args: [...link.regs.args] }, events };
      return;
    }
    await exitStops(t, link, events);
  } finally {
    link.release?.();
  }
};

tracehooks.signal = (t, sig, info) => {
  const link = linkOf(t);
  if (!link || sig === SIGKILL || killPending(t) || !t.isAlive() || t.exiting) return null;
  if (link.injected === sig) {
    link.injected = 0;
    return null;
  }
  return ptraceStop(t, link, stoppedStatus(sig), { signo: sig, ...info }).then((pass) => {
    if (!pass) return;
    const same = pass === sig;
    inject(t, linkOf(t), pass, same ? info : { pid: link.tracer.pid, uid: link.tracer.cred.uid, code: SI_USER });
  });
};

// A new child of a tracee that asked for it is traced too, and starts with a SIGSTOP stop: a
// vfork child with PTRACE_O_TRACEVFORK (PTRACE_EVENT_VFORK), a fork child with
// PTRACE_O_TRACEFORK (PTRACE_EVENT_FORK).
forkHooks.push((parent, child, flags) => {
  const link = linkOf(parent);
  const vfork = (flags & CLONE_VFORK) !== 0;
  if (!link || !(link.options & (vfork ? PTRACE_O_TRACEVFORK : PTRACE_O_TRACEFORK))) return;
  const cl = attach(child, link.tracer, link.seized, link.options);
  cl.owed.push(link.seized ? OWED_EVENT_STOP : SIGSTOP);
  link.events.push([vfork ? PTRACE_EVENT_VFORK : PTRACE_EVENT_FORK, child.pid]);
});

// After a successful execve a tracee without PTRACE_O_TRACEEXEC owes a SIGTRAP stop.
execHooks.push((t) => {
  const link = linkOf(t);
  if (link && !(link.options & PTRACE_O_TRACEEXEC)) link.owed.push(SIGTRAP);
});

exitHooks.push((t) => {
  const link = linkOf(t);
  if (link) {
    link.stopped = false;
    link.release?.();
    link.tracer.childWait.wakeUp();
  }
  const mine = tracees.get(t);
  if (mine) {
    tracees.delete(t);
    for (const c of [...mine]) {
      const cl = linkOf(c);
      if (cl && cl.options & PTRACE_O_EXITKILL) sendSignal(c, SIGKILL, { pid: 0, uid: 0, code: SI_KERNEL }, true);
      detach(c, 0);
    }
  }
});

function selects(c: Task, who: WaitWho): boolean {
  if (who.type === "pid") return c.pid === who.id;
  if (who.type === "pgid") return c.pgid === who.id;
  return true;
}

// wait4 of a tracer: its tracees' stops, and the exit of tracees that are not its children.
waitHooks.tracees = (tracer, who, options): WaitResult | boolean => {
  const set = tracees.get(tracer);
  if (!set) return false;
  let any = false;
  for (const c of [...set]) {
    if (!selects(c, who)) continue;
    const link = linkOf(c);
    if (!link || link.tracer !== tracer) { set.delete(c); continue; }
    if (c.exiting || c.exitState !== 0) {
      // A child is reaped the usual way; a thread (never a child) is reported here.
      if (c.parent === tracer && c.leader === c) { set.delete(c); continue; }
      any = true;
      if (!(options & WNOWAIT)) { set.delete(c); c.ptrace = null; }
      return { pid: c.pid, status: c.exitCode, task: c, uid: c.cred.uid };
    }
    any = true;
    if (link.stopped && link.report !== null) {
      const status = link.report;
      if (!(options & WNOWAIT)) link.report = null;
      return { pid: c.pid, status, task: c, uid: c.cred.uid };
    }
  }
  return any;
};

/** May tracer attach to target (ptrace_may_access, attach mode)? */
function mayAttach(tracer: Task, target: Task): boolean {
  const r = tracer.cred, c = target.cred;
  if (r.euid === 0) return true;
  return r.uid === c.uid && r.uid === c.euid && r.uid === c.suid && r.gid === c.gid && r.gid === c.egid && r.gid === c.sgid;
}

const u64 = (v: number) => BigInt.asUintN(64, BigInt(Math.trunc(v)));

/** struct user_regs_struct as the tracee's current call left it. */
function userRegs(c: Task, link: PtraceLink): Uint8Array {
  const b = new Uint8Array(USER_REGS_SIZE);
  const v = new DataView(b.buffer);
  const { nr, rax, args } = link.regs;
  const put = (off: number, x: number) => v.setBigUint64(off, u64(x), true);
  put(56, args[3]); // r10
  put(64, args[5]); // r9
  put(72, args[4]); // r8
  put(80, rax);
  put(96, args[2]); // rdx
  put(104, args[1]); // rsi
  put(112, args[0]); // rdi
  put(120, nr); // orig_rax
  put(136, 0x33); // cs
  put(144, 0x246); // eflags
  put(152, c.mm?.startStack ?? 0); // rsp
  put(160, 0x2b); // ss
  return b;
}

function putWord(t: Task, dst: number, word: Uint8Array): void {
  copyToUser(t.mm!, dst as UserPtr, word);
}

/** implements ptrace(2) */
export function sys_ptrace(t: Task, request: number, pid: number, addr: number, data: number): number {
  request |= 0;
  if (request === PTRACE_TRACEME) {
    if (t.ptrace !== null || !t.parent) throw new Errno(EPERM);
    attach(t, t.parent, false);
    return 0;
  }
  const c = findTask(pid | 0);
  if (!c || c.exitState !== 0 || c.exiting) throw new Errno(ESRCH);
  if (request === PTRACE_ATTACH || request === PTRACE_SEIZE) {
    if (c === t || c.ptrace !== null || !mayAttach(t, c)) throw new Errno(EPERM);
    if (request === PTRACE_SEIZE) {
      if (addr !== 0 || (data >>> 0) & ~PTRACE_O_MASK) throw new Errno(EIO);
      attach(c, t, true, data >>> 0);
    } else {
      attach(c, t, false);
      sendSignal(c, SIGSTOP, { pid: t.pid, uid: t.cred.uid, code: SI_USER }, true);
    }
    return 0;
  }
  const link = linkOf(c);
  if (!link || link.tracer !== t) throw new Errno(ESRCH);
  if (request === PTRACE_KILL) {
    sendSignal(c, SIGKILL, { pid: t.pid, uid: t.cred.uid, code: SI_USER }, true);
    return 0;
  }
  if (request === PTRACE_INTERRUPT) {
    if (!link.seized) throw new Errno(EIO);
    if (link.stopped) return 0;
    if (c.backend?.kind === "worker" && !c.inSyscall && current !== c && c.resume === null) interruptUserMode(c, link);
    else {
      c.jobctlTrap = true; // taken on its way back to user space; a sleeping call is interrupted
      signalWakeUp(c, false);
    }
    return 0;
  }
  if (!link.stopped) throw new Errno(ESRCH);
  switch (request) {
    case PTRACE_PEEKTEXT:
    case PTRACE_PEEKDATA: {
      let word: Uint8Array;
      try {
        word = copyFromUser(c.mm!, addr as UserPtr, 8);
      } catch (e) {
        if (e instanceof Errno && e.errno === EFAULT) throw new Errno(EIO);
        throw e;
      }
      putWord(t, data, word);
      return 0;
    }
    case PTRACE_PEEKUSER: {
      if (addr < 0 || addr % 8 || addr >= USER_REGS_SIZE) throw new Errno(EIO);
      putWord(t, data, userRegs(c, link).subarray(addr, addr + 8));
      return 0;
    }
    case PTRACE_GETREGS:
      copyToUser(t.mm!, data as UserPtr, userRegs(c, link));
      return 0;
    case PTRACE_SETOPTIONS:
      if ((data >>> 0) & ~PTRACE_O_MASK) throw new Errno(EINVAL);
      link.options = data >>> 0;
      return 0;
    case PTRACE_GETEVENTMSG: {
      const w = new Uint8Array(8);
      new DataView(w.buffer).setBigUint64(0, u64(link.eventMsg), true);
      putWord(t, data, w);
      return 0;
    }
    case PTRACE_GETSIGINFO: {
      // siginfo_t: si_signo 0, si_errno 4, si_code 8, si_pid 16, si_uid 20, si_status 24.
      const s = link.siginfo;
      if (s === null) throw new Errno(EINVAL); // a group-stop
      const b = new Uint8Array(128);
      const v = new DataView(b.buffer);
      v.setInt32(0, s.signo, true);
      v.setInt32(8, s.code, true);
      v.setInt32(16, s.pid, true);
      v.setUint32(20, s.uid, true);
      if (s.status !== undefined) v.setInt32(24, s.status, true);
      copyToUser(t.mm!, data as UserPtr, b);
      return 0;
    }
    case PTRACE_SYSCALL:
    case PTRACE_CONT:
    case PTRACE_DETACH: {
      const sig = data | 0;
      if (sig < 0 || sig > NSIG) throw new Errno(EIO);
      if (request === PTRACE_DETACH) {
        link.resumeSig = 0;
        detach(c, sig);
        return 0;
      }
      link.syscallTrace = request === PTRACE_SYSCALL;
      link.resumeSig = sig;
      resumeTracee(c, link);
      return 0;
    }
    case PTRACE_LISTEN:
      if (!link.seized || !link.groupStop) throw new Errno(EIO);
      link.listening = true;
      resumeTracee(c, link);
      return 0;
    default:
      throw new Errno(EIO);
  }
}

export const syscalls = { sys_ptrace };
