// Decoders for file calls: read/write, open, close, the stat family, lseek, pipes, dup, fcntl,
// getdents64, ioctl, directories and names.
import type { Decoder, Call } from "./decode.js";
import { path, buf, struct, failed, retNum, ptr } from "./decode.js";
import { int, uint, hex, oct, long, flags, xlat, unknown } from "./format.js";
import {
  openFlags, openBits, AT_FLAGS, ACCESS_MODES, SEEK, FCNTL_CMDS, FD_FLAGS, RENAME_FLAGS, S_IFMT_NAMES, IOCTLS,
} from "./flags.js";

const dirfd = (v: bigint) => (Number(BigInt.asIntN(32, v)) === -100 ? "AT_FDCWD" : int(v));
const mode = (v: bigint) => oct(v);
const access = (v: bigint) => flags(v, ACCESS_MODES, "F_OK", "?_OK");
const at = (v: bigint) => flags(BigInt.asUintN(32, v), AT_FLAGS, "0", "AT_???");

/** The mode field as strace prints it: S_IFREG|0644. */
export function stMode(m: number): string {
  const type = xlat(m & 0o170000, S_IFMT_NAMES, "");
  const perm = (m & 0o7777).toString(8).padStart(4, "0");
  return type ? `${type}|${perm}` : perm;
}

/** struct stat, abbreviated: {st_mode=S_IFREG|0644, st_size=1024, ...}. */
async function stat(c: Call, a: bigint): Promise<string> {
  if (failed(c)) return ptr(a);
  const v = await struct(c, a, 144);
  if (!v) return hex(a);
  const m = v.getUint32(24, true);
  const type = m & 0o170000;
  if (type === 0o20000 || type === 0o60000) {
    const rdev = v.getBigUint64(40, true);
    const major = Number(((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn));
    const minor = Number((rdev & 0xffn) | ((rdev >> 12n) & ~0xffn));
    return `{st_mode=${stMode(m)}, st_rdev=makedev(0x${major.toString(16)}, 0x${minor.toString(16)}), ...}`;
  }
  return `{st_mode=${stMode(m)}, st_size=${v.getBigInt64(48, true)}, ...}`;
}

const readLike: Decoder = {
  enter: (c) => `${int(c.args[0])}, `,
  exit: async (c) => `${failed(c) ? ptr(c.args[1]) : await buf(c, c.args[1], retNum(c))}, ${long(c.args[2])}`,
};
const writeLike: Decoder = { enter: async (c) => `${int(c.args[0])}, ${await buf(c, c.args[1], Number(c.args[2]))}, ${long(c.args[2])}` };

async function termios(c: Call, a: bigint): Promise<string> {
  const v = await struct(c, a, 36);
  if (!v) return hex(a);
  const iflag = v.getUint32(0, true), oflag = v.getUint32(4, true), cflag = v.getUint32(8, true), lflag = v.getUint32(12, true);
  void iflag;
  const speeds = [0, 50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400];
  const cbaud = cflag & 0o10017;
  const speed = cbaud < 16 ? `B${speeds[cbaud]}` : ({ 0o10001: "B57600", 0o10002: "B115200", 0o10003: "B230400" } as Record<number, string>)[cbaud] ?? "B0";
  const f = (on: boolean, name: string) => (on ? "" : "-") + name;
  return `{${speed} ${f((oflag & 1) !== 0, "opost")} ${f((lflag & 1) !== 0, "isig")} ${f((lflag & 2) !== 0, "icanon")} ${f((lflag & 8) !== 0, "echo")} ...}`;
}

const ioctl: Decoder = {
  enter: (c) => `${int(c.args[0])}, ${xlat(Number(BigInt.asUintN(32, c.args[1])), IOCTLS, hex(c.args[1]))}`,
  exit: async (c) => {
    const req = Number(BigInt.asUintN(32, c.args[1])), a = c.args[2];
    if (failed(c) && [0x5401, 0x5413, 0x540f, 0x541b, 0x5429, 0x80045430].includes(req)) return `, ${ptr(a)}`;
    switch (req) {
      case 0x5401: case 0x5402: case 0x5403: case 0x5404: return `, ${await termios(c, a)}`;
      case 0x5413: case 0x5414: {
        const v = await struct(c, a, 8);
        return v ? `, {ws_row=${v.getUint16(0, true)}, ws_col=${v.getUint16(2, true)}, ws_xpixel=${v.getUint16(4, true)}, ws_ypixel=${v.getUint16(6, true)}}` : `, ${ptr(a)}`;
      }
      case 0x540f: case 0x5410: case 0x541b: case 0x5429: case 0x5421: case 0x80045430: {
        const v = await struct(c, a, 4);
        return v ? `, [${v.getInt32(0, true)}]` : `, ${ptr(a)}`;
      }
      case 0x5422: case 0x5450: case 0x5451: return "";
      case 0x540e: case 0x540b: case 0x5409: case 0x540a: return `, ${long(a)}`;
    }
    return `, ${hex(a)}`;
  },
};

const fcntl: Decoder = {
  enter: (c) => {
    const cmd = Number(BigInt.asIntN(32, c.args[1]));
    const name = xlat(cmd, FCNTL_CMDS, unknown(BigInt.asUintN(32, c.args[1]), "F_???"));
    switch (cmd) {
      case 1: case 3: case 9: case 1032: return `${int(c.args[0])}, ${name}`;
      case 2: return `${int(c.args[0])}, ${name}, ${flags(c.args[2], FD_FLAGS)}`;
      case 4: return `${int(c.args[0])}, ${name}, ${openFlags(Number(BigInt.asUintN(32, c.args[2])))}`;
      case 5: case 6: case 7: return `${int(c.args[0])}, ${name}, ${ptr(c.args[2])}`;
      case 0: case 8: case 1030: case 1031: return `${int(c.args[0])}, ${name}, ${long(c.args[2])}`;
    }
    return `${int(c.args[0])}, ${name}, ${hex(c.args[2])}`;
  },
  ret: (c) => {
    const cmd = Number(BigInt.asIntN(32, c.args[1])), r = retNum(c);
    if (cmd === 1) return r ? `${hex(r)} (flags ${flags(r, FD_FLAGS)})` : "0";
    if (cmd === 3) return `${hex(r)} (flags ${openFlags(r)})`;
    return String(r);
  },
};

const pipe: Decoder = {
  exit: async (c) => {
    const v = failed(c) ? null : await struct(c, c.args[0], 8);
    const fds = v ? `[${v.getInt32(0, true)}, ${v.getInt32(4, true)}]` : ptr(c.args[0]);
    return c.name === "pipe2" ? `${fds}, ${openBits(c.args[1])}` : fds;
  },
};

const getdents: Decoder = {
  enter: (c) => `${int(c.args[0])}, `,
  exit: async (c) => {
    let desc = ptr(c.args[1]);
    if (!failed(c)) {
      const n = retNum(c);
      let count = 0;
      for (let off = 0; off < n;) {
        const v = await struct(c, c.args[1] + BigInt(off + 16), 2);
        if (!v) break;
        const reclen = v.getUint16(0, true);
        if (!reclen) break;
        off += reclen;
        count++;
      }
      desc = `${hex(c.args[1])} /* ${count} entries */`;
    }
    return `${desc}, ${uint(c.args[2])}`;
  },
};

export const fsDecoders: Record<string, Decoder> = {
  read: readLike,
  pread64: { enter: readLike.enter, exit: async (c) => `${await readLike.exit!(c)}, ${long(c.args[3])}` },
  write: writeLike,
  pwrite64: { enter: async (c) => `${await writeLike.enter!(c)}, ${long(c.args[3])}` },
  open: { enter: async (c) => `${await path(c, c.args[0])}, ${openFlags(Number(c.args[1]))}${Number(c.args[1]) & 0o20100100 ? ", " + mode(c.args[2]) : ""}` },
  openat: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${openFlags(Number(c.args[2]))}${Number(c.args[2]) & 0o20100100 ? ", " + mode(c.args[3]) : ""}` },
  creat: { enter: async (c) => `${await path(c, c.args[0])}, ${mode(c.args[1])}` },
  close: { enter: (c) => int(c.args[0]) },
  stat: { enter: async (c) => `${await path(c, c.args[0])}, `, exit: (c) => stat(c, c.args[1]) },
  lstat: { enter: async (c) => `${await path(c, c.args[0])}, `, exit: (c) => stat(c, c.args[1]) },
  fstat: { enter: (c) => `${int(c.args[0])}, `, exit: (c) => stat(c, c.args[1]) },
  newfstatat: {
    enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, `,
    exit: async (c) => `${await stat(c, c.args[2])}, ${at(c.args[3])}`,
  },
  lseek: { enter: (c) => `${int(c.args[0])}, ${long(c.args[1])}, ${xlat(Number(BigInt.asUintN(32, c.args[2])), SEEK, unknown(BigInt.asUintN(32, c.args[2]), "SEEK_???"))}` },
  pipe,
  pipe2: pipe,
  dup: { enter: (c) => int(c.args[0]) },
  dup2: { enter: (c) => `${int(c.args[0])}, ${int(c.args[1])}` },
  dup3: { enter: (c) => `${int(c.args[0])}, ${int(c.args[1])}, ${openBits(c.args[2])}` },
  fcntl,
  getdents,
  getdents64: getdents,
  ioctl,
  chdir: { enter: (c) => path(c, c.args[0]) },
  fchdir: { enter: (c) => int(c.args[0]) },
  getcwd: { exit: async (c) => `${failed(c) ? ptr(c.args[0]) : await path(c, c.args[0])}, ${uint(c.args[1])}` },
  mkdir: { enter: async (c) => `${await path(c, c.args[0])}, ${mode(c.args[1])}` },
  mkdirat: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${mode(c.args[2])}` },
  rmdir: { enter: (c) => path(c, c.args[0]) },
  unlink: { enter: (c) => path(c, c.args[0]) },
  unlinkat: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${at(c.args[2])}` },
  rename: { enter: async (c) => `${await path(c, c.args[0])}, ${await path(c, c.args[1])}` },
  renameat: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${dirfd(c.args[2])}, ${await path(c, c.args[3])}` },
  renameat2: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${dirfd(c.args[2])}, ${await path(c, c.args[3])}, ${flags(BigInt.asUintN(32, c.args[4]), RENAME_FLAGS, "0", "RENAME_???")}` },
  link: { enter: async (c) => `${await path(c, c.args[0])}, ${await path(c, c.args[1])}` },
  symlink: { enter: async (c) => `${await path(c, c.args[0])}, ${await path(c, c.args[1])}` },
  readlink: {
    enter: async (c) => `${await path(c, c.args[0])}, `,
    exit: async (c) => `${failed(c) ? ptr(c.args[1]) : await buf(c, c.args[1], retNum(c))}, ${int(c.args[2])}`,
  },
  access: { enter: async (c) => `${await path(c, c.args[0])}, ${access(c.args[1])}` },
  faccessat: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${access(c.args[2])}` },
  faccessat2: { enter: async (c) => `${dirfd(c.args[0])}, ${await path(c, c.args[1])}, ${access(c.args[2])}, ${flags(c.args[3], [[0x200, "AT_EACCESS"], ...AT_FLAGS])}` },
  chmod: { enter: async (c) => `${await path(c, c.args[0])}, ${mode(c.args[1])}` },
  fchmod: { enter: (c) => `${int(c.args[0])}, ${mode(c.args[1])}` },
  umask: { enter: (c) => mode(c.args[0]), ret: (c) => oct(c.ret) },
};
