// Decoders for the remaining calls strace knows by shape: getdents, CPU affinity masks,
// capabilities (capget/capset), syslog, the old time setters (utime, utimes, futimesat),
// personality, setdomainname, clock_settime, execveat and the scheduling-policy calls.
import type { Decoder, Call } from "./decode.js";
import { path, buf, struct, strArray, countArray, varsComment, failed, retNum, ptr } from "./decode.js";
import { peekBytes } from "./mem.js";
import { int, uint, hex, ulong, flags, xlat, unknown, type FlagTable } from "./format.js";
import { AT_FLAGS } from "./flags.js";
import { clock } from "./decode_proc.js";
import { timeComment } from "./decode_io.js";

const dirfd = (v: bigint) => (Number(BigInt.asIntN(32, v)) === -100 ? "AT_FDCWD" : int(v));

// ---- CPU masks ----

/** A CPU set of len bytes: [0 1 2], the numbers of the set bits. */
async function cpuset(c: Call, a: bigint, len: number): Promise<string> {
  if (a === 0n) return "NULL";
  const b = len > 0 ? await peekBytes(c.pid, a, len) : new Uint8Array(0);
  if (!b || b.length < len) return hex(a);
  const out: number[] = [];
  for (let i = 0; i < b.length * 8; i++) if (b[i >> 3] & (1 << (i & 7))) out.push(i);
  return `[${out.join(" ")}]`;
}

// ---- scheduling policies ----

const SCHED_POLICIES: FlagTable = [[0, "SCHED_OTHER"], [1, "SCHED_FIFO"], [2, "SCHED_RR"], [3, "SCHED_BATCH"], [5, "SCHED_IDLE"], [6, "SCHED_DEADLINE"]];
/** A policy argument: its name, or 0x40000001 /* SCHED_??? *\/ (strace 6.1 has no name for reset-on-fork here). */
const policy = (v: bigint) => { const n = Number(BigInt.asUintN(32, v)); return xlat(n, SCHED_POLICIES, unknown(n, "SCHED_???")); };

/** A struct sched_param: [10], or its address when it cannot be read. */
async function schedParam(c: Call, a: bigint): Promise<string> {
  const v = await struct(c, a, 4);
  return v ? `[${v.getInt32(0, true)}]` : ptr(a);
}

/** A struct sched_param or timespec the call fills: its address when the call failed. */
const filled = (show: (c: Call, a: bigint) => Promise<string>) => async (c: Call) => (failed(c) ? ptr(c.args[1]) : show(c, c.args[1]));

const schedDecoders: Record<string, Decoder> = {
  sched_setscheduler: { enter: async (c) => `${int(c.args[0])}, ${policy(c.args[1])}, ${await schedParam(c, c.args[2])}` },
  sched_setparam: { enter: async (c) => `${int(c.args[0])}, ${await schedParam(c, c.args[1])}` },
  sched_getparam: { enter: (c) => `${int(c.args[0])}, `, exit: filled(schedParam) },
  sched_get_priority_max: { enter: (c) => policy(c.args[0]) },
  sched_get_priority_min: { enter: (c) => policy(c.args[0]) },
  sched_rr_get_interval: { enter: (c) => `${int(c.args[0])}, `, exit: filled(timespec) },
};

// ---- capabilities ----

const CAP_NAMES = [
  "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
  "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
  "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
  "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
  "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
  "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
  "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
];
const CAP_V1 = 0x19980330, CAP_V2 = 0x20071026, CAP_V3 = 0x20080522;
const CAP_VERSIONS: FlagTable = [[CAP_V1, "_LINUX_CAPABILITY_VERSION_1"], [CAP_V2, "_LINUX_CAPABILITY_VERSION_2"], [CAP_V3, "_LINUX_CAPABILITY_VERSION_3"]];

/** A capability set: 1<<CAP_CHOWN|1<<CAP_KILL, unknown bits in hex, 0 when empty. */
export function capSet(bits: bigint): string {
  if (bits === 0n) return "0";
  const out: string[] = [];
  let rest = bits;
  for (let i = 0; i < CAP_NAMES.length; i++) {
    const b = 1n << BigInt(i);
    if (rest & b) { out.push(`1<<${CAP_NAMES[i]}`); rest &= ~b; }
  }
  if (rest) out.push(hex(rest));
  return out.join("|");
}

/** The header's version (read at entry: the kernel may write its preferred one back). */
const capVersions = new Map<number, number>();

async function capHeader(c: Call, a: bigint): Promise<string> {
  const v = await struct(c, a, 8);
  if (!v) return ptr(a);
  const ver = v.getUint32(0, true);
  capVersions.set(c.pid, ver);
  const name = xlat(ver, CAP_VERSIONS, "");
  return `{version=${name || `${hex(ver)} /* _LINUX_CAPABILITY_VERSION_??? */`}, pid=${v.getInt32(4, true)}}`;
}

async function capData(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const ver = capVersions.get(c.pid);
  const words = ver === CAP_V1 ? 1 : ver === CAP_V2 || ver === CAP_V3 ? 2 : 0;
  if (!words) return hex(a);
  const v = await struct(c, a, 12 * words);
  if (!v) return hex(a);
  const field = (o: number) => {
    let bits = BigInt(v.getUint32(o, true));
    if (words === 2) bits |= BigInt(v.getUint32(12 + o, true)) << 32n;
    return capSet(bits);
  };
  return `{effective=${field(0)}, permitted=${field(4)}, inheritable=${field(8)}}`;
}

// ---- syslog ----

const SYSLOG_ACTIONS = [
  "SYSLOG_ACTION_CLOSE", "SYSLOG_ACTION_OPEN", "SYSLOG_ACTION_READ", "SYSLOG_ACTION_READ_ALL", "SYSLOG_ACTION_READ_CLEAR",
  "SYSLOG_ACTION_CLEAR", "SYSLOG_ACTION_CONSOLE_OFF", "SYSLOG_ACTION_CONSOLE_ON", "SYSLOG_ACTION_CONSOLE_LEVEL",
  "SYSLOG_ACTION_SIZE_UNREAD", "SYSLOG_ACTION_SIZE_BUFFER",
];
const LOGLEVELS = ["LOGLEVEL_EMERG", "LOGLEVEL_ALERT", "LOGLEVEL_CRIT", "LOGLEVEL_ERR", "LOGLEVEL_WARNING", "LOGLEVEL_NOTICE", "LOGLEVEL_INFO", "LOGLEVEL_DEBUG"];

/** A number with its name in a comment: 10 /* SYSLOG_ACTION_SIZE_BUFFER *\/. */
const verbose = (n: number, names: string[], unknown: string) => `${n} /* ${names[n] ?? unknown} */`;

const syslog: Decoder = {
  enter: (c) => {
    const type = Number(BigInt.asIntN(32, c.args[0]));
    const name = verbose(type, SYSLOG_ACTIONS, "SYSLOG_ACTION_???");
    const len = Number(BigInt.asIntN(32, c.args[2]));
    switch (type) {
      case 0: case 1: case 5: case 6: case 7: case 9: case 10: return name;
      case 2: case 3: case 4: return `${name}, `;
      case 8: return `${name}, ${ptr(c.args[1])}, ${verbose(len, LOGLEVELS, "LOGLEVEL_???")}`;
    }
    return `${name}, ${ptr(c.args[1])}, ${len}`;
  },
  exit: async (c) => {
    const type = Number(BigInt.asIntN(32, c.args[0]));
    if (type < 2 || type > 4) return "";
    return `${failed(c) ? ptr(c.args[1]) : await buf(c, c.args[1], retNum(c))}, ${int(c.args[2])}`;
  },
};

// ---- old time setters ----

async function utimbuf(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 16);
  if (!v) return hex(a);
  const t = (o: number) => { const s = v.getBigInt64(o, true); return `${s}${timeComment(s, 0n, 0)}`; };
  return `{actime=${t(0)}, modtime=${t(8)}}`;
}

async function timevalPair(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 32);
  if (!v) return hex(a);
  const one = (o: number) => {
    const sec = v.getBigInt64(o, true), usec = v.getBigInt64(o + 8, true);
    return `{tv_sec=${sec}, tv_usec=${usec}}${timeComment(sec, usec, 6)}`;
  };
  return `[${one(0)}, ${one(16)}]`;
}

async function timespec(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 16);
  return v ? `{tv_sec=${v.getBigInt64(0, true)}, tv_nsec=${v.getBigInt64(8, true)}}` : hex(a);
}

// ---- personality ----

const PERSONAS = [
  "PER_LINUX", "PER_SVR4", "PER_SVR3", "PER_SCOSVR3", "PER_WYSEV386", "PER_ISCR4", "PER_BSD", "PER_XENIX", "PER_LINUX32",
  "PER_IRIX32", "PER_IRIXN32", "PER_IRIX64", "PER_RISCOS", "PER_SOLARIS", "PER_UW7", "PER_OSF4", "PER_HPUX",
];
const PER_FLAGS: FlagTable = [
  [0x0020000, "UNAME26"], [0x0040000, "ADDR_NO_RANDOMIZE"], [0x0080000, "FDPIC_FUNCPTRS"], [0x0100000, "MMAP_PAGE_ZERO"],
  [0x0200000, "ADDR_COMPAT_LAYOUT"], [0x0400000, "READ_IMPLIES_EXEC"], [0x0800000, "ADDR_LIMIT_32BIT"],
  [0x1000000, "SHORT_INODE"], [0x2000000, "WHOLE_SECONDS"], [0x4000000, "STICKY_TIMEOUTS"], [0x8000000, "ADDR_LIMIT_3GB"],
];

/** A persona: PER_LINUX32|READ_IMPLIES_EXEC, an unknown one as 0x1f /* PER_??? *\/. */
export function persona(v: number): string {
  const p = v & 0xff;
  const name = PERSONAS[p] ?? `${hex(p)} /* PER_??? */`;
  const rest = flags(v & ~0xff, PER_FLAGS, "");
  return rest ? `${name}|${rest}` : name;
}

// ---- execveat ----

const execveat: Decoder = {
  enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${await strArray(c, c.args[2])}, `
    + `${c.args[3] === 0n ? "NULL" : `${hex(c.args[3])} ${varsComment(await countArray(c, c.args[3]))}`}, `
    + `${flags(BigInt.asUintN(32, c.args[4]), [...AT_FLAGS, [0x8000, "AT_RECURSIVE"]])}`,
};

export const miscDecoders: Record<string, Decoder> = {
  sched_getaffinity: {
    enter: (c) => `${int(c.args[0])}, ${uint(c.args[1])}, `,
    exit: async (c) => (failed(c) ? ptr(c.args[2]) : cpuset(c, c.args[2], retNum(c))),
  },
  sched_setaffinity: { enter: async (c) => `${int(c.args[0])}, ${uint(c.args[1])}, ${await cpuset(c, c.args[2], Number(BigInt.asUintN(32, c.args[1])))}` },
  capget: {
    enter: async (c) => `${await capHeader(c, c.args[0])}, `,
    exit: async (c) => (failed(c) ? ptr(c.args[1]) : capData(c, c.args[1])),
  },
  capset: { enter: async (c) => `${await capHeader(c, c.args[0])}, ${await capData(c, c.args[1])}` },
  syslog,
  utime: { enter: async (c) => `${await path(c, c.args[0])}, ${await utimbuf(c, c.args[1])}` },
  utimes: { enter: async (c) => `${await path(c, c.args[0])}, ${await timevalPair(c, c.args[1])}` },
  futimesat: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${await timevalPair(c, c.args[2])}` },
  personality: {
    enter: (c) => { const v = Number(BigInt.asUintN(32, c.args[0])); return v === 0xffffffff ? hex(v) : persona(v); },
    ret: (c) => { const r = Number(BigInt.asUintN(32, c.ret)); return `${r ? hex(r) : "0"} (${persona(r)})`; },
  },
  setdomainname: { enter: async (c) => `${await buf(c, c.args[0], Number(BigInt.asUintN(32, c.args[1])))}, ${ulong(c.args[1])}` },
  clock_settime: { enter: async (c) => `${clock(c.args[0])}, ${await timespec(c, c.args[1])}` },
  execveat,
  ...schedDecoders,
};
