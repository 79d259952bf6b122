// -e expressions: trace=NAME,... (with %file, %process, %signal, %memory, %desc classes and
// a leading ! to negate), signal=SIG,... (which signals get a "--- SIG ---" line).
import * as NR from "../../../include/uapi/asm/unistd_64.gen.js";
import { SIGNAL_NAMES } from "../../../include/uapi/signal.js";

/** Syscall names by number, from the table libc's constants are generated from. */
export const SYSCALL_NAMES = new Map<number, string>(
  Object.entries(NR).filter(([k]) => k.startsWith("__NR_")).map(([k, v]) => [v as number, k.slice(5)]),
);
const KNOWN = new Set(SYSCALL_NAMES.values());

const CLASSES: Record<string, string[]> = {
  file: ["open", "openat", "creat", "stat", "lstat", "newfstatat", "statx", "access", "faccessat", "faccessat2", "chdir",
    "mkdir", "mkdirat", "rmdir", "unlink", "unlinkat", "rename", "renameat", "renameat2", "link", "linkat", "symlink",
    "symlinkat", "readlink", "readlinkat", "chmod", "fchmodat", "chown", "lchown", "fchownat", "execve", "execveat",
    "truncate", "statfs", "utime", "utimes", "utimensat", "futimesat", "mknod", "mknodat", "chroot", "mount", "umount2",
    "swapon", "swapoff", "getxattr", "setxattr", "listxattr", "removexattr", "lgetxattr", "lsetxattr", "llistxattr",
    "lremovexattr", "acct", "pivot_root", "name_to_handle_at", "inotify_add_watch", "fanotify_mark", "uselib", "quotactl"],
  process: ["clone", "clone3", "fork", "vfork", "execve", "execveat", "exit", "exit_group", "wait4", "waitid", "kill",
    "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_open", "pidfd_send_signal", "unshare"],
  signal: ["rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigpending", "rt_sigtimedwait", "rt_sigsuspend",
    "rt_sigqueueinfo", "rt_tgsigqueueinfo", "kill", "tkill", "tgkill", "sigaltstack", "pause", "signalfd", "signalfd4"],
  memory: ["mmap", "munmap", "mprotect", "brk", "mremap", "msync", "mincore", "madvise", "mlock", "munlock", "mlockall",
    "munlockall", "mbind", "set_mempolicy", "get_mempolicy", "remap_file_pages", "pkey_mprotect", "shmat", "shmdt"],
  desc: ["read", "write", "close", "fstat", "lseek", "mmap", "ioctl", "pread64", "pwrite64", "readv", "writev", "pipe",
    "pipe2", "select", "poll", "dup", "dup2", "dup3", "fcntl", "flock", "fsync", "fdatasync", "ftruncate", "getdents64",
    "fchdir", "fchmod", "fchown", "fstatfs", "openat", "newfstatat", "readlinkat", "faccessat", "faccessat2", "mkdirat",
    "unlinkat", "renameat", "renameat2", "sendfile", "pselect6", "ppoll", "epoll_wait", "eventfd2", "close_range"],
};

export interface Filter {
  syscalls: Set<string> | null;
  signals: Set<number> | null;
}

/** Apply one -e expression; returns an error message or null. */
export function parseExpr(f: Filter, expr: string): string | null {
  let kind = "trace", list = expr;
  const eq = expr.indexOf("=");
  if (eq >= 0) { kind = expr.slice(0, eq); list = expr.slice(eq + 1); }
  let negate = false;
  if (list.startsWith("!")) { negate = true; list = list.slice(1); }
  const items = list.split(",").filter((x) => x !== "");
  if (kind === "trace" || kind === "t") {
    const set = new Set<string>();
    for (const it of items) {
      if (it === "all") { KNOWN.forEach((n) => set.add(n)); continue; }
      if (it === "none") continue;
      if (it.startsWith("%")) {
        const cls = CLASSES[it.slice(1)];
        if (!cls) return `invalid system call '${it}'`;
        cls.forEach((n) => set.add(n));
        continue;
      }
      if (!KNOWN.has(it)) return `invalid system call '${it}'`;
      set.add(it);
    }
    f.syscalls = negate ? new Set([...KNOWN].filter((n) => !set.has(n))) : set;
    return null;
  }
  if (kind === "signal" || kind === "signals" || kind === "s") {
    const set = new Set<number>();
    for (const it of items) {
      if (it === "all") { for (let s = 1; s <= 64; s++) set.add(s); continue; }
      if (it === "none") continue;
      const n = /^\d+$/.test(it) ? Number(it) : SIGNAL_NAMES.indexOf(it.startsWith("SIG") ? it : "SIG" + it);
      if (!(n > 0 && n <= 64)) return `invalid signal '${it}'`;
      set.add(n);
    }
    f.signals = negate ? new Set(Array.from({ length: 64 }, (_, i) => i + 1).filter((s) => !set.has(s))) : set;
    return null;
  }
  return `invalid qualifier '${kind}'`;
}
