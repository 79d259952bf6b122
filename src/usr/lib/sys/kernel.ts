// Wrappers for the system calls the system tools need and libc does not offer yet: uname(2),
// sysinfo(2), syslog(2) (glibc's klogctl), mount(2), umount2(2), reboot(2) and setgroups(2).
// Each returns the C result (-1 with errno on failure), as a libc wrapper would.
import { sys, scoped, then, dv, u8, type Sys } from "../../../lib/libc/internal/sys.js";
import { readCString, decode } from "../../../lib/libc/internal/mem.js";
import * as NR from "../../../lib/libc/sys/syscall.js";

export interface Utsname { sysname: string; nodename: string; release: string; version: string; machine: string; domainname: string }

const UTS = 65;

/** uname(2): the six fields of struct new_utsname, or null with errno. */
export function uname(): Sys<Utsname | null> {
  return scoped((s) => {
    const p = s.buf(UTS * 6);
    return then(sys(NR.__NR_uname, p), (r) => {
      if (r < 0) return null;
      const f = (i: number) => readCString(p + i * UTS, UTS);
      return { sysname: f(0), nodename: f(1), release: f(2), version: f(3), machine: f(4), domainname: f(5) };
    });
  });
}

export interface SysInfo {
  uptime: number; loads: [number, number, number]; totalram: number; freeram: number; sharedram: number;
  bufferram: number; totalswap: number; freeswap: number; procs: number; memUnit: number;
}

/** sysinfo(2): struct sysinfo (112 bytes on x86-64); loads are in 1/65536 units. */
export function sysinfo(): Sys<SysInfo | null> {
  return scoped((s) => {
    const p = s.buf(112);
    return then(sys(NR.__NR_sysinfo, p), (r) => {
      if (r < 0) return null;
      const v = dv();
      const l = (o: number) => Number(v.getBigUint64(p + o, true));
      return {
        uptime: Number(v.getBigInt64(p, true)), loads: [l(8), l(16), l(24)], totalram: l(32), freeram: l(40),
        sharedram: l(48), bufferram: l(56), totalswap: l(64), freeswap: l(72), procs: v.getUint16(p + 80, true),
        memUnit: v.getUint32(p + 104, true) || 1,
      };
    });
  });
}

export const SYSLOG_ACTION_READ = 2, SYSLOG_ACTION_READ_ALL = 3, SYSLOG_ACTION_READ_CLEAR = 4, SYSLOG_ACTION_CLEAR = 5,
  SYSLOG_ACTION_CONSOLE_OFF = 6, SYSLOG_ACTION_CONSOLE_ON = 7, SYSLOG_ACTION_CONSOLE_LEVEL = 8, SYSLOG_ACTION_SIZE_UNREAD = 9,
  SYSLOG_ACTION_SIZE_BUFFER = 10;

/** klogctl(type, len): for the read actions, the text read (or null with errno); otherwise the result. */
export function klogctl(type: number, len = 0): Sys<string | number | null> {
  const reads = type === SYSLOG_ACTION_READ || type === SYSLOG_ACTION_READ_ALL || type === SYSLOG_ACTION_READ_CLEAR;
  if (!reads) return sys(NR.__NR_syslog, type, 0, len);
  return scoped((s) => {
    const p = s.buf(len);
    return then(sys(NR.__NR_syslog, type, p, len), (n) => (n < 0 ? null : decode(u8().slice(p, p + n))));
  });
}

/** mount(2). */
export function mount(source: string, target: string, fstype: string | null, flags: number, data: string | null): Sys {
  return scoped((s) => sys(NR.__NR_mount, s.str(source), s.str(target), fstype === null ? 0 : s.str(fstype), flags, data === null ? 0 : s.str(data)));
}

/** umount2(2). */
export function umount2(target: string, flags: number): Sys {
  return scoped((s) => sys(NR.__NR_umount2, s.str(target), flags));
}

export const LINUX_REBOOT_MAGIC1 = 0xfee1dead, LINUX_REBOOT_MAGIC2 = 672274793;
export const RB_AUTOBOOT = 0x01234567, RB_HALT_SYSTEM = 0xcdef0123, RB_POWER_OFF = 0x4321fedc;

/** reboot(cmd), as glibc's: the magic numbers are filled in. */
export function reboot(cmd: number): Sys {
  return sys(NR.__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, 0);
}

/** setgroups(2) from a list of group ids. */
export function setgroups(list: readonly number[]): Sys {
  return scoped((s) => {
    const p = s.buf(Math.max(list.length, 1) * 4);
    list.forEach((g, i) => dv().setUint32(p + i * 4, g >>> 0, true));
    return sys(NR.__NR_setgroups, list.length, p);
  });
}

/** getresuid/getresgid: [real, effective, saved], or null with errno. */
export function getres(group: boolean): Sys<[number, number, number] | null> {
  return scoped((s) => {
    const p = s.buf(12);
    return then(sys(group ? NR.__NR_getresgid : NR.__NR_getresuid, p, p + 4, p + 8), (r) =>
      r < 0 ? null : [dv().getUint32(p, true), dv().getUint32(p + 4, true), dv().getUint32(p + 8, true)] as [number, number, number]);
  });
}
