// The terminal device nodes of major 5: /dev/tty (5,0), the opener's controlling terminal
// (ENXIO without one), and /dev/console (5,1), the system console. Neither makes itself the
// controlling terminal of the process that opens it, as in Linux.
import type { FileOperations } from "../../fs/file.js";
import { register_chrdev_region, cdev_alloc, cdev_init, cdev_add } from "../../fs/char_dev.js";
import { devtmpfsCreateNode } from "../../fs/devtmpfs.js";
import { initcall } from "../../kernel/initcall.js";
import { pr_err } from "../../kernel/printk.js";
import { Errno } from "../../kernel/errors.js";
import { ENXIO } from "../../include/uapi/errno.js";
import { S_IFCHR } from "../../include/uapi/stat.js";
import { ttyFops, ttyOpenFile } from "./tty_io.js";
import { consoleTty, CONSOLE_DEV, TTY_DEV } from "./console.js";
import type { Tty } from "./tty.js";

const TTY_GID = 5;

const consoleFops: FileOperations = {
  ...ttyFops,
  open(_inode, file, t) {
    ttyOpenFile(consoleTty, file, t, true);
  },
};

const devTtyFops: FileOperations = {
  ...ttyFops,
  open(_inode, file, t) {
    const tty = t.tty as Tty | null;
    if (!tty) throw new Errno(ENXIO);
    ttyOpenFile(tty, file, t, true);
  },
};

function addDevice(dev: number, name: string, fops: FileOperations, node: string, mode: number, gid: number): void {
  const err = register_chrdev_region(dev, 1, name);
  const cdev = cdev_alloc();
  cdev_init(cdev, fops);
  if (err < 0 || cdev_add(cdev, dev, 1) < 0) {
    pr_err(`Couldn't register ${name} driver`);
    return;
  }
  try {
    devtmpfsCreateNode(node, S_IFCHR | mode, dev, 0, gid);
  } catch {
    pr_err(`Couldn't create ${name} node`);
  }
}

function ttyInit(): void {
  addDevice(TTY_DEV, "/dev/tty", devTtyFops, "tty", 0o666, TTY_GID);
  addDevice(CONSOLE_DEV, "/dev/console", consoleFops, "console", 0o600, 0);
}

initcall("device", "tty_init", ttyInit);
