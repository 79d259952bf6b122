// /proc/sys/kernel: the kernel's tunables (proc_dostring and proc_dointvec files). Reading
// prints the value and "\n"; writing parses it, as the sysctl handlers do (whitespace-separated
// integers, EINVAL for anything else; a string loses its trailing newline).
import type { Task } from "../../kernel/task.js";
import { procCreate, procMkdir } from "./root.js";
import { utsname } from "../../kernel/utsname.js";
import { getTaint, addTaint } from "../../kernel/taint.js";
import { printkSettings } from "../../kernel/printk.js";
import { PID_MAX } from "../../kernel/pid.js";
import { panicSettings } from "../../kernel/panic.js";
import { syslogSettings } from "../../kernel/sys_syslog.js";
import { capable } from "../../kernel/cred.js";
import { Errno } from "../../kernel/errors.js";
import { EINVAL, EPERM } from "../../include/uapi/errno.js";

/** __NEW_UTS_LEN: the longest host or domain name. */
const UTS_LEN = 64;

/** proc_dointvec's parser: up to max integers separated by whitespace. */
export function parseInts(text: string, max: number): number[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > max) throw new Errno(EINVAL);
  return words.map((w) => {
    if (!/^[-+]?\d+$/.test(w)) throw new Errno(EINVAL);
    return Number(w);
  });
}

function stringFile(path: string, get: () => string, set?: (v: string) => void): void {
  procCreate(path, set ? 0o644 : 0o444, {
    // Format: "%s\n"
    show: () => `${get()}\n`,
    write: set ? (text) => set(text.replace(/\n.*$/s, "").slice(0, UTS_LEN)) : undefined,
  });
}

function intFile(path: string, get: () => number, set?: (v: number, t: Task) => void): void {
  procCreate(path, set ? 0o644 : 0o444, {
    // Format: "%d\n"
    show: () => `${get()}\n`,
    write: set ? (text, t) => set(parseInts(text, 1)[0], t) : undefined,
  });
}

procMkdir("sys");
procMkdir("sys/kernel");
stringFile("sys/kernel/ostype", () => utsname.sysname);
stringFile("sys/kernel/osrelease", () => utsname.release);
stringFile("sys/kernel/version", () => utsname.version);
stringFile("sys/kernel/hostname", () => utsname.nodename, (v) => { utsname.nodename = v; });
stringFile("sys/kernel/domainname", () => utsname.domainname, (v) => { utsname.domainname = v; });
// Writing tainted adds flags (it cannot clear them).
intFile("sys/kernel/tainted", getTaint, (v) => {
  if (v < 0) throw new Errno(EINVAL);
  for (let bit = 1; bit <= v && bit < 2 ** 31; bit *= 2) if (v & bit) addTaint(bit);
});
intFile("sys/kernel/pid_max", () => PID_MAX);
intFile("sys/kernel/panic", () => panicSettings.panicTimeout, (v) => { panicSettings.panicTimeout = v; });
intFile("sys/kernel/panic_on_oops", () => (panicSettings.panicOnOops ? 1 : 0), (v) => { panicSettings.panicOnOops = v !== 0; });
// dmesg_restrict: 0 or 1, changed by CAP_SYS_ADMIN only.
intFile("sys/kernel/dmesg_restrict", () => syslogSettings.dmesgRestrict, (v, t) => {
  if (!capable(t.cred)) throw new Errno(EPERM);
  if (v !== 0 && v !== 1) throw new Errno(EINVAL);
  syslogSettings.dmesgRestrict = v;
});

/*
 * /proc/sys/kernel/printk:
 *   "%d\t%d\t%d\t%d\n" console_loglevel, default_message_loglevel, minimum_console_loglevel,
 *   default_console_loglevel; a write sets as many of them as it gives.
 */
procCreate("sys/kernel/printk", 0o644, {
  show: () => {
    const p = printkSettings;
    return `${p.consoleLoglevel}\t${p.defaultMessageLoglevel}\t${p.minimumConsoleLoglevel}\t${p.defaultConsoleLoglevel}\n`;
  },
  write: (text) => {
    const v = parseInts(text, 4);
    const keys = ["consoleLoglevel", "defaultMessageLoglevel", "minimumConsoleLoglevel", "defaultConsoleLoglevel"] as const;
    v.forEach((n, i) => { printkSettings[keys[i]] = n; });
  },
});
