// rmmod: remove a module (kmod's rmmod: rmmod [-f] NAME|FILE...). It refuses a module that
// is not loaded, has holders or is in use, as read from /sys/module/NAME, before asking
// delete_module(2).
import { write } from "../../lib/libc/unistd.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { O_NONBLOCK, O_TRUNC } from "../../lib/libc/fcntl.js";
import { delete_module } from "../../lib/libc/sys/module.js";
import { readFileBytes } from "../lib/common.js";
import { listDir } from "../lib/fsops.js";
import { modNameFromPath } from "../lib/kmod.js";

const err = (s: string) => write(2, `rmmod: ERROR: ${s}\n`);

export default async function main(argv: string[]): Promise<number> {
  let force = false;
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (a === "-f" || a === "--force") force = true;
    else if (a === "-h" || a === "--help") {
      await write(1, "Usage:\n\trmmod [options] modulename ...\nOptions:\n\t-f, --force       forces a module unload and may crash your\n\t                  machine. This requires Forced Module Removal\n\t                  option in your kernel. DANGEROUS\n\t-s, --syslog      print to syslog, not stderr\n\t-v, --verbose     enables more messages\n\t-V, --version     show version\n\t-h, --help        show this help\n");
      return 0;
    } else if (a === "-s" || a === "-v" || a === "--syslog" || a === "--verbose") continue;
    else names.push(a);
  }
  if (!names.length) { await err("missing module name."); return 1; }
  let status = 0;
  for (const arg of names) {
    const name = modNameFromPath(arg);
    const dir = `/sys/module/${name}`;
    if (await readFileBytes(`${dir}/initstate`) === null) { await err(`Module ${name} is not currently loaded`); status = 1; continue; }
    if (!force) {
      const holders = (await listDir(`${dir}/holders`)) ?? [];
      if (holders.length) { await write(2, `rmmod: ERROR: Module ${name} is in use by: ${holders.join(" ")}\n`); status = 1; continue; }
      const refcnt = await readFileBytes(`${dir}/refcnt`);
      if (refcnt && Number(new TextDecoder().decode(refcnt)) > 0) { await err(`Module ${name} is in use`); status = 1; continue; }
    }
    if (await delete_module(name, O_NONBLOCK | (force ? O_TRUNC : 0)) < 0) {
      await err(`could not remove module ${name}: ${strerror(errno)}`);
      status = 1;
    }
  }
  return status;
}
