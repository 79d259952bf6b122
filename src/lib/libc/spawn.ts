// <spawn.h>: posix_spawn and posix_spawnp with file actions and attributes, built on vfork as
// glibc's are: the child applies the attributes and file actions in order, then execs. A
// failure in the child is handed to the parent (it shares the child's memory until the exec)
// and returned as an errno value; posix_spawn never sets errno.
import { vfork, _exit, execve, __execvpe, close, dup2, chdir, fchdir, setsid, setpgid, getuid, getgid, setuid, setgid } from "./unistd.js";
import { open } from "./fcntl.js";
import { sys, libcState, dv, type Ptr } from "./internal/sys.js";
import { __errno_location } from "./errno.js";
import { EBADF, EINVAL } from "../../include/uapi/errno.js";
import { SIG_SETMASK, SIG_DFL, NSIG } from "../../include/uapi/signal.js";
import { F_GETFD, F_SETFD, FD_CLOEXEC } from "../../include/uapi/fcntl.js";
import { waitpid } from "./sys/wait.js";
import { scoped } from "./internal/sys.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

export const POSIX_SPAWN_RESETIDS = 0x01, POSIX_SPAWN_SETPGROUP = 0x02, POSIX_SPAWN_SETSIGDEF = 0x04,
  POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSCHEDPARAM = 0x10, POSIX_SPAWN_SETSCHEDULER = 0x20,
  POSIX_SPAWN_USEVFORK = 0x40, POSIX_SPAWN_SETSID = 0x80;

/** A signal set (sigset_t): bit sig-1 for each signal. */
export interface SigsetLike { value: bigint }

type Action =
  | { kind: "open"; fd: number; path: string; oflag: number; mode: number }
  | { kind: "close"; fd: number }
  | { kind: "dup2"; fd: number; newfd: number }
  | { kind: "chdir"; path: string }
  | { kind: "fchdir"; fd: number };

export interface posix_spawn_file_actions_t { actions?: Action[] }
export interface posix_spawnattr_t { flags?: number; pgroup?: number; sigmask?: bigint; sigdefault?: bigint }

const actions = (fa: posix_spawn_file_actions_t) => (fa.actions ??= []);
const badFd = (fd: number) => !Number.isInteger(fd) || fd < 0 || fd >= 1024;

export function posix_spawn_file_actions_init(fa: posix_spawn_file_actions_t): number { fa.actions = []; return 0; }
export function posix_spawn_file_actions_destroy(fa: posix_spawn_file_actions_t): number { fa.actions = []; return 0; }
export function posix_spawn_file_actions_addopen(fa: posix_spawn_file_actions_t, fd: number, path: string, oflag: number, mode: number): number {
  if (badFd(fd)) return EBADF;
  actions(fa).push({ kind: "open", fd, path, oflag, mode });
  return 0;
}
export function posix_spawn_file_actions_addclose(fa: posix_spawn_file_actions_t, fd: number): number {
  if (badFd(fd)) return EBADF;
  actions(fa).push({ kind: "close", fd });
  return 0;
}
export function posix_spawn_file_actions_adddup2(fa: posix_spawn_file_actions_t, fd: number, newfd: number): number {
  if (badFd(fd) || badFd(newfd)) return EBADF;
  actions(fa).push({ kind: "dup2", fd, newfd });
  return 0;
}
export function posix_spawn_file_actions_addchdir_np(fa: posix_spawn_file_actions_t, path: string): number {
  actions(fa).push({ kind: "chdir", path });
  return 0;
}
export function posix_spawn_file_actions_addfchdir_np(fa: posix_spawn_file_actions_t, fd: number): number {
  if (badFd(fd)) return EBADF;
  actions(fa).push({ kind: "fchdir", fd });
  return 0;
}

export function posix_spawnattr_init(a: posix_spawnattr_t): number {
  a.flags = 0; a.pgroup = 0; a.sigmask = 0n; a.sigdefault = 0n;
  return 0;
}
export function posix_spawnattr_destroy(_a: posix_spawnattr_t): number { return 0; }
export function posix_spawnattr_setflags(a: posix_spawnattr_t, flags: number): number {
  if (flags & ~0xff) return EINVAL;
  a.flags = flags;
  return 0;
}
export function posix_spawnattr_getflags(a: posix_spawnattr_t, out: { value: number }): number { out.value = a.flags ?? 0; return 0; }
export function posix_spawnattr_setpgroup(a: posix_spawnattr_t, pgroup: number): number { a.pgroup = pgroup; return 0; }
export function posix_spawnattr_getpgroup(a: posix_spawnattr_t, out: { value: number }): number { out.value = a.pgroup ?? 0; return 0; }
export function posix_spawnattr_setsigmask(a: posix_spawnattr_t, set: SigsetLike): number { a.sigmask = set.value; return 0; }
export function posix_spawnattr_getsigmask(a: posix_spawnattr_t, out: SigsetLike): number { out.value = a.sigmask ?? 0n; return 0; }
export function posix_spawnattr_setsigdefault(a: posix_spawnattr_t, set: SigsetLike): number { a.sigdefault = set.value; return 0; }
export function posix_spawnattr_getsigdefault(a: posix_spawnattr_t, out: SigsetLike): number { out.value = a.sigdefault ?? 0n; return 0; }

/** In the child: a call that failed ends the spawn with its errno. */
class SpawnFailure { constructor(readonly errno: number) {} }
async function must(r: number | Promise<number>): Promise<number> {
  const v = await r;
  if (v < 0) throw new SpawnFailure(__errno_location());
  return v;
}

function setSigmask(mask: bigint): Promise<number> {
  return Promise.resolve(scoped((s) => {
    const p = s.buf(8);
    dv().setBigUint64(p, BigInt.asUintN(64, mask), true);
    return sys(NR.__NR_rt_sigprocmask, SIG_SETMASK, p, 0, 8);
  }));
}

function setDefault(sig: number): Promise<number> {
  return Promise.resolve(scoped((s) => {
    const p = s.buf(32);
    dv().setBigUint64(p, BigInt(SIG_DFL), true);
    return sys(NR.__NR_rt_sigaction, sig, p, 0, 8);
  }));
}

async function childSetup(attr: posix_spawnattr_t | null, fa: posix_spawn_file_actions_t | null): Promise<void> {
  const flags = attr?.flags ?? 0;
  // Handlers are the parent's code: the child gets the default action for every caught signal.
  const handlers = libcState().sigHandlers as Map<number, unknown> | undefined;
  for (const sig of handlers?.keys() ?? []) await setDefault(sig);
  if (flags & POSIX_SPAWN_SETSIGDEF) {
    for (let sig = 1; sig <= NSIG; sig++) if ((attr!.sigdefault ?? 0n) >> BigInt(sig - 1) & 1n) await setDefault(sig);
  }
  if (flags & POSIX_SPAWN_SETSID) await must(setsid());
  if (flags & POSIX_SPAWN_SETPGROUP) await must(setpgid(0, attr!.pgroup ?? 0));
  if (flags & POSIX_SPAWN_RESETIDS) {
    await must(setgid(await getgid()));
    await must(setuid(await getuid()));
  }
  for (const a of fa?.actions ?? []) {
    switch (a.kind) {
      case "open": {
        const fd = await must(open(a.path, a.oflag, a.mode));
        if (fd !== a.fd) {
          await must(dup2(fd, a.fd));
          await close(fd);
        }
        break;
      }
      case "close":
        if ((await close(a.fd)) < 0 && __errno_location() !== EBADF) throw new SpawnFailure(__errno_location());
        break;
      case "dup2":
        if (a.fd === a.newfd) {
          // POSIX 2024: dup2 onto itself clears close-on-exec.
          const fl = await must(sys(NR.__NR_fcntl, a.fd, F_GETFD));
          await must(sys(NR.__NR_fcntl, a.fd, F_SETFD, fl & ~FD_CLOEXEC));
        } else await must(dup2(a.fd, a.newfd));
        break;
      case "chdir": await must(chdir(a.path)); break;
      case "fchdir": await must(fchdir(a.fd)); break;
    }
  }
  if (flags & POSIX_SPAWN_SETSIGMASK) await must(setSigmask(attr!.sigmask ?? 0n));
}

type PidOut = { value: number } | Ptr | null;

async function spawn(pidOut: PidOut, file: string, fa: posix_spawn_file_actions_t | null, attr: posix_spawnattr_t | null,
  argv: readonly string[], envp: readonly string[] | null, search: boolean): Promise<number> {
  let err = 0;
  const env = envp ?? ((libcState().environ as string[] | undefined) ?? []);
  const pid = await vfork(async () => {
    try {
      await childSetup(attr, fa);
      if (search) await __execvpe(file, argv, env, false);
      else await execve(file, argv, env);
      err = __errno_location();
    } catch (e) {
      if (!(e instanceof SpawnFailure)) throw e;
      err = e.errno;
    }
    await _exit(127);
  });
  if (pid < 0) return __errno_location();
  if (err) {
    await waitpid(pid, 0, 0);
    return err;
  }
  if (typeof pidOut === "number") { if (pidOut) dv().setInt32(pidOut, pid, true); }
  else if (pidOut) pidOut.value = pid;
  return 0;
}

/** posix_spawn(pid, path, file_actions, attrp, argv, envp): 0, or an errno value. */
export function posix_spawn(pid: PidOut, path: string, fa: posix_spawn_file_actions_t | null, attr: posix_spawnattr_t | null,
  argv: readonly string[], envp: readonly string[] | null = null): Promise<number> {
  return spawn(pid, path, fa, attr, argv, envp, false);
}
/** posix_spawnp: as posix_spawn, searching PATH for file. */
export function posix_spawnp(pid: PidOut, file: string, fa: posix_spawn_file_actions_t | null, attr: posix_spawnattr_t | null,
  argv: readonly string[], envp: readonly string[] | null = null): Promise<number> {
  return spawn(pid, file, fa, attr, argv, envp, true);
}
