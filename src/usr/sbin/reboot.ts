// reboot: restart the machine (sysvinit's halt/reboot family: -f force, -n no sync, -w only
// record, -p power off). Only root may: others get "reboot: must be superuser.". The kernel
// logs the event and the host restarts the machine (reboot(2)).
import { geteuid, write, sync } from "../../lib/libc/unistd.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { reboot, RB_AUTOBOOT, RB_POWER_OFF, RB_HALT_SYSTEM } from "../lib/sys/kernel.js";

/** The shared body of reboot, poweroff and halt; `action` is what the name asks for. */
export async function rebootMain(argv: string[], action: "reboot" | "poweroff" | "halt"): Promise<number> {
  const prog = argv[0].slice(argv[0].lastIndexOf("/") + 1) || action;
  let noSync = false, recordOnly = false;
  for (const a of argv.slice(1)) {
    if (!/^-[a-zA-Z]+$/.test(a)) {
      if (a === "--help") { await write(1, `Usage: ${prog} [-n] [-w] [-d] [-f] [-h] [-i] [-p]\n`); return 0; }
      await write(2, `Usage: ${prog} [-n] [-w] [-d] [-f] [-h] [-i] [-p]\n`);
      return 1;
    }
    for (const c of a.slice(1)) {
      if (c === "n") noSync = true;
      else if (c === "w") recordOnly = true;
      else if (c === "p") action = "poweroff";
      else if (!"dfhi".includes(c)) { await write(2, `Usage: ${prog} [-n] [-w] [-d] [-f] [-h] [-i] [-p]\n`); return 1; }
    }
  }
  if (await geteuid() !== 0) { await write(2, `${prog}: must be superuser.\n`); return 1; }
  if (recordOnly) return 0;
  if (!noSync) await sync();
  const cmd = action === "reboot" ? RB_AUTOBOOT : action === "poweroff" ? RB_POWER_OFF : RB_HALT_SYSTEM;
  if (await reboot(cmd) < 0) { await write(2, `${prog}: ${strerror(errno)}\n`); return 1; }
  return 0;
}

export default function main(argv: string[]): Promise<number> {
  return rebootMain(argv, "reboot");
}
