// Decoders for processes, signals, memory and time: execve, vfork/clone, wait4, exit, kill,
// rt_sigaction, rt_sigprocmask, uname, sleeps, mmap and friends.
import type { Decoder, Call } from "./decode.js";
import { path, cstr, struct, strArray, countArray, varsComment, failed, retNum, ptr } from "./decode.js";
import { int, hex, long, ulong, flags, xlat, unknown, quoteHex } from "./format.js";
import {
  PROT, MAP_TYPES, MAP_FLAGS, SIGPROCMASK_HOW, SA_FLAGS, WAIT_OPTIONS, CLOCKS, TIMER_FLAGS, CLONE_FLAGS,
} from "./flags.js";
import { signalName, SIGNAL_NAMES } from "../../../include/uapi/signal.js";
import { peekBytes } from "./mem.js";
import { opts } from "./format.js";

/** A clock id: CLOCK_MONOTONIC, or 0x63 /* CLOCK_??? *\/. */
export const clock = (v: bigint) => { const n = Number(BigInt.asUintN(32, v)); return xlat(n, CLOCKS, unknown(n, "CLOCK_???")); };

export const sigName = (n: number) => (n > 0 && n < SIGNAL_NAMES.length || n >= 32 && n <= 64 ? signalName(n) : String(n));

/** A signal set: [INT CHLD], or ~[...] when most signals are in it. */
export function sigset(bits: bigint): string {
  const names = (set: bigint) => {
    const out: string[] = [];
    for (let s = 1; s <= 64; s++) if (set & (1n << BigInt(s - 1))) out.push(sigName(s).replace(/^SIG/, ""));
    return out.join(" ");
  };
  let n = 0;
  for (let s = 0; s < 64; s++) if (bits & (1n << BigInt(s))) n++;
  return n > 32 ? `~[${names(~bits & ((1n << 64n) - 1n))}]` : `[${names(bits)}]`;
}

async function sigsetAt(c: Call, a: bigint): Promise<string> {
  const v = await struct(c, a, 8);
  return v ? sigset(v.getBigUint64(0, true)) : ptr(a);
}

async function sigaction(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 32);
  if (!v) return hex(a);
  const h = v.getBigUint64(0, true), fl = v.getBigUint64(8, true), restorer = v.getBigUint64(16, true), mask = v.getBigUint64(24, true);
  const handler = h === 0n ? "SIG_DFL" : h === 1n ? "SIG_IGN" : hex(h);
  const rest = fl & 0x04000000n ? `, sa_restorer=${hex(restorer)}` : "";
  return `{sa_handler=${handler}, sa_mask=${sigset(mask)}, sa_flags=${flags(fl, SA_FLAGS)}${rest}}`;
}

async function timespec(c: Call, a: bigint): Promise<string> {
  const v = await struct(c, a, 16);
  return v ? `{tv_sec=${v.getBigInt64(0, true)}, tv_nsec=${v.getBigInt64(8, true)}}` : ptr(a);
}

/** The wait status as strace shows it: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]. */
export function waitStatus(s: number): string {
  if ((s & 0x7f) === 0) return `{WIFEXITED(s) && WEXITSTATUS(s) == ${(s >> 8) & 0xff}}`;
  if ((s & 0xff) === 0x7f) return `{WIFSTOPPED(s) && WSTOPSIG(s) == ${sigName((s >> 8) & 0xff)}}`;
  if (s === 0xffff) return "{WIFCONTINUED(s)}";
  return `{WIFSIGNALED(s) && WTERMSIG(s) == ${sigName(s & 0x7f)}${s & 0x80 ? " && WCOREDUMP(s)" : ""}}`;
}

async function utsname(c: Call, a: bigint): Promise<string> {
  if (failed(c)) return ptr(a);
  const v = await struct(c, a, 130);
  if (!v) return hex(a);
  const field = (off: number) => {
    const b = new Uint8Array(v.buffer, v.byteOffset + off, 65);
    const end = b.indexOf(0);
    return JSON.stringify(new TextDecoder().decode(b.subarray(0, end < 0 ? 65 : end)));
  };
  return `{sysname=${field(0)}, nodename=${field(65)}, ...}`;
}

const none: Decoder = { enter: () => "" };
const CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000;
const FUTEX_PRIVATE = 128, FUTEX_CLOCK_REALTIME = 256;
const FUTEX_OPS: [number, string][] = [[0, "FUTEX_WAIT"], [1, "FUTEX_WAKE"], [2, "FUTEX_FD"], [3, "FUTEX_REQUEUE"],
  [4, "FUTEX_CMP_REQUEUE"], [5, "FUTEX_WAKE_OP"], [6, "FUTEX_LOCK_PI"], [7, "FUTEX_UNLOCK_PI"], [8, "FUTEX_TRYLOCK_PI"],
  [9, "FUTEX_WAIT_BITSET"], [10, "FUTEX_WAKE_BITSET"]];
const uint32 = (v: bigint) => String(Number(BigInt.asUintN(32, v)));
const hexRet = (c: Call) => hex(c.ret);

export const procDecoders: Record<string, Decoder> = {
  execve: { enter: async (c) => `${await path(c, c.args[0])}, ${await strArray(c, c.args[1])}, ${c.args[2] === 0n ? "NULL" : `${hex(c.args[2])} ${varsComment(await countArray(c, c.args[2]))}`}` },
  vfork: none,
  fork: none,
  clone: {
    enter: (c) => `child_stack=${ptr(c.args[1])}, flags=${flags(c.args[0] & ~0xffn, CLONE_FLAGS)}${c.args[0] & 0xffn ? "|" + sigName(Number(c.args[0] & 0xffn)) : ""}`,
    // x86-64's order: flags, stack, parent_tid, child_tid, tls; each shown when a flag uses it.
    exit: async (c) => {
      const f = c.args[0];
      let s = "";
      if (f & BigInt(CLONE_PARENT_SETTID)) {
        const v = failed(c) ? null : await struct(c, c.args[2], 4);
        s += `, parent_tid=${v ? `[${v.getInt32(0, true)}]` : ptr(c.args[2])}`;
      }
      if (f & BigInt(CLONE_SETTLS)) s += `, tls=${ptr(c.args[4])}`;
      if (f & BigInt(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) s += `, child_tidptr=${ptr(c.args[3])}`;
      return s;
    },
  },
  futex: {
    enter: async (c) => {
      const op = Number(BigInt.asUintN(32, c.args[1]));
      const cmd = op & ~(FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME);
      const name = xlat(cmd, FUTEX_OPS, hex(cmd)) + (op & FUTEX_PRIVATE ? "_PRIVATE" : "") +
        (op & FUTEX_CLOCK_REALTIME ? "|FUTEX_CLOCK_REALTIME" : "");
      const head = `${hex(c.args[0])}, ${name}, ${uint32(c.args[2])}`;
      if (cmd !== 0 && cmd !== 9) return head;
      const t = c.args[3] === 0n ? null : await struct(c, c.args[3], 16);
      const timeout = c.args[3] === 0n ? "NULL" : t ? `{tv_sec=${t.getBigInt64(0, true)}, tv_nsec=${t.getBigInt64(8, true)}}` : hex(c.args[3]);
      return `${head}, ${timeout}${cmd === 9 ? `, ${hex(c.args[5])}` : ""}`;
    },
  },
  wait4: {
    enter: (c) => `${int(c.args[0])}, `,
    exit: async (c) => {
      let st = ptr(c.args[1]);
      if (!failed(c) && retNum(c) > 0 && c.args[1] !== 0n) {
        const v = await struct(c, c.args[1], 4);
        if (v) st = `[${waitStatus(v.getInt32(0, true))}]`;
      }
      return `${st}, ${flags(BigInt.asUintN(32, c.args[2]), WAIT_OPTIONS, "0", "W???")}, ${ptr(c.args[3])}`;
    },
  },
  exit: { enter: (c) => int(c.args[0]) },
  exit_group: { enter: (c) => int(c.args[0]) },
  kill: { enter: (c) => `${int(c.args[0])}, ${sigName(Number(c.args[1]))}` },
  tkill: { enter: (c) => `${int(c.args[0])}, ${sigName(Number(c.args[1]))}` },
  tgkill: { enter: (c) => `${int(c.args[0])}, ${int(c.args[1])}, ${sigName(Number(c.args[2]))}` },
  rt_sigaction: {
    enter: async (c) => `${sigName(Number(c.args[0]))}, ${await sigaction(c, c.args[1])}, `,
    exit: async (c) => `${failed(c) ? ptr(c.args[2]) : await sigaction(c, c.args[2])}, ${ulong(c.args[3])}`,
  },
  rt_sigprocmask: {
    enter: async (c) => `${xlat(Number(BigInt.asUintN(32, c.args[0])), SIGPROCMASK_HOW, unknown(BigInt.asUintN(32, c.args[0]), "SIG_???"))}, ${c.args[1] === 0n ? "NULL" : await sigsetAt(c, c.args[1])}, `,
    exit: async (c) => `${c.args[2] === 0n || failed(c) ? ptr(c.args[2]) : await sigsetAt(c, c.args[2])}, ${ulong(c.args[3])}`,
  },
  rt_sigreturn: { enter: () => "{mask=[]}" },
  getpid: none, getppid: none, getuid: none, geteuid: none, getgid: none, getegid: none, gettid: none,
  getpgrp: none, setsid: none, sched_yield: none, pause: none, sync: none,
  getpgid: { enter: (c) => int(c.args[0]) },
  getsid: { enter: (c) => int(c.args[0]) },
  setpgid: { enter: (c) => `${int(c.args[0])}, ${int(c.args[1])}` },
  setuid: { enter: (c) => int(c.args[0]) },
  setgid: { enter: (c) => int(c.args[0]) },
  uname: { exit: (c) => utsname(c, c.args[0]) },
  nanosleep: { enter: async (c) => `${await timespec(c, c.args[0])}, `, exit: (c) => ptr(c.args[1]) },
  clock_nanosleep: {
    enter: async (c) => `${clock(c.args[0])}, ${flags(BigInt.asUintN(32, c.args[1]), TIMER_FLAGS, "0", "TIMER_???")}, ${await timespec(c, c.args[2])}, `,
    exit: (c) => ptr(c.args[3]),
  },
  clock_gettime: { enter: (c) => `${clock(c.args[0])}, `, exit: async (c) => (failed(c) ? ptr(c.args[1]) : timespec(c, c.args[1])) },
  alarm: { enter: (c) => String(Number(BigInt.asUintN(32, c.args[0]))) },
  mmap: {
    enter: (c) => {
      const fl = c.args[3];
      const type = xlat(Number(fl & 0xfn), MAP_TYPES, unknown(fl & 0xfn, "MAP_???"));
      const rest = flags(fl & ~0xfn, MAP_FLAGS, "");
      return `${ptr(c.args[0])}, ${ulong(c.args[1])}, ${flags(c.args[2], PROT, "PROT_NONE", "PROT_???")}, ${type}${rest ? "|" + rest : ""}, ${int(c.args[4])}, ${c.args[5] ? hex(c.args[5]) : "0"}`;
    },
    ret: hexRet,
  },
  munmap: { enter: (c) => `${ptr(c.args[0])}, ${ulong(c.args[1])}` },
  mprotect: { enter: (c) => `${ptr(c.args[0])}, ${ulong(c.args[1])}, ${flags(c.args[2], PROT, "PROT_NONE", "PROT_???")}` },
  brk: { enter: (c) => ptr(c.args[0]), ret: hexRet },
  getrandom: {
    exit: async (c) => {
      let data = ptr(c.args[0]);
      if (!failed(c) && c.args[0] !== 0n) {
        const n = retNum(c), shown = Math.min(n, opts.strsize);
        const b = await peekBytes(c.pid, c.args[0], shown);
        if (b) data = quoteHex(b) + (n > shown ? "..." : "");
      }
      return `${data}, ${ulong(c.args[1])}, ${flags(BigInt.asUintN(32, c.args[2]), [[1, "GRND_NONBLOCK"], [2, "GRND_RANDOM"], [4, "GRND_INSECURE"]], "0", "GRND_???")}`;
    },
  },
  sethostname: { enter: async (c) => `${await cstr(c, c.args[0])}, ${ulong(c.args[1])}` },
  ptrace: { enter: (c) => `${long(c.args[0])}, ${int(c.args[1])}, ${ptr(c.args[2])}, ${ptr(c.args[3])}` },
};
