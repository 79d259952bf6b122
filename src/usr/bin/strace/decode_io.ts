// Decoders for more file and I/O calls: sync calls, truncate, flock, the chown family, the *at
// calls (linkat, symlinkat, readlinkat, fchmodat, fchownat, mknodat, utimensat, statx), poll,
// select and their p* forms, readv/writev, sendfile, copy_file_range, close_range, statfs.
import type { Decoder, Call } from "./decode.js";
import { path, buf, struct, failed, retNum, ptr } from "./decode.js";
import { peekBytes } from "./mem.js";
import { int, uint, hex, long, ulong, oct, flags, xlat, opts } from "./format.js";
import { AT_FLAGS } from "./flags.js";
import { stMode } from "./decode_fs.js";
import { sigset } from "./decode_proc.js";

const dirfd = (v: bigint) => (Number(BigInt.asIntN(32, v)) === -100 ? "AT_FDCWD" : int(v));
const at = (v: bigint) => flags(BigInt.asUintN(32, v), AT_FLAGS, "0", "AT_???");
const id = (v: bigint) => int(v);

const LOCK_OPS = [[1, "LOCK_SH"], [2, "LOCK_EX"], [4, "LOCK_NB"], [8, "LOCK_UN"], [32, "LOCK_MAND"], [64, "LOCK_READ"], [128, "LOCK_WRITE"]] as const;
export const POLL_EVENTS = [
  [1, "POLLIN"], [2, "POLLPRI"], [4, "POLLOUT"], [8, "POLLERR"], [0x10, "POLLHUP"], [0x20, "POLLNVAL"], [0x40, "POLLRDNORM"],
  [0x80, "POLLRDBAND"], [0x100, "POLLWRNORM"], [0x200, "POLLWRBAND"], [0x400, "POLLMSG"], [0x1000, "POLLREMOVE"], [0x2000, "POLLRDHUP"],
] as const;
const STATX_MASK = [
  [0xfff, "STATX_ALL"], [0x7ff, "STATX_BASIC_STATS"], [1, "STATX_TYPE"], [2, "STATX_MODE"], [4, "STATX_NLINK"], [8, "STATX_UID"],
  [0x10, "STATX_GID"], [0x20, "STATX_ATIME"], [0x40, "STATX_MTIME"], [0x80, "STATX_CTIME"], [0x100, "STATX_INO"], [0x200, "STATX_SIZE"],
  [0x400, "STATX_BLOCKS"], [0x800, "STATX_BTIME"], [0x1000, "STATX_MNT_ID"], [0x2000, "STATX_DIOALIGN"], [0x4000, "STATX_MNT_ID_UNIQUE"],
] as const;
const STATX_ATTRS = [
  [0x4, "STATX_ATTR_COMPRESSED"], [0x10, "STATX_ATTR_IMMUTABLE"], [0x20, "STATX_ATTR_APPEND"], [0x800, "STATX_ATTR_NODUMP"],
  [0x1000, "STATX_ATTR_ENCRYPTED"], [0x200000, "STATX_ATTR_DAX"], [0x2000, "STATX_ATTR_AUTOMOUNT"], [0x100000, "STATX_ATTR_VERITY"],
  [0x4000, "STATX_ATTR_MOUNT_ROOT"],
] as const;
const FS_MAGIC = [
  [0xef53, "EXT2_SUPER_MAGIC"], [0x01021994, "TMPFS_MAGIC"], [0x9fa0, "PROC_SUPER_MAGIC"], [0x62656572, "SYSFS_MAGIC"],
  [0x1cd1, "DEVPTS_SUPER_MAGIC"], [0x858458f6, "RAMFS_MAGIC"], [0x64626720, "DEBUGFS_MAGIC"], [0x63677270, "CGROUP2_SUPER_MAGIC"],
  [0x27e0eb, "CGROUP_SUPER_MAGIC"], [0x42494e4d, "BINFMTFS_MAGIC"], [0x6969, "NFS_SUPER_MAGIC"], [0x794c7630, "OVERLAYFS_SUPER_MAGIC"],
  [0x9123683e, "BTRFS_SUPER_MAGIC"], [0x58465342, "XFS_SUPER_MAGIC"], [0x73717368, "SQUASHFS_MAGIC"], [0x50495045, "PIPEFS_MAGIC"],
  [0x534f434b, "SOCKFS_MAGIC"], [0x74726163, "TRACEFS_MAGIC"], [0x73636673, "SECURITYFS_MAGIC"], [0xcafe4a11, "BPF_FS_MAGIC"],
] as const;
const ST_FLAGS = [
  [1, "ST_RDONLY"], [2, "ST_NOSUID"], [4, "ST_NODEV"], [8, "ST_NOEXEC"], [16, "ST_SYNCHRONOUS"], [32, "ST_VALID"], [64, "ST_MANDLOCK"],
  [1024, "ST_NOATIME"], [2048, "ST_NODIRATIME"], [4096, "ST_RELATIME"], [8192, "ST_NOSYMFOLLOW"],
] as const;

/** mknod's mode and, for devices, makedev(major, minor). */
function mknodArgs(m: bigint, dev: bigint): string {
  const mode = Number(BigInt.asUintN(32, m));
  const type = mode & 0o170000;
  const s = type ? stMode(mode) : oct(m);
  if (type !== 0o20000 && type !== 0o60000) return s;
  const major = Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn));
  const minor = Number((dev & 0xffn) | ((dev >> 12n) & ~0xffn));
  return `${s}, makedev(0x${major.toString(16)}, 0x${minor.toString(16)})`;
}

/** A time as strace's comment shows it: 2024-01-02T03:04:05.000000006+0000 (UTC); none for the epoch itself. */
export function timeComment(sec: bigint, frac: bigint, digits: number): string {
  if (sec === 0n && frac === 0n) return "";
  const d = new Date(Number(sec) * 1000);
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString().slice(0, 19);
  return ` /* ${iso}${frac ? "." + frac.toString().padStart(digits, "0") : ""}+0000 */`;
}

/** utimensat's two times: UTIME_NOW and UTIME_OMIT by name, others with their date. */
async function timespecPair(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 32);
  if (!v) return hex(a);
  const one = (o: number) => {
    const sec = v.getBigInt64(o, true), ns = v.getBigUint64(o + 8, true);
    if (ns === 0x3fffffffn) return "UTIME_NOW";
    if (ns === 0x3ffffffen) return "UTIME_OMIT";
    return `{tv_sec=${sec}, tv_nsec=${ns}}${timeComment(sec, ns, 9)}`;
  };
  return `[${one(0)}, ${one(16)}]`;
}

async function statx(c: Call, a: bigint): Promise<string> {
  if (failed(c)) return ptr(a);
  const v = await struct(c, a, 256);
  if (!v) return hex(a);
  return `{stx_mask=${flags(v.getUint32(0, true), STATX_MASK)}, stx_attributes=${flags(v.getBigUint64(8, true), STATX_ATTRS)}, `
    + `stx_mode=${stMode(v.getUint16(28, true))}, stx_size=${v.getBigUint64(40, true)}, ...}`;
}

async function statfs(c: Call, a: bigint): Promise<string> {
  if (failed(c)) return ptr(a);
  const v = await struct(c, a, 120);
  if (!v) return hex(a);
  const u = (o: number) => v.getBigUint64(o, true).toString();
  const type = Number(v.getBigUint64(0, true));
  return `{f_type=${xlat(type, FS_MAGIC, hex(type))}, f_bsize=${u(8)}, f_blocks=${u(16)}, f_bfree=${u(24)}, f_bavail=${u(32)}, `
    + `f_files=${u(40)}, f_ffree=${u(48)}, f_fsid={val=[${v.getInt32(56, true)}, ${v.getInt32(60, true)}]}, f_namelen=${u(64)}, `
    + `f_frsize=${u(72)}${v.getBigUint64(80, true) ? `, f_flags=${flags(v.getBigUint64(80, true), ST_FLAGS)}` : ""}}`;
}

/** struct pollfd[n] at entry (events) or the ones with revents at exit. */
async function pollfds(c: Call, a: bigint, n: number, exit: boolean): Promise<string> {
  if (a === 0n) return "NULL";
  const b = await peekBytes(c.pid, a, n * 8);
  if (!b || b.length < n * 8) return hex(a);
  const v = new DataView(b.buffer, b.byteOffset, b.length);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const fd = v.getInt32(i * 8, true), ev = v.getInt16(i * 8 + (exit ? 6 : 4), true) & 0xffff;
    if (exit && !ev) continue;
    if (!exit && out.length >= opts.strsize) { out.push("..."); break; }
    out.push(`{fd=${fd}, ${exit ? "revents" : "events"}=${flags(ev, POLL_EVENTS)}}`);
  }
  return `[${out.join(", ")}]`;
}

async function ts(c: Call, a: bigint, usec = false): Promise<string> {
  const v = await struct(c, a, 16);
  return v ? `{tv_sec=${v.getBigInt64(0, true)}, ${usec ? "tv_usec" : "tv_nsec"}=${v.getBigInt64(8, true)}}` : ptr(a);
}

const poll: Decoder = {
  enter: async (c) => {
    const n = Number(BigInt.asUintN(32, c.args[1]));
    const fds = await pollfds(c, c.args[0], n, false);
    if (c.name === "poll") return `${fds}, ${n}, ${int(c.args[2])}`;
    const mask = c.args[3] === 0n ? "NULL" : await struct(c, c.args[3], 8).then((v) => (v ? sigset(v.getBigUint64(0, true)) : hex(c.args[3])));
    return `${fds}, ${n}, ${c.args[2] === 0n ? "NULL" : await ts(c, c.args[2])}, ${mask}, ${ulong(c.args[4])}`;
  },
  ret: async (c) => {
    const r = retNum(c);
    if (r === 0) return "0 (Timeout)";
    const fds = await pollfds(c, c.args[0], Number(BigInt.asUintN(32, c.args[1])), true);
    const left = c.name === "ppoll" && c.args[2] !== 0n ? `, left ${await ts(c, c.args[2])}` : "";
    return `${r} (${fds}${left})`;
  },
};

async function fdset(c: Call, a: bigint, nfds: number): Promise<string> {
  if (a === 0n) return "NULL";
  const b = await peekBytes(c.pid, a, Math.ceil(Math.max(nfds, 0) / 64) * 8);
  if (!b) return hex(a);
  const out: number[] = [];
  for (let fd = 0; fd < nfds && fd < b.length * 8; fd++) if (b[fd >> 3] & (1 << (fd & 7))) out.push(fd);
  return `[${out.join(" ")}]`;
}

const select: Decoder = {
  enter: async (c) => {
    const n = Number(BigInt.asIntN(32, c.args[0]));
    const sets = [];
    for (let i = 1; i <= 3; i++) sets.push(await fdset(c, c.args[i], n));
    const pselect = c.name === "pselect6";
    const t = c.args[4] === 0n ? "NULL" : await ts(c, c.args[4], !pselect);
    if (!pselect) return `${n}, ${sets.join(", ")}, ${t}`;
    let sig = "NULL";
    if (c.args[5] !== 0n) {
      const v = await struct(c, c.args[5], 16);
      if (!v) sig = hex(c.args[5]);
      else {
        const m = v.getBigUint64(0, true);
        const set = m === 0n ? "NULL" : await struct(c, m, 8).then((s) => (s ? sigset(s.getBigUint64(0, true)) : hex(m)));
        sig = `{sigmask=${set}, sigsetsize=${v.getBigUint64(8, true)}}`;
      }
    }
    return `${n}, ${sets.join(", ")}, ${t}, ${sig}`;
  },
  ret: async (c) => {
    const r = retNum(c);
    if (r === 0) return "0 (Timeout)";
    const n = Number(BigInt.asIntN(32, c.args[0]));
    const parts: string[] = [];
    const names = ["in", "out", "except"];
    for (let i = 1; i <= 3; i++) if (c.args[i] !== 0n) {
      const s = await fdset(c, c.args[i], n);
      if (s !== "[]") parts.push(`${names[i - 1]} ${s}`);
    }
    if (c.args[4] !== 0n) parts.push(`left ${await ts(c, c.args[4], c.name === "select")}`);
    return `${r} (${parts.join(", ")})`;
  },
};

/** An iovec array; with limit, the bytes shown stop after limit in all (readv's return). */
async function iovec(c: Call, a: bigint, n: number, limit: number | null): Promise<string> {
  if (a === 0n) return "NULL";
  const out: string[] = [];
  let left = limit ?? Infinity;
  for (let i = 0; i < n; i++) {
    if (i >= opts.strsize) { out.push("..."); break; }
    const v = await struct(c, a + BigInt(i * 16), 16);
    if (!v) { if (!out.length) return hex(a); out.push("..."); break; }
    const base = v.getBigUint64(0, true), len = v.getBigUint64(8, true);
    const show = Math.min(Number(len), left);
    left -= show;
    let data: string;
    if (show <= 0 && limit !== null) data = base === 0n ? "NULL" : hex(base);
    else data = await bufLen(c, base, show, Number(len));
    out.push(`{iov_base=${data}, iov_len=${len}}`);
  }
  return `[${out.join(", ")}]`;
}

async function bufLen(c: Call, a: bigint, show: number, _len: number): Promise<string> {
  if (a === 0n) return "NULL";
  return buf(c, a, show);
}

const iovDecoders: Record<string, Decoder> = {
  readv: {
    enter: (c) => `${int(c.args[0])}, `,
    exit: async (c) => `${failed(c) ? hex(c.args[1]) : await iovec(c, c.args[1], Number(c.args[2]), retNum(c))}, ${int(c.args[2])}`,
  },
  writev: { enter: async (c) => `${int(c.args[0])}, ${await iovec(c, c.args[1], Number(c.args[2]), null)}, ${int(c.args[2])}` },
};

async function off(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const v = await struct(c, a, 8);
  return v ? `[${v.getBigInt64(0, true)}]` : hex(a);
}

/** sendfile/copy_file_range print an offset before and after: [0] => [100]. */
const offsets = new Map<string, string>();
const key = (c: Call, i: number) => `${c.pid}:${i}`;

export const ioDecoders: Record<string, Decoder> = {
  ...iovDecoders,
  fsync: { enter: (c) => int(c.args[0]) },
  fdatasync: { enter: (c) => int(c.args[0]) },
  syncfs: { enter: (c) => int(c.args[0]) },
  truncate: { enter: async (c) => `${await path(c, c.args[0])}, ${long(c.args[1])}` },
  ftruncate: { enter: (c) => `${int(c.args[0])}, ${long(c.args[1])}` },
  flock: { enter: (c) => `${int(c.args[0])}, ${flags(BigInt.asUintN(32, c.args[1]), LOCK_OPS)}` },
  chown: { enter: async (c) => `${await path(c, c.args[0])}, ${id(c.args[1])}, ${id(c.args[2])}` },
  lchown: { enter: async (c) => `${await path(c, c.args[0])}, ${id(c.args[1])}, ${id(c.args[2])}` },
  fchown: { enter: (c) => `${int(c.args[0])}, ${id(c.args[1])}, ${id(c.args[2])}` },
  fchownat: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${id(c.args[2])}, ${id(c.args[3])}, ${at(c.args[4])}` },
  linkat: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${dirfd(c.args[2])}, ${await path(c, c.args[3])}, ${at(c.args[4])}` },
  symlinkat: { enter: async (c) => `${await path(c, c.args[0])}, ${dirfd(c.args[1])}, ${await path(c, c.args[2])}` },
  readlinkat: {
    enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, `,
    exit: async (c) => `${failed(c) ? ptr(c.args[2]) : await buf(c, c.args[2], retNum(c))}, ${int(c.args[3])}`,
  },
  fchmodat: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${oct(c.args[2])}` },
  fchmodat2: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${oct(c.args[2])}, ${at(c.args[3])}` },
  mknod: { enter: async (c) => `${await path(c, c.args[0])}, ${mknodArgs(c.args[1], c.args[2])}` },
  mknodat: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${mknodArgs(c.args[2], c.args[3])}` },
  utimensat: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${await timespecPair(c, c.args[2])}, ${at(c.args[3])}` },
  statx: {
    enter: async (c) => {
      const f = Number(BigInt.asUintN(32, c.args[2]));
      const sync = xlat(f & 0x6000, [[0, "AT_STATX_SYNC_AS_STAT"], [0x2000, "AT_STATX_FORCE_SYNC"], [0x4000, "AT_STATX_DONT_SYNC"]], hex(f & 0x6000));
      const rest = flags(f & ~0x6000, AT_FLAGS, "");
      return `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${sync}${rest ? "|" + rest : ""}, ${flags(BigInt.asUintN(32, c.args[3]), STATX_MASK)}, `;
    },
    exit: (c) => statx(c, c.args[4]),
  },
  statfs: { enter: async (c) => `${await path(c, c.args[0])}, `, exit: (c) => statfs(c, c.args[1]) },
  fstatfs: { enter: (c) => `${int(c.args[0])}, `, exit: (c) => statfs(c, c.args[1]) },
  poll,
  ppoll: poll,
  select,
  pselect6: select,
  sendfile: {
    enter: async (c) => { offsets.set(key(c, 2), await off(c, c.args[2])); return `${int(c.args[0])}, ${int(c.args[1])}, `; },
    exit: async (c) => {
      const before = offsets.get(key(c, 2)) ?? ptr(c.args[2]);
      offsets.delete(key(c, 2));
      const after = c.args[2] !== 0n && !failed(c) ? ` => ${await off(c, c.args[2])}` : "";
      return `${before}${after}, ${ulong(c.args[3])}`;
    },
  },
  copy_file_range: {
    enter: async (c) => {
      offsets.set(key(c, 1), await off(c, c.args[1]));
      offsets.set(key(c, 3), await off(c, c.args[3]));
      return "";
    },
    exit: async (c) => {
      const show = async (i: number) => {
        const before = offsets.get(key(c, i)) ?? ptr(c.args[i]);
        offsets.delete(key(c, i));
        return before + (c.args[i] !== 0n && !failed(c) ? ` => ${await off(c, c.args[i])}` : "");
      };
      return `${int(c.args[0])}, ${await show(1)}, ${int(c.args[2])}, ${await show(3)}, ${ulong(c.args[4])}, ${uint(c.args[5])}`;
    },
  },
  close_range: { enter: (c) => `${uint(c.args[0])}, ${uint(c.args[1])}, ${flags(BigInt.asUintN(32, c.args[2]), [[2, "CLOSE_RANGE_UNSHARE"], [4, "CLOSE_RANGE_CLOEXEC"]])}` },
};

