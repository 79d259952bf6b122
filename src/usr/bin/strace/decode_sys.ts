// Decoders for process attributes and the system: resource limits and usage, sysinfo, times,
// credentials (setre*, setres*, getres*, groups), signal waits and stacks, prctl, arch_prctl,
// mount, modules, reboot, priorities, waitid, getcpu, set_tid_address, clock_getres.
import type { Decoder, Call } from "./decode.js";
import { path, cstr, struct, failed, retNum, ptr } from "./decode.js";
import { int, uint, hex, ulong, flags, xlat } from "./format.js";
import { WAIT_OPTIONS, openFlags } from "./flags.js";
import { sigset, sigName, clock } from "./decode_proc.js";
import { miscDecoders } from "./decode_misc.js";

const RLIMITS = [
  [0, "RLIMIT_CPU"], [1, "RLIMIT_FSIZE"], [2, "RLIMIT_DATA"], [3, "RLIMIT_STACK"], [4, "RLIMIT_CORE"], [5, "RLIMIT_RSS"],
  [6, "RLIMIT_NPROC"], [7, "RLIMIT_NOFILE"], [8, "RLIMIT_MEMLOCK"], [9, "RLIMIT_AS"], [10, "RLIMIT_LOCKS"],
  [11, "RLIMIT_SIGPENDING"], [12, "RLIMIT_MSGQUEUE"], [13, "RLIMIT_NICE"], [14, "RLIMIT_RTPRIO"], [15, "RLIMIT_RTTIME"],
] as const;
const RUSAGE_WHO = [[0, "RUSAGE_SELF"], [-1, "RUSAGE_CHILDREN"], [1, "RUSAGE_THREAD"]] as const;
const PRIO_WHICH = [[0, "PRIO_PROCESS"], [1, "PRIO_PGRP"], [2, "PRIO_USER"]] as const;
const ID_TYPES = [[0, "P_ALL"], [1, "P_PID"], [2, "P_PGID"], [3, "P_PIDFD"]] as const;
const SS_FLAGS = [[1, "SS_ONSTACK"], [2, "SS_DISABLE"], [0x80000000, "SS_AUTODISARM"]] as const;
const ARCH_PRCTL = [[0x1001, "ARCH_SET_GS"], [0x1002, "ARCH_SET_FS"], [0x1003, "ARCH_GET_FS"], [0x1004, "ARCH_GET_GS"],
  [0x1011, "ARCH_GET_CPUID"], [0x1012, "ARCH_SET_CPUID"]] as const;
const MS_FLAGS = [
  [1, "MS_RDONLY"], [2, "MS_NOSUID"], [4, "MS_NODEV"], [8, "MS_NOEXEC"], [16, "MS_SYNCHRONOUS"], [32, "MS_REMOUNT"],
  [64, "MS_MANDLOCK"], [128, "MS_DIRSYNC"], [256, "MS_NOSYMFOLLOW"], [1024, "MS_NOATIME"], [2048, "MS_NODIRATIME"],
  [4096, "MS_BIND"], [8192, "MS_MOVE"], [16384, "MS_REC"], [32768, "MS_SILENT"], [1 << 16, "MS_POSIXACL"],
  [1 << 17, "MS_UNBINDABLE"], [1 << 18, "MS_PRIVATE"], [1 << 19, "MS_SLAVE"], [1 << 20, "MS_SHARED"], [1 << 21, "MS_RELATIME"],
  [1 << 22, "MS_KERNMOUNT"], [1 << 23, "MS_I_VERSION"], [1 << 24, "MS_STRICTATIME"], [1 << 25, "MS_LAZYTIME"],
  [1 << 27, "MS_SUBMOUNT"], [1 << 28, "MS_NOREMOTELOCK"], [1 << 29, "MS_NOSEC"], [1 << 30, "MS_BORN"], [1 << 31, "MS_ACTIVE"],
] as const;
const UMOUNT_FLAGS = [[1, "MNT_FORCE"], [2, "MNT_DETACH"], [4, "MNT_EXPIRE"], [8, "UMOUNT_NOFOLLOW"]] as const;
const MODULE_INIT = [[1, "MODULE_INIT_IGNORE_MODVERSIONS"], [2, "MODULE_INIT_IGNORE_VERMAGIC"], [4, "MODULE_INIT_COMPRESSED_FILE"]] as const;
const REBOOT_MAGIC1 = [[0xfee1dead, "LINUX_REBOOT_MAGIC1"]] as const;
const REBOOT_MAGIC2 = [[672274793, "LINUX_REBOOT_MAGIC2"], [85072278, "LINUX_REBOOT_MAGIC2A"], [369367448, "LINUX_REBOOT_MAGIC2B"],
  [537993216, "LINUX_REBOOT_MAGIC2C"]] as const;
const REBOOT_CMDS = [
  [0x01234567, "LINUX_REBOOT_CMD_RESTART"], [0xcdef0123, "LINUX_REBOOT_CMD_HALT"], [0x89abcdef, "LINUX_REBOOT_CMD_CAD_ON"],
  [0, "LINUX_REBOOT_CMD_CAD_OFF"], [0x4321fedc, "LINUX_REBOOT_CMD_POWER_OFF"], [0xa1b2c3d4, "LINUX_REBOOT_CMD_RESTART2"],
  [0xd000fce2, "LINUX_REBOOT_CMD_SW_SUSPEND"], [0x45584543, "LINUX_REBOOT_CMD_KEXEC"],
] as const;
const PR_OPTIONS = [
  [1, "PR_SET_PDEATHSIG"], [2, "PR_GET_PDEATHSIG"], [3, "PR_GET_DUMPABLE"], [4, "PR_SET_DUMPABLE"], [7, "PR_GET_KEEPCAPS"],
  [8, "PR_SET_KEEPCAPS"], [15, "PR_SET_NAME"], [16, "PR_GET_NAME"], [21, "PR_GET_SECCOMP"], [22, "PR_SET_SECCOMP"],
  [23, "PR_CAPBSET_READ"], [24, "PR_CAPBSET_DROP"], [36, "PR_SET_CHILD_SUBREAPER"], [37, "PR_GET_CHILD_SUBREAPER"],
  [38, "PR_SET_NO_NEW_PRIVS"], [39, "PR_GET_NO_NEW_PRIVS"], [40, "PR_GET_TID_ADDRESS"], [47, "PR_CAP_AMBIENT"],
  [0x59616d61, "PR_SET_PTRACER"],
] as const;

const id = (v: bigint) => int(v);

/** An rlimit value: RLIM64_INFINITY, N*1024 for whole kibibytes, else the number. */
function rlim(v: bigint): string {
  if (v === 0xffffffffffffffffn) return "RLIM64_INFINITY";
  if (v > 1024n && v % 1024n === 0n) return `${v / 1024n}*1024`;
  return v.toString();
}
async function rlimit(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 16);
  return v ? `{rlim_cur=${rlim(v.getBigUint64(0, true))}, rlim_max=${rlim(v.getBigUint64(8, true))}}` : hex(a);
}
const resource = (v: bigint) => xlat(Number(BigInt.asUintN(32, v)), RLIMITS, uint(v));

async function timeval(c: Call, a: bigint, nsec = false): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 16);
  return v ? `{tv_sec=${v.getBigInt64(0, true)}, ${nsec ? "tv_nsec" : "tv_usec"}=${v.getBigInt64(8, true)}}` : hex(a);
}

async function ints(c: Call, a: bigint, n: number, size: 4 | 8 = 4): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, n * size);
  if (!v) return hex(a);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i >= 32) { out.push("..."); break; }
    out.push(size === 4 ? String(v.getUint32(i * 4, true)) : String(v.getBigUint64(i * 8, true)));
  }
  return `[${out.join(", ")}]`;
}

async function one(c: Call, a: bigint): Promise<string> {
  if (failed(c) || a === 0n) return ptr(a);
  const v = await struct(c, a, 4);
  return v ? `[${v.getUint32(0, true)}]` : hex(a);
}

async function stack(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 24);
  if (!v) return hex(a);
  return `{ss_sp=${ptr(v.getBigUint64(0, true))}, ss_flags=${flags(v.getUint32(8, true), SS_FLAGS)}, ss_size=${v.getBigUint64(16, true)}}`;
}

async function sigsetAt(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 8);
  return v ? sigset(v.getBigUint64(0, true)) : hex(a);
}

async function siginfo(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 32);
  if (!v) return hex(a);
  const signo = v.getInt32(0, true), code = v.getInt32(8, true);
  if (!signo) return "{}";
  const CLD = ["", "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED"];
  const pid = v.getInt32(16, true), uid = v.getUint32(20, true);
  if (signo === 17 && code > 0 && code < CLD.length) {
    const st = v.getInt32(24, true);
    return `{si_signo=SIGCHLD, si_code=${CLD[code]}, si_pid=${pid}, si_uid=${uid}, si_status=${code === 1 ? st : sigName(st)}, si_utime=0, si_stime=0}`;
  }
  const SI: Record<number, string> = { 0: "SI_USER", 0x80: "SI_KERNEL", [-1]: "SI_QUEUE", [-6]: "SI_TKILL" };
  const name = SI[code] ?? String(code);
  if (code <= 0) return `{si_signo=${sigName(signo)}, si_code=${name}, si_pid=${pid}, si_uid=${uid}}`;
  return `{si_signo=${sigName(signo)}, si_code=${name}}`;
}

async function rusage(c: Call, a: bigint): Promise<string> {
  if (failed(c)) return ptr(a);
  const v = await struct(c, a, 32);
  if (!v) return hex(a);
  const tv = (o: number) => `{tv_sec=${v.getBigInt64(o, true)}, tv_usec=${v.getBigInt64(o + 8, true)}}`;
  return `{ru_utime=${tv(0)}, ru_stime=${tv(16)}, ...}`;
}

async function sysinfo(c: Call, a: bigint): Promise<string> {
  if (failed(c)) return ptr(a);
  const v = await struct(c, a, 112);
  if (!v) return hex(a);
  const u = (o: number) => v.getBigUint64(o, true).toString();
  return `{uptime=${v.getBigInt64(0, true)}, loads=[${u(8)}, ${u(16)}, ${u(24)}], totalram=${u(32)}, freeram=${u(40)}, `
    + `sharedram=${u(48)}, bufferram=${u(56)}, totalswap=${u(64)}, freeswap=${u(72)}, procs=${v.getUint16(80, true)}, `
    + `totalhigh=${u(88)}, freehigh=${u(96)}, mem_unit=${v.getUint32(104, true)}}`;
}

async function tms(c: Call, a: bigint): Promise<string> {
  if (failed(c)) return ptr(a);
  const v = await struct(c, a, 32);
  if (!v) return hex(a);
  const u = (o: number) => v.getBigInt64(o, true).toString();
  return `{tms_utime=${u(0)}, tms_stime=${u(8)}, tms_cutime=${u(16)}, tms_cstime=${u(24)}}`;
}

/** prctl: the option's name and the arguments it uses. */
const DUMPABLE = ["SUID_DUMP_DISABLE", "SUID_DUMP_USER", "SUID_DUMP_ROOT"];
const SCHED_POLICIES = [[0, "SCHED_OTHER"], [1, "SCHED_FIFO"], [2, "SCHED_RR"], [3, "SCHED_BATCH"], [5, "SCHED_IDLE"], [6, "SCHED_DEADLINE"]] as const;

const prctl: Decoder = {
  ret: (c) => {
    const op = Number(BigInt.asUintN(32, c.args[0])), r = retNum(c);
    return op === 3 && DUMPABLE[r] ? `${r} (${DUMPABLE[r]})` : String(r);
  },
  enter: async (c) => {
    const op = Number(BigInt.asUintN(32, c.args[0]));
    const name = xlat(op, PR_OPTIONS, hex(op));
    switch (op) {
      case 1: return `${name}, ${c.args[1] ? sigName(Number(c.args[1])) : "0"}`;
      case 2: case 16: case 37: case 40: return `${name}, `;
      case 3: case 7: case 21: case 39: return name;
      case 4: case 8: case 36: return `${name}, ${ulong(c.args[1])}`;
      case 15: return `${name}, ${await cstr(c, c.args[1])}`;
      case 38: return `${name}, ${ulong(c.args[1])}, ${ulong(c.args[2])}, ${ulong(c.args[3])}, ${ulong(c.args[4])}`;
    }
    return `${name}, ${hex(c.args[1])}, ${hex(c.args[2])}, ${hex(c.args[3])}, ${hex(c.args[4])}`;
  },
  exit: async (c) => {
    const op = Number(BigInt.asUintN(32, c.args[0]));
    if (op === 2 || op === 37) return await one(c, c.args[1]).then((s) => (op === 2 && /^\[\d+\]$/.test(s) && s !== "[0]" ? `[${sigName(Number(s.slice(1, -1)))}]` : s));
    if (op === 16) return failed(c) ? ptr(c.args[1]) : await cstr(c, c.args[1]);
    if (op === 40) {
      if (failed(c)) return ptr(c.args[1]);
      const v = await struct(c, c.args[1], 8);
      return v ? `[${ptr(v.getBigUint64(0, true))}]` : hex(c.args[1]);
    }
    return "";
  },
};

const credsGet: Decoder = {
  exit: async (c) => `${await one(c, c.args[0])}, ${await one(c, c.args[1])}, ${await one(c, c.args[2])}`,
};

const MSYNC = [[1, "MS_ASYNC"], [2, "MS_INVALIDATE"], [4, "MS_SYNC"]] as const;
const MADV = [
  [0, "MADV_NORMAL"], [1, "MADV_RANDOM"], [2, "MADV_SEQUENTIAL"], [3, "MADV_WILLNEED"], [4, "MADV_DONTNEED"], [8, "MADV_FREE"],
  [9, "MADV_REMOVE"], [10, "MADV_DONTFORK"], [11, "MADV_DOFORK"], [12, "MADV_MERGEABLE"], [13, "MADV_UNMERGEABLE"],
  [14, "MADV_HUGEPAGE"], [15, "MADV_NOHUGEPAGE"], [16, "MADV_DONTDUMP"], [17, "MADV_DODUMP"], [18, "MADV_WIPEONFORK"],
  [19, "MADV_KEEPONFORK"], [20, "MADV_COLD"], [21, "MADV_PAGEOUT"], [22, "MADV_POPULATE_READ"], [23, "MADV_POPULATE_WRITE"],
  [24, "MADV_DONTNEED_LOCKED"], [25, "MADV_COLLAPSE"], [100, "MADV_HWPOISON"], [101, "MADV_SOFT_OFFLINE"],
] as const;
const ITIMERS = [[0, "ITIMER_REAL"], [1, "ITIMER_VIRTUAL"], [2, "ITIMER_PROF"]] as const;

async function itimerval(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 32);
  if (!v) return hex(a);
  const tv = (o: number) => `{tv_sec=${v.getBigInt64(o, true)}, tv_usec=${v.getBigInt64(o + 8, true)}}`;
  return `{it_interval=${tv(0)}, it_value=${tv(16)}}`;
}

export const sysDecoders: Record<string, Decoder> = {
  ...miscDecoders,
  msync: { enter: (c) => `${ptr(c.args[0])}, ${ulong(c.args[1])}, ${flags(BigInt.asUintN(32, c.args[2]), MSYNC)}` },
  madvise: { enter: (c) => `${ptr(c.args[0])}, ${ulong(c.args[1])}, ${xlat(Number(BigInt.asIntN(32, c.args[2])), MADV, hex(c.args[2]))}` },
  time: { exit: async (c) => (c.args[0] === 0n || failed(c) ? ptr(c.args[0]) : `[${(await struct(c, c.args[0], 8))?.getBigInt64(0, true) ?? "?"}]`) },
  getitimer: {
    enter: (c) => `${xlat(Number(c.args[0]), ITIMERS, int(c.args[0]))}, `,
    exit: async (c) => (failed(c) ? ptr(c.args[1]) : itimerval(c, c.args[1])),
  },
  setitimer: {
    enter: async (c) => `${xlat(Number(c.args[0]), ITIMERS, int(c.args[0]))}, ${await itimerval(c, c.args[1])}, `,
    exit: async (c) => (failed(c) ? ptr(c.args[2]) : itimerval(c, c.args[2])),
  },
  settimeofday: { enter: async (c) => `${await timeval(c, c.args[0])}, ${ptr(c.args[1])}` },
  getrlimit: { enter: (c) => `${resource(c.args[0])}, `, exit: async (c) => (failed(c) ? ptr(c.args[1]) : rlimit(c, c.args[1])) },
  setrlimit: { enter: async (c) => `${resource(c.args[0])}, ${await rlimit(c, c.args[1])}` },
  prlimit64: {
    enter: async (c) => `${int(c.args[0])}, ${resource(c.args[1])}, ${await rlimit(c, c.args[2])}, `,
    exit: async (c) => (failed(c) ? ptr(c.args[3]) : rlimit(c, c.args[3])),
  },
  getrusage: { enter: (c) => `${xlat(Number(BigInt.asIntN(32, c.args[0])), RUSAGE_WHO, int(c.args[0]))}, `, exit: (c) => rusage(c, c.args[1]) },
  sysinfo: { exit: (c) => sysinfo(c, c.args[0]) },
  times: { exit: (c) => tms(c, c.args[0]) },
  set_tid_address: { enter: (c) => ptr(c.args[0]) },
  clock_getres: {
    enter: (c) => `${clock(c.args[0])}, `,
    exit: async (c) => (failed(c) ? ptr(c.args[1]) : timeval(c, c.args[1], true)),
  },
  gettimeofday: { exit: async (c) => `${failed(c) ? ptr(c.args[0]) : await timeval(c, c.args[0])}, ${ptr(c.args[1])}` },
  getgroups: {
    enter: (c) => `${int(c.args[0])}, `,
    exit: async (c) => (failed(c) || Number(c.args[0]) === 0 ? ptr(c.args[1]) : ints(c, c.args[1], retNum(c))),
  },
  setgroups: { enter: async (c) => `${int(c.args[0])}, ${await ints(c, c.args[1], Number(BigInt.asUintN(32, c.args[0])))}` },
  setreuid: { enter: (c) => `${id(c.args[0])}, ${id(c.args[1])}` },
  setregid: { enter: (c) => `${id(c.args[0])}, ${id(c.args[1])}` },
  setresuid: { enter: (c) => `${id(c.args[0])}, ${id(c.args[1])}, ${id(c.args[2])}` },
  setresgid: { enter: (c) => `${id(c.args[0])}, ${id(c.args[1])}, ${id(c.args[2])}` },
  getresuid: credsGet,
  getresgid: credsGet,
  setfsuid: { enter: (c) => id(c.args[0]) },
  setfsgid: { enter: (c) => id(c.args[0]) },
  sigaltstack: { enter: async (c) => `${await stack(c, c.args[0])}, `, exit: async (c) => (failed(c) ? ptr(c.args[1]) : stack(c, c.args[1])) },
  rt_sigsuspend: { enter: async (c) => `${await sigsetAt(c, c.args[0])}, ${ulong(c.args[1])}` },
  rt_sigpending: { exit: async (c) => `${failed(c) ? ptr(c.args[0]) : await sigsetAt(c, c.args[0])}, ${ulong(c.args[1])}` },
  rt_sigtimedwait: {
    enter: async (c) => `${await sigsetAt(c, c.args[0])}, `,
    exit: async (c) => `${failed(c) ? ptr(c.args[1]) : await siginfo(c, c.args[1])}, ${await timeval(c, c.args[2], true)}, ${ulong(c.args[3])}`,
    ret: (c) => sigName(retNum(c)),
  },
  getpriority: { enter: (c) => `${xlat(Number(c.args[0]), PRIO_WHICH, int(c.args[0]))}, ${int(c.args[1])}` },
  setpriority: { enter: (c) => `${xlat(Number(c.args[0]), PRIO_WHICH, int(c.args[0]))}, ${int(c.args[1])}, ${int(c.args[2])}` },
  prctl,
  sched_getscheduler: {
    enter: (c) => int(c.args[0]),
    // strace 6.1 names the whole value: with SCHED_RESET_ON_FORK set it shows the number alone.
    ret: (c) => { const r = retNum(c); const name = xlat(r, SCHED_POLICIES, ""); return name ? `${r} (${name})` : String(r); },
  },
  arch_prctl: {
    enter: (c) => {
      const op = Number(BigInt.asUintN(32, c.args[0]));
      const name = xlat(op, ARCH_PRCTL, hex(op));
      return op === 0x1003 || op === 0x1004 ? `${name}, ` : `${name}, ${hex(c.args[1])}`;
    },
    exit: async (c) => {
      const op = Number(BigInt.asUintN(32, c.args[0]));
      if (op !== 0x1003 && op !== 0x1004) return "";
      if (failed(c)) return ptr(c.args[1]);
      const v = await struct(c, c.args[1], 8);
      return v ? `[${ptr(v.getBigUint64(0, true))}]` : hex(c.args[1]);
    },
  },
  mount: {
    enter: async (c) => {
      let f = BigInt.asUintN(64, c.args[3]);
      let magic = "";
      if ((f & 0xffff0000n) === 0xc0ed0000n) { magic = "MS_MGC_VAL"; f &= ~0xffff0000n; }
      const fl = flags(f, MS_FLAGS, "");
      const shown = magic && fl ? `${magic}|${fl}` : magic || fl || "0";
      return `${await path(c, c.args[0])}, ${await path(c, c.args[1])}, ${await path(c, c.args[2])}, ${shown}, ${c.args[4] === 0n ? "NULL" : await cstr(c, c.args[4])}`;
    },
  },
  umount2: { enter: async (c) => `${await path(c, c.args[0])}, ${flags(BigInt.asUintN(32, c.args[1]), UMOUNT_FLAGS)}` },
  chroot: { enter: (c) => path(c, c.args[0]) },
  init_module: { enter: async (c) => `${ptr(c.args[0])}, ${ulong(c.args[1])}, ${await cstr(c, c.args[2])}` },
  finit_module: { enter: async (c) => `${int(c.args[0])}, ${await cstr(c, c.args[1])}, ${flags(BigInt.asUintN(32, c.args[2]), MODULE_INIT)}` },
  delete_module: { enter: async (c) => `${await cstr(c, c.args[0])}, ${Number(c.args[1]) ? openFlags(Number(c.args[1])).replace(/^O_RDONLY\|?/, "") : "0"}` },
  reboot: {
    enter: async (c) => {
      const u = (v: bigint) => Number(BigInt.asUintN(32, v));
      const cmd = u(c.args[2]);
      const s = `${xlat(u(c.args[0]), REBOOT_MAGIC1, hex(u(c.args[0])))}, ${xlat(u(c.args[1]), REBOOT_MAGIC2, hex(u(c.args[1])))}, ${xlat(cmd, REBOOT_CMDS, hex(cmd))}`;
      return cmd === 0xa1b2c3d4 ? `${s}, ${await cstr(c, c.args[3])}` : s;
    },
  },
  waitid: {
    enter: (c) => `${xlat(Number(c.args[0]), ID_TYPES, uint(c.args[0]))}, ${int(c.args[1])}, `,
    exit: async (c) => `${failed(c) ? ptr(c.args[2]) : await siginfo(c, c.args[2])}, ${flags(BigInt.asUintN(32, c.args[3]), WAIT_OPTIONS)}, ${ptr(c.args[4])}`,
  },
  getcpu: { exit: async (c) => `${await one(c, c.args[0])}, ${await one(c, c.args[1])}, ${ptr(c.args[2])}` },
};
