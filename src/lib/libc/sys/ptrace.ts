// <sys/ptrace.h>: ptrace(2), its requests and options, and struct user_regs_struct. As glibc's
// wrapper does, the PEEK requests return the word read (here a bigint) instead of storing it.
import { syscall6 } from "../arch/trap.js";
import { __syscall_ret, __set_errno } from "../errno.js";
import { scratchAlloc, scratchMark, scratchRelease, view } from "../internal/mem.js";

export const PTRACE_TRACEME = 0, PTRACE_PEEKTEXT = 1, PTRACE_PEEKDATA = 2, PTRACE_PEEKUSER = 3,
  PTRACE_CONT = 7, PTRACE_KILL = 8, PTRACE_GETREGS = 12, PTRACE_ATTACH = 16, PTRACE_DETACH = 17,
  PTRACE_SYSCALL = 24, PTRACE_SETOPTIONS = 0x4200, PTRACE_GETEVENTMSG = 0x4201, PTRACE_GETSIGINFO = 0x4202,
  PTRACE_SEIZE = 0x4206, PTRACE_INTERRUPT = 0x4207, PTRACE_LISTEN = 0x4208;
export const PTRACE_O_TRACESYSGOOD = 1, PTRACE_O_TRACEFORK = 2, PTRACE_O_TRACEVFORK = 4, PTRACE_O_TRACECLONE = 8,
  PTRACE_O_TRACEEXEC = 0x10, PTRACE_O_TRACEVFORKDONE = 0x20, PTRACE_O_TRACEEXIT = 0x40, PTRACE_O_EXITKILL = 0x100000;
export const PTRACE_EVENT_FORK = 1, PTRACE_EVENT_VFORK = 2, PTRACE_EVENT_CLONE = 3, PTRACE_EVENT_EXEC = 4,
  PTRACE_EVENT_VFORK_DONE = 5, PTRACE_EVENT_EXIT = 6, PTRACE_EVENT_STOP = 128;

const NR_ptrace = 101;

/** struct user_regs_struct (x86-64), each register as an unsigned 64-bit value. */
export interface UserRegs {
  r15: bigint; r14: bigint; r13: bigint; r12: bigint; rbp: bigint; rbx: bigint; r11: bigint; r10: bigint;
  r9: bigint; r8: bigint; rax: bigint; rcx: bigint; rdx: bigint; rsi: bigint; rdi: bigint; orig_rax: bigint;
  rip: bigint; cs: bigint; eflags: bigint; rsp: bigint; ss: bigint; fs_base: bigint; gs_base: bigint;
  ds: bigint; es: bigint; fs: bigint; gs: bigint;
}
const REG_NAMES: (keyof UserRegs)[] = ["r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax",
  "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es", "fs", "gs"];

/** The part of siginfo_t a tracer reads. */
export interface SigInfo { si_signo: number; si_errno: number; si_code: number; si_pid: number; si_uid: number; si_status: number }

/** Run a request whose answer the kernel writes at an address: read it back with get. */
async function withBuf<T>(size: number, call: (p: number) => number | Promise<number>, get: (p: number) => T): Promise<T | null> {
  const mark = scratchMark();
  try {
    const p = await scratchAlloc(size);
    const r = __syscall_ret(await call(p));
    return r < 0 ? null : get(p);
  } finally {
    scratchRelease(mark);
  }
}

/**
 * ptrace(request, pid, addr, data): 0 or -1 and errno; for PTRACE_PEEKTEXT/PEEKDATA/PEEKUSER
 * the word read, or -1 with errno set (clear errno first to tell a word of -1 from an error).
 */
export async function ptrace(request: number, pid = 0, addr = 0, data = 0): Promise<number | bigint> {
  if (request === PTRACE_PEEKTEXT || request === PTRACE_PEEKDATA || request === PTRACE_PEEKUSER) {
    const w = await ptrace_peek(request, pid, addr);
    return w === null ? -1 : w;
  }
  return __syscall_ret(await syscall6(NR_ptrace, request, pid, addr, data));
}

/** A PEEK request: the word at addr, or null (errno set). */
export function ptrace_peek(request: number, pid: number, addr: number): Promise<bigint | null> {
  __set_errno(0);
  return withBuf(8, (p) => syscall6(NR_ptrace, request, pid, addr, p), (p) => view().getBigUint64(p, true));
}

/** PTRACE_GETREGS: the tracee's registers, or null (errno set). */
export function ptrace_getregs(pid: number): Promise<UserRegs | null> {
  return withBuf(REG_NAMES.length * 8, (p) => syscall6(NR_ptrace, PTRACE_GETREGS, pid, 0, p), (p) => {
    const r = {} as UserRegs;
    REG_NAMES.forEach((n, i) => { r[n] = view().getBigUint64(p + i * 8, true); });
    return r;
  });
}

/** PTRACE_GETSIGINFO: the signal that stopped the tracee, or null (errno set). */
export function ptrace_getsiginfo(pid: number): Promise<SigInfo | null> {
  return withBuf(128, (p) => syscall6(NR_ptrace, PTRACE_GETSIGINFO, pid, 0, p), (p) => {
    const v = view();
    return { si_signo: v.getInt32(p, true), si_errno: v.getInt32(p + 4, true), si_code: v.getInt32(p + 8, true),
      si_pid: v.getInt32(p + 16, true), si_uid: v.getUint32(p + 20, true), si_status: v.getInt32(p + 24, true) };
  });
}

/** PTRACE_GETEVENTMSG: the message of the last event stop (a new child's pid), or null. */
export function ptrace_geteventmsg(pid: number): Promise<number | null> {
  return withBuf(8, (p) => syscall6(NR_ptrace, PTRACE_GETEVENTMSG, pid, 0, p), (p) => Number(view().getBigUint64(p, true)));
}
