// System identity and machine control: uname, sethostname, setdomainname, reboot, getrandom,
// personality, set_tid_address.
import type { Task } from "./task.js";
import { Errno } from "./errors.js";
import { EINVAL, EPERM, ENOSYS } from "../include/uapi/errno.js";
import { capable } from "./cred.js";
import { utsname } from "./utsname.js";
import { copyFromUser, copyToUser, strncpyFromUser, StructBuf, decodeUtf8 } from "../mm/uaccess.js";
import type { UserPtr } from "../mm/mm.js";
import { pr_emerg } from "./printk.js";
import { doExit } from "./exit.js";
import { procState } from "./proc_state.js";
import { randomFillSync } from "node:crypto";

const NEW_UTS_LEN = 64;

/** implements uname(2): struct new_utsname, six fields of 65 bytes. */
export function sys_newuname(t: Task, buf: number): number {
  const b = new StructBuf(6 * (NEW_UTS_LEN + 1));
  const fields = [utsname.sysname, utsname.nodename, utsname.release, utsname.version, utsname.machine, utsname.domainname];
  fields.forEach((f, i) => b.str(i * (NEW_UTS_LEN + 1), f, NEW_UTS_LEN + 1));
  copyToUser(t.mm!, buf as UserPtr, b.bytes);
  return 0;
}

function setUtsField(t: Task, field: "nodename" | "domainname", name: number, len: number): number {
  if (!capable(t.cred)) throw new Errno(EPERM);
  len |= 0;
  if (len < 0 || len > NEW_UTS_LEN) throw new Errno(EINVAL);
  const bytes = copyFromUser(t.mm!, name as UserPtr, len);
  const nul = bytes.indexOf(0);
  utsname[field] = decodeUtf8(nul >= 0 ? bytes.subarray(0, nul) : bytes);
  return 0;
}

/** implements sethostname(2) */
export function sys_sethostname(t: Task, name: number, len: number): number {
  return setUtsField(t, "nodename", name, len);
}

/** implements setdomainname(2) */
export function sys_setdomainname(t: Task, name: number, len: number): number {
  return setUtsField(t, "domainname", name, len);
}

// ---- reboot ----

export const LINUX_REBOOT_MAGIC1 = 0xfee1dead;
export const LINUX_REBOOT_MAGIC2 = 672274793, LINUX_REBOOT_MAGIC2A = 85072278, LINUX_REBOOT_MAGIC2B = 369367448,
  LINUX_REBOOT_MAGIC2C = 537993216;
export const LINUX_REBOOT_CMD_RESTART = 0x01234567, LINUX_REBOOT_CMD_HALT = 0xcdef0123, LINUX_REBOOT_CMD_CAD_ON = 0x89abcdef,
  LINUX_REBOOT_CMD_CAD_OFF = 0x00000000, LINUX_REBOOT_CMD_POWER_OFF = 0x4321fedc, LINUX_REBOOT_CMD_RESTART2 = 0xa1b2c3d4,
  LINUX_REBOOT_CMD_SW_SUSPEND = 0xd000fce2, LINUX_REBOOT_CMD_KEXEC = 0x45584543;

/** What the host does to restart, halt or power off the machine (host/machine.ts sets these). */
export const rebootHooks: {
  restart: ((cmd: string | null) => void) | null;
  halt: (() => void) | null;
  powerOff: (() => void) | null;
} = { restart: null, halt: null, powerOff: null };

/** Ctrl-Alt-Del: reboot at once (true) or send SIGINT to init (false, the default). */
export const cadState = { hardReboot: false };

/**
 * Hand the machine to the host for a restart. As Linux's machine_restart, the call does not
 * return: the task keeps the CPU until the host stops this kernel, so nothing runs after it.
 */
function machineRestart(cmd: string | null): number | Promise<number> {
  if (!rebootHooks.restart) return 0;
  rebootHooks.restart(cmd);
  return new Promise<number>(() => {});
}

/** implements reboot(2) */
export async function sys_reboot(t: Task, magic1: number, magic2: number, cmd: number, arg: number): Promise<number> {
  if (!capable(t.cred)) throw new Errno(EPERM);
  magic2 |= 0;
  if (magic1 >>> 0 !== LINUX_REBOOT_MAGIC1 || ![LINUX_REBOOT_MAGIC2, LINUX_REBOOT_MAGIC2A, LINUX_REBOOT_MAGIC2B,
    LINUX_REBOOT_MAGIC2C].includes(magic2)) throw new Errno(EINVAL);
  switch (cmd >>> 0) {
    case LINUX_REBOOT_CMD_RESTART:
      pr_emerg("reboot: Restarting system");
      return machineRestart(null);
    case LINUX_REBOOT_CMD_RESTART2: {
      const command = strncpyFromUser(t.mm!, arg as UserPtr, 256);
      pr_emerg(`reboot: Restarting system with command '${command}'`);
      return machineRestart(command);
    }
    case LINUX_REBOOT_CMD_CAD_ON: cadState.hardReboot = true; return 0;
    case LINUX_REBOOT_CMD_CAD_OFF: cadState.hardReboot = false; return 0;
    case LINUX_REBOOT_CMD_HALT:
      pr_emerg("reboot: System halted");
      rebootHooks.halt?.();
      await doExit(t, 0);
      return 0;
    case LINUX_REBOOT_CMD_POWER_OFF:
      pr_emerg("reboot: Power down");
      rebootHooks.powerOff?.();
      await doExit(t, 0);
      return 0;
    case LINUX_REBOOT_CMD_SW_SUSPEND: throw new Errno(ENOSYS); // no hibernation support
    case LINUX_REBOOT_CMD_KEXEC: throw new Errno(EINVAL); // no kexec image is loaded
    default: throw new Errno(EINVAL);
  }
}

// ---- randomness, personality, thread id ----

export const GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;
const INT_MAX = 0x7fffffff;

/** implements getrandom(2): the pool is always initialised, so it never blocks. */
export function sys_getrandom(t: Task, buf: number, count: number, flags: number): number {
  flags >>>= 0;
  if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) throw new Errno(EINVAL);
  if ((flags & (GRND_INSECURE | GRND_RANDOM)) === (GRND_INSECURE | GRND_RANDOM)) throw new Errno(EINVAL);
  const n = count < 0 ? INT_MAX : Math.min(count, INT_MAX);
  const chunk = new Uint8Array(4096);
  let done = 0;
  try {
    for (; done < n; done += chunk.length) {
      const part = chunk.subarray(0, Math.min(chunk.length, n - done));
      randomFillSync(part);
      copyToUser(t.mm!, (buf + done) as UserPtr, part);
      if (part.length < chunk.length) { done += part.length; break; }
    }
  } catch (e) {
    // What was copied before a fault is the result; a fault at once is EFAULT.
    if (done === 0) throw e;
  }
  return Math.min(done, n);
}

/** implements personality(2): 0xffffffff asks without changing. */
export function sys_personality(t: Task, persona: number): number {
  const old = t.personality;
  if (persona >>> 0 !== 0xffffffff) t.personality = persona >>> 0;
  return old;
}

/** implements set_tid_address(2): remembers clear_child_tid; returns the caller's thread id. */
export function sys_set_tid_address(t: Task, tidptr: number): number {
  procState(t).clearChildTid = tidptr;
  return t.pid;
}

export const syscalls = {
  sys_newuname, sys_sethostname, sys_setdomainname, sys_reboot, sys_getrandom, sys_personality, sys_set_tid_address,
};
