// The system console: a terminal whose device is the host (the library's onConsoleOutput,
// the typix command's terminal). Typed bytes arrive with consoleInput(); output, and kernel
// messages below console_loglevel (printk's console), go to the host's writer. The boot
// parameters loglevel= and quiet set console_loglevel here.
import { Tty } from "./tty.js";
import { ttyOpenFile, ttyFops } from "./tty_io.js";
import { File } from "../../fs/file.js";
import { allocFile } from "../../fs/file_table.js";
import { Inode, SuperBlock, Dentry, Mount, type FileSystemType, type Path } from "../../fs/inode.js";
import { allocAnonDev } from "../../fs/super.js";
import { pathLookup } from "../../fs/namei.js";
import { rootPath } from "../../fs/mount.js";
import { getInitTask } from "../../kernel/exit.js";
import type { Task } from "../../kernel/task.js";
import { registerConsole, printkSettings } from "../../kernel/printk.js";
import { bootParams } from "../../kernel/params.js";
import { MKDEV, S_IFCHR } from "../../include/uapi/stat.js";
import { O_RDWR } from "../../include/uapi/fcntl.js";
import { SIGWINCH } from "../../include/uapi/signal.js";
import { killPgrp } from "./tty_jobctrl.js";
import { irqCounts } from "../../kernel/irqstat.js";

export const CONSOLE_DEV = MKDEV(5, 1);
export const TTY_DEV = MKDEV(5, 0);

let hostWriter: ((data: Uint8Array) => void) | null = null;

/** Where console output goes (set by the host side of the kernel thread). */
export function setConsoleHostWriter(fn: ((data: Uint8Array) => void) | null): void {
  hostWriter = fn;
}

export const consoleTty = new Tty("console", CONSOLE_DEV, {
  write(_tty, data) { hostWriter?.(data); },
});

/** Bytes typed on the host's terminal. */
export function consoleInput(data: Uint8Array): void {
  irqCounts.serial++;
  consoleTty.receive(data);
}

/** The host's terminal changed size: the foreground group hears of it (SIGWINCH). */
export function consoleResize(cols: number, rows: number): void {
  if (consoleTty.resize({ cols, rows, xpixel: 0, ypixel: 0 })) killPgrp(consoleTty.pgrp, SIGWINCH);
}

// Kernel messages are written to the device directly, as a console driver does: "\n" becomes
// "\r\n" whatever the terminal's settings.
const enc = new TextEncoder();
registerConsole((text) => {
  if (!hostWriter) return;
  hostWriter(enc.encode(text.replace(/\n/g, "\r\n")));
  consoleTty.ldisc.column = text.endsWith("\n") ? 0 : consoleTty.ldisc.column;
});

function setLoglevel(v: string | undefined): void {
  const n = Number(v);
  if (v !== undefined && Number.isInteger(n) && n >= 0) printkSettings.consoleLoglevel = Math.max(n, printkSettings.minimumConsoleLoglevel);
}
bootParams.register("loglevel", setLoglevel);
bootParams.register("quiet", () => { printkSettings.consoleLoglevel = 4; });

// A console file when /dev has no node for it (before devtmpfs is up, or without one).
const anonType: FileSystemType = { name: "devpts", nodev: true, mount: () => { throw new Error("not mountable"); } };
let anonPath: Path | null = null;
function consoleAnonPath(): Path {
  if (anonPath) return anonPath;
  const sb = new SuperBlock(anonType, allocAnonDev());
  const root = new Dentry("/", null, new Inode(sb, 0o040755, {}, null));
  sb.root = root;
  const inode = new Inode(sb, S_IFCHR | 0o600, {}, null);
  inode.rdev = CONSOLE_DEV;
  const d = new Dentry("console", root, inode);
  anonPath = { mnt: new Mount(sb, root, null, null, "devtmpfs", 0, ""), dentry: d };
  return anonPath;
}

/** Open the console for t (O_RDWR, never becoming a controlling terminal by opening). */
export function openConsoleFile(t: Task): File {
  let p: Path;
  try {
    p = pathLookup(getInitTask()!, rootPath(), "/dev/console", { follow: true });
  } catch {
    p = consoleAnonPath();
  }
  const file = allocFile(p, p.dentry.inode, ttyFops, O_RDWR);
  ttyOpenFile(consoleTty, file, t, true);
  return file;
}
