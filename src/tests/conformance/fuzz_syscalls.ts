// fuzz_syscalls SEED COUNT: a user program that makes COUNT random system calls with hostile
// arguments (NULL, unmapped and kernel addresses, huge and negative lengths, valid buffers, small
// numbers, every flag bit) chosen by a PRNG from SEED, so a failing run can be replayed. A
// SIGALRM every 20 ms interrupts calls that would block. It prints "calls N" and, when it can,
// the last call it made ("last NR a0 a1 ...") before each call to fd 3 if that is open, so a
// call that oopses the kernel is known.
import { syscall } from "sys/syscall";
import * as NR from "sys/syscall";
import { write } from "unistd";
import { calloc } from "stdlib";
import { memcpy } from "string";
import { signal, SIGALRM } from "signal";

/** Calls that end or disturb the fuzzer itself rather than test the kernel. */
const SKIP = new Set([
  "exit", "exit_group", "rt_sigreturn", "vfork", "fork", "clone", "clone3", "execve", "execveat",
  "kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_send_signal", "reboot",
  "pause", "rt_sigsuspend", "rt_sigaction", "rt_sigprocmask", "sigaltstack", "setitimer", "alarm",
  "timer_create", "timer_settime", "munmap", "mremap", "brk", "mprotect", "madvise", "close",
  "close_range", "dup2", "dup3", "setrlimit", "prlimit64", "ptrace", "setsid", "setpgid", "vhangup",
  "seccomp", "personality", "unshare", "setns", "setuid", "setreuid", "setresuid",
]);

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export default async function main(argv: string[]): Promise<number> {
  const seed = Number(argv[1] ?? 1), count = Number(argv[2] ?? 1000);
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const calls = Object.entries(NR)
    .filter(([k, v]) => k.startsWith("__NR_") && typeof v === "number" && !SKIP.has(k.slice(5)))
    .map(([k, v]) => [k.slice(5), v as number] as const);
  const buf = await calloc(1, 1 << 16);
  const values = (): number[] => [
    0, 1, 2, 3, 4, 16, 255, 4096, -1, -2, -100, 0x7fffffff, 0xffffffff, 2 ** 32, 2 ** 48, 2 ** 53 - 1, -(2 ** 31),
    buf, buf + 1, buf + 4093, buf + 65535, 0x1000, 0xffff, 0x7ffffffff000, 0xffffffff81000000, 0xfffffffffffff000,
    Math.floor(rand() * 2 ** 32), Math.floor(rand() * 65536), 1 << Math.floor(rand() * 31),
  ];
  await signal(SIGALRM, () => {});
  // An interval timer: ITIMER_REAL every 20 ms (struct itimerval of two timevals).
  const itv = await calloc(1, 32);
  const dv = new DataView(new ArrayBuffer(32));
  dv.setBigInt64(8, 20000n, true);
  dv.setBigInt64(24, 20000n, true);
  memcpy(itv, new Uint8Array(dv.buffer), 32);
  await syscall(NR.__NR_setitimer, 0, itv, 0);
  let made = 0;
  for (; made < count; made++) {
    const [name, nr] = pick(calls);
    const args = Array.from({ length: 6 }, () => pick(values()));
    await write(3, `last ${name} ${args.join(" ")}\n`);
    await syscall(nr, ...args);
  }
  await write(1, `calls ${made}\n`);
  return 0;
}
