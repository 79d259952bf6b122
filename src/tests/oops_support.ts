// What the oops and lockup tests share: a module, oopsy, whose /dev/oopsy write does what the
// written word says (null, set, call, bug, bug_on, warn, warn_once, warnmsg, gpf, dump, ok),
// built on the host and installed at /tmp/oopsy.ko; and the line numbers of its source.
import type { Machine } from "../index.js";
import { buildModule } from "../kbuild/build.js";

export const OOPSY = `// oopsy: a misc device whose write misbehaves on request.
import { misc_register, misc_deregister, MISC_DYNAMIC_MINOR, type miscdevice } from "linux/miscdevice";
import { copy_from_user } from "linux/uaccess";
import { WARN_ON, WARN_ON_ONCE, WARN, BUG, BUG_ON, dump_stack } from "linux/bug";
import { module_init, module_exit, THIS_MODULE, MODULE_LICENSE } from "linux/module";

let nothing: { value: number } | null = null;
let nofn: (() => void) | null = null;

function oopsy_write(_file: unknown, buf: number, count: number): number {
  const b = new Uint8Array(count);
  copy_from_user(b, buf, count);
  const word = new TextDecoder().decode(b).trim();
  if (word === "null") return nothing!.value; // LINE:null
  if (word === "set") nothing!.value = 1; // LINE:set
  if (word === "call") nofn!(); // LINE:call
  if (word === "bug") BUG(); // LINE:bug
  if (word === "bug_on") BUG_ON(count > 0); // LINE:bug_on
  if (word === "warn") WARN_ON(count > 0); // LINE:warn
  if (word === "warn_once") WARN_ON_ONCE(true); // LINE:warn_once
  if (word === "warnmsg") WARN(true, "oopsy: bad count %d\\n", count); // LINE:warnmsg
  if (word === "gpf") throw new Error("boom"); // LINE:gpf
  if (word === "dump") dump_stack(); // LINE:dump
  return count;
}

const oopsy_dev: miscdevice = {
  minor: MISC_DYNAMIC_MINOR,
  name: "oopsy",
  mode: 0o666,
  fops: { owner: THIS_MODULE, write: oopsy_write },
};

module_init(() => misc_register(oopsy_dev));
module_exit(() => { misc_deregister(oopsy_dev); });
MODULE_LICENSE("GPL");
`;

/** The source line of a LINE:tag comment. */
export function lineOf(tag: string): number {
  return OOPSY.split("\n").findIndex((l) => l.endsWith(`// LINE:${tag}`)) + 1;
}

let ko: Uint8Array | null = null;
export async function oopsyKo(): Promise<Uint8Array> {
  if (ko) return ko;
  const r = await buildModule({ name: "oopsy", source: OOPSY });
  if (!r.ko) throw new Error(r.messages.join("\n"));
  return (ko = r.ko);
}

/** Install and load oopsy; /tmp/oopsy.ko and /tmp/oopsy.ts are left for faddr2line and gdb. */
export async function loadOopsy(m: Machine): Promise<void> {
  await m.writeFile("/tmp/oopsy.ko", await oopsyKo());
  await m.writeFile("/tmp/oopsy.ts", OOPSY);
  const r = await m.run("insmod /tmp/oopsy.ko", { user: "root" });
  if (r.status !== 0) throw new Error(r.stderr);
}

/** The kernel log without timestamps. */
export async function log(m: Machine): Promise<string> {
  return (await m.dmesg()).replace(/^\[[ \d.]+\] /gm, "");
}

export async function tainted(m: Machine): Promise<number> {
  return Number((await m.readTextFile("/proc/sys/kernel/tainted")).trim());
}
