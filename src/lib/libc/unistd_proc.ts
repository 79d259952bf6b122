// <unistd.h>, processes and time: exec*, fork, vfork, _exit, sleep, usleep, alarm, pause.
//
// fork() cannot exist for a JavaScript program: a program is a running JS function whose
// stack and closures cannot be copied, so it cannot return twice. fork(2) fails with ENOSYS.
// vfork() takes the child's code as a function: the kernel makes the child share the parent's
// memory and runs the parent's code as the child until it calls execve or _exit; then the
// parent goes on, and vfork returns the child's pid. posix_spawn is built on it.
import { syscall6, ProcessExit } from "./arch/trap.js";
import { sys, scoped, then, dv, libcState, type Sys, type Ptr } from "./internal/sys.js";
import { __set_errno, __errno_location } from "./errno.js";
import { EINTR, EACCES, ENOENT, ENOEXEC, ENOTDIR, ESTALE, ENODEV, ETIMEDOUT } from "../../include/uapi/errno.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

/** _exit(status): end the process now, without flushing stdio. Never returns. */
export async function _exit(status: number): Promise<never> {
  await syscall6(NR.__NR_exit_group, status & 0xff);
  throw new ProcessExit("exit");
}

function environ(): string[] {
  return (libcState().environ as string[] | undefined) ?? [];
}

/** execve(path, argv, envp): replaces the program; returns only on failure (-1, errno). */
export function execve(path: string | Ptr, argv: readonly string[], envp: readonly string[] = environ()): Sys {
  return scoped((s) => sys(NR.__NR_execve, s.str(path), s.strv(argv), s.strv(envp)));
}

/** Call fn with each string copied into memory and a NULL-terminated pointer array. */
export function withStringArray<T>(list: string[], fn: (p: Ptr) => Sys<T>): Sys<T> {
  return scoped((s) => fn(s.strv(list)));
}

export function execv(path: string | Ptr, argv: readonly string[]): Sys { return execve(path, argv, environ()); }
export function execl(path: string, ...argv: string[]): Sys { return execve(path, argv, environ()); }
export function execle(path: string, ...args: [...string[], string[]]): Sys {
  const envp = args.pop() as string[];
  return execve(path, args as string[], envp);
}

/** The search path when PATH is unset (glibc's confstr(_CS_PATH)). */
const DEFAULT_PATH = "/bin:/usr/bin";

/**
 * execvpe(file, argv, envp): as execve, searching PATH when file has no slash. Directories
 * that refuse (EACCES) are skipped and reported at the end if nothing ran; a file the kernel
 * cannot execute (ENOEXEC) is run as a script by /bin/sh.
 */
export function execvpe(file: string, argv: readonly string[], envp: readonly string[]): Promise<number> {
  return __execvpe(file, argv, envp, true);
}

/** execvpe, with or without the /bin/sh fallback (posix_spawnp goes without, as glibc's). */
export async function __execvpe(file: string, argv: readonly string[], envp: readonly string[], tryShell: boolean): Promise<number> {
  if (file === "") { __set_errno(ENOENT); return -1; }
  const tryOne = async (path: string): Promise<number> => {
    const r = await execve(path, argv, envp);
    if (r < 0 && tryShell && __errno_location() === ENOEXEC) {
      await execve("/bin/sh", ["/bin/sh", path, ...argv.slice(1)], envp);
      __set_errno(ENOEXEC);
    }
    return -1;
  };
  if (file.includes("/")) return tryOne(file);
  const path = envp.find((e) => e.startsWith("PATH="))?.slice(5) ?? pathOf();
  let sawEacces = false;
  for (const dir of path.split(":")) {
    await tryOne(dir === "" ? file : `${dir.replace(/\/+$/, "")}/${file}`);
    const e = __errno_location();
    if (e === EACCES) { sawEacces = true; continue; }
    if (e === ENOENT || e === ENOTDIR || e === ESTALE || e === ENODEV || e === ETIMEDOUT || e === ENOEXEC) continue;
    return -1;
  }
  __set_errno(sawEacces ? EACCES : ENOENT);
  return -1;
}

function pathOf(): string {
  return environ().find((e) => e.startsWith("PATH="))?.slice(5) ?? DEFAULT_PATH;
}

export function execvp(file: string, argv: readonly string[]): Promise<number> {
  return execvpe(file, argv, environ());
}
export function execlp(file: string, ...argv: string[]): Promise<number> {
  return execvpe(file, argv, environ());
}

/** fork(): always -1 with ENOSYS in Typix (see the top of this file). Use vfork or posix_spawn. */
export function fork(): Sys { return sys(NR.__NR_fork); }

/**
 * vfork(child): create a process that runs child() in the parent's memory until it calls
 * execve or _exit; returns the child's pid in the parent (or -1 and errno). A child that
 * returns exits with status 0; one that throws exits with 127.
 */
export async function vfork(child: () => Promise<void> | void): Promise<number> {
  const pid = await sys(NR.__NR_vfork);
  if (pid < 0) return pid;
  try {
    await child();
    await _exit(0);
  } catch (e) {
    if (!(e instanceof ProcessExit)) {
      try { await _exit(127); } catch (e2) { if (!(e2 instanceof ProcessExit)) throw e2; }
    }
  }
  return pid;
}

/** nanosleep with { tv_sec, tv_nsec } objects; rem, when given, receives what is left. */
export function nanosleep(req: { tv_sec: number; tv_nsec: number }, rem?: { tv_sec: number; tv_nsec: number } | null): Sys {
  return scoped((s) => {
    const p = s.buf(32);
    dv().setBigInt64(p, BigInt(Math.trunc(req.tv_sec)), true);
    dv().setBigInt64(p + 8, BigInt(Math.trunc(req.tv_nsec)), true);
    return then(sys(NR.__NR_nanosleep, p, p + 16), (r) => {
      if (r < 0 && rem) {
        rem.tv_sec = Number(dv().getBigInt64(p + 16, true));
        rem.tv_nsec = Number(dv().getBigInt64(p + 24, true));
      }
      return r;
    });
  });
}

/** sleep(seconds): 0, or the seconds left (rounded) when a signal handler interrupted it. */
export function sleep(seconds: number): Sys {
  const rem = { tv_sec: 0, tv_nsec: 0 };
  return then(nanosleep({ tv_sec: seconds >>> 0, tv_nsec: 0 }, rem), (r) => {
    if (r < 0 && __errno_location() === EINTR) return rem.tv_sec + (rem.tv_nsec >= 500_000_000 ? 1 : 0);
    return 0;
  });
}

/** usleep(usec): 0, or -1 with errno (EINTR). */
export function usleep(usec: number): Sys {
  return nanosleep({ tv_sec: Math.floor(usec / 1e6), tv_nsec: (usec % 1e6) * 1000 }, null);
}

export function alarm(seconds: number): Sys { return sys(NR.__NR_alarm, seconds >>> 0); }
/** pause(): sleep until a signal handler has run; always -1 with EINTR. */
export function pause(): Sys { return sys(NR.__NR_pause); }
