// The top of /sys as boot leaves it: kernel/ (uevent_seqnum, and debug/ as debugfs's mount
// point), class/, module/ (filled by the module subsystem), devices/, dev/char and dev/block,
// fs/, bus/, block/, firmware/, power/.
import { sysfsMkdirP, sysfsCreateDir, sysfsCreateFile } from "./sysfs.js";
import { initcall } from "../../kernel/initcall.js";

let ueventSeqnum = 0;
/** A uevent was sent (a device appeared, left, or was asked to announce itself again). */
export function ueventSeqnumBump(): void { ueventSeqnum++; }

initcall("fs", "sysfs_tree", () => {
  for (const d of ["kernel/mm", "kernel/security", "kernel/config", "class", "module", "devices/virtual",
    "devices/system", "dev/char", "dev/block", "fs", "bus", "block", "firmware", "power"]) sysfsMkdirP(d);
  // Only root may enter the debugfs mount point.
  sysfsCreateDir("kernel", "debug", 0o700);
  // Format: "%llu\n" the number of the last uevent sent
  sysfsCreateFile("kernel", { name: "uevent_seqnum", mode: 0o444, show: () => `${ueventSeqnum}\n` });
});
