// <unistd.h>, process identity and terminals: the get/set id calls, process groups and
// sessions, the controlling terminal (isatty, ttyname, tcgetpgrp), host name and nice.
import { sys, scoped, then, u8, dv, type Sys, type Ptr } from "./internal/sys.js";
import { readCString, decode } from "./internal/mem.js";
import { __set_errno, __errno_location } from "./errno.js";
import { ENOTTY, ENAMETOOLONG, EACCES, EPERM } from "../../include/uapi/errno.js";
import { TCGETS, TIOCGPGRP, TIOCSPGRP } from "../../include/uapi/ioctls.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

export function getpid(): Sys { return sys(NR.__NR_getpid); }
export function getppid(): Sys { return sys(NR.__NR_getppid); }
export function getuid(): Sys { return sys(NR.__NR_getuid); }
export function geteuid(): Sys { return sys(NR.__NR_geteuid); }
export function getgid(): Sys { return sys(NR.__NR_getgid); }
export function getegid(): Sys { return sys(NR.__NR_getegid); }
export function setuid(uid: number): Sys { return sys(NR.__NR_setuid, uid); }
export function setgid(gid: number): Sys { return sys(NR.__NR_setgid, gid); }
export function setreuid(ruid: number, euid: number): Sys { return sys(NR.__NR_setreuid, ruid, euid); }
export function setregid(rgid: number, egid: number): Sys { return sys(NR.__NR_setregid, rgid, egid); }
export function seteuid(euid: number): Sys { return sys(NR.__NR_setresuid, -1, euid, -1); }
export function setegid(egid: number): Sys { return sys(NR.__NR_setresgid, -1, egid, -1); }

/**
 * getgroups(size, list): the supplementary groups. list is an address of gid_t[size], or an
 * array filled in place; size 0 only counts them.
 */
export function getgroups(size: number, list?: Ptr | number[] | Uint32Array): Sys {
  if (list === undefined || typeof list === "number") return sys(NR.__NR_getgroups, size, list ?? 0);
  return scoped((s) => {
    const p = s.buf(Math.max(size, 0) * 4);
    return then(sys(NR.__NR_getgroups, size, p), (n) => {
      for (let i = 0; i < n && size > 0; i++) list[i] = dv().getUint32(p + i * 4, true);
      return n;
    });
  });
}

export function setpgid(pid: number, pgid: number): Sys { return sys(NR.__NR_setpgid, pid, pgid); }
export function getpgid(pid: number): Sys { return sys(NR.__NR_getpgid, pid); }
export function getpgrp(): Sys { return sys(NR.__NR_getpgrp); }
export function setsid(): Sys { return sys(NR.__NR_setsid); }
export function getsid(pid: number): Sys { return sys(NR.__NR_getsid, pid); }

/** tcgetpgrp(fd): the foreground process group of the terminal fd. */
export function tcgetpgrp(fd: number): Sys {
  return scoped((s) => {
    const p = s.buf(4);
    return then(sys(NR.__NR_ioctl, fd, TIOCGPGRP, p), (r) => (r < 0 ? r : dv().getInt32(p, true)));
  });
}

/** tcsetpgrp(fd, pgrp): make pgrp the terminal's foreground process group. */
export function tcsetpgrp(fd: number, pgrp: number): Sys {
  return scoped((s) => {
    const p = s.buf(4);
    dv().setInt32(p, pgrp, true);
    return sys(NR.__NR_ioctl, fd, TIOCSPGRP, p);
  });
}

/** isatty(fd): 1 for a terminal; 0 otherwise, with errno (ENOTTY, EBADF) from TCGETS. */
export function isatty(fd: number): Sys {
  return scoped((s) => then(sys(NR.__NR_ioctl, fd, TCGETS, s.buf(60)), (r) => (r < 0 ? 0 : 1)));
}

/** ttyname(fd): the terminal's path (from /proc/self/fd), or null with errno. */
export function ttyname(fd: number): Sys<string | null> {
  return then(isatty(fd), (tty) => {
    if (!tty) return null;
    return scoped((s) => {
      const p = s.buf(4096);
      return then(sys(NR.__NR_readlink, s.str(`/proc/self/fd/${fd}`), p, 4096), (n) => {
        if (n < 0) return null;
        const name = decode(u8().slice(p, p + n));
        if (!name.startsWith("/")) { __set_errno(ENOTTY); return null; }
        return name;
      });
    });
  });
}

const UTS_LEN = 65;

/**
 * gethostname(): the host name (uname's nodename), or null with errno. With (buf, len) it
 * stores the NUL-terminated name at buf and returns 0, or -1 with ENAMETOOLONG.
 */
export function gethostname(): Sys<string | null>;
export function gethostname(buf: Ptr, len: number): Sys<number | string | null>;
export function gethostname(buf?: Ptr, len?: number): Sys<number | string | null> {
  return scoped((s) => {
    const u = s.buf(UTS_LEN * 6);
    return then(sys(NR.__NR_uname, u), (r): number | string | null => {
      if (r < 0) return buf === undefined ? null : -1;
      const name = readCString(u + UTS_LEN, UTS_LEN);
      if (buf === undefined) return name;
      const raw = u8().slice(u + UTS_LEN, u + UTS_LEN + UTS_LEN);
      const n = raw.indexOf(0);
      if (n + 1 > (len ?? 0)) { __set_errno(ENAMETOOLONG); return -1; }
      u8().set(raw.subarray(0, n + 1), buf);
      return 0;
    });
  });
}

/** sethostname(name, len?): set the host name (root only: EPERM). */
export function sethostname(name: string | Ptr, len?: number): Sys {
  if (typeof name === "number") return sys(NR.__NR_sethostname, name, len ?? 0);
  return scoped((s) => {
    const p = s.str(name);
    const n = Math.min(len ?? Infinity, u8().indexOf(0, p) - p);
    return sys(NR.__NR_sethostname, p, n);
  });
}

const PRIO_PROCESS = 0;

/** nice(inc): add inc to the nice value; returns the new one (-1 may be a valid result: check errno). */
export function nice(inc: number): Sys {
  return then(sys(NR.__NR_getpriority, PRIO_PROCESS, 0), (raw) => {
    if (raw < 0) return -1;
    const want = Math.max(-20, Math.min(19, 20 - raw + inc));
    return then(sys(NR.__NR_setpriority, PRIO_PROCESS, 0, want), (r) => {
      if (r < 0) {
        if (__errno_location() === EACCES) __set_errno(EPERM);
        return -1;
      }
      return then(sys(NR.__NR_getpriority, PRIO_PROCESS, 0), (v) => (v < 0 ? -1 : 20 - v));
    });
  });
}
