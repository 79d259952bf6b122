// The memory devices, major 1 "mem" (Linux's drivers/char/mem.c): null (1,3), zero (1,5),
// full (1,7), random (1,8), urandom (1,9) and kmsg (1,11, in kmsg.ts). One region and one cdev
// serve the major; opening picks the minor's operations, as memory_open does. Their nodes are
// made in devtmpfs and their entries in /sys/class/mem at boot.
import type { File, FileOperations } from "../../fs/file.js";
import { POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from "../../fs/file.js";
import { register_chrdev } from "../../fs/char_dev.js";
import { devtmpfsCreateNode } from "../../fs/devtmpfs.js";
import { noopLlseek } from "../../fs/read_write_generic.js";
import { initcall } from "../../kernel/initcall.js";
import { pr_err } from "../../kernel/printk.js";
import { Errno } from "../../kernel/errors.js";
import { ENOSPC, ENXIO, ERESTARTSYS } from "../../include/uapi/errno.js";
import { MKDEV, S_IFCHR } from "../../include/uapi/stat.js";
import { kmsgFops } from "./kmsg.js";
import { classDeviceAdd } from "../../fs/sysfs/class.js";

export const MEM_MAJOR = 1;

/** null_lseek: every seek of null, zero and full succeeds and leaves the offset at 0. */
function nullLseek(file: File): number {
  file.pos = 0;
  return 0;
}

const ALWAYS_READY = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;

/** /dev/null: reads see end of file, writes vanish (their addresses are still checked). */
export const nullFops: FileOperations = {
  readIter: () => 0,
  writeIter: (_f, from) => from.skip(from.count),
  llseek: nullLseek,
  poll: () => ALWAYS_READY,
};

/** Large reads are done in slices; a signal arriving between them ends the read early. */
const ZERO_SLICE = 1 << 20;

/** /dev/zero: reads give zeros, writes vanish. */
export const zeroFops: FileOperations = {
  readIter(_f, to, _pos, t) {
    let done = 0;
    while (to.count > 0) {
      done += to.zero(Math.min(to.count, ZERO_SLICE));
      if (to.count > 0 && t.signalPending()) {
        if (done === 0) throw new Errno(ERESTARTSYS);
        break;
      }
    }
    return done;
  },
  writeIter: (_f, from) => from.skip(from.count),
  llseek: nullLseek,
  poll: () => ALWAYS_READY,
};

/** /dev/full: reads give zeros, writes fail with ENOSPC. */
export const fullFops: FileOperations = {
  readIter: zeroFops.readIter,
  writeIter: () => { throw new Errno(ENOSPC); },
  llseek: nullLseek,
  poll: () => ALWAYS_READY,
};

/** getRandomValues fills at most 64 KiB at a time. */
const RANDOM_CHUNK = 65536;
const randomBuf = new Uint8Array(RANDOM_CHUNK);

/** random and urandom read from the host's CSPRNG (the crng is always ready); writes are accepted as entropy. */
export const randomFops: FileOperations = {
  readIter(_f, to, _pos, t) {
    let done = 0;
    while (to.count > 0) {
      const n = Math.min(to.count, RANDOM_CHUNK);
      const chunk = randomBuf.subarray(0, n);
      globalThis.crypto.getRandomValues(chunk);
      done += to.copyOut(chunk);
      if (to.count > 0 && t.signalPending()) break;
    }
    return done;
  },
  writeIter: (_f, from) => from.skip(from.count),
  llseek: noopLlseek,
  poll: () => ALWAYS_READY,
};
export const urandomFops: FileOperations = { ...randomFops };

interface MemDev { name: string; mode: number; fops: FileOperations }

/** The minors of major 1 (devlist in mem.c). */
export const memDevices = new Map<number, MemDev>([
  [3, { name: "null", mode: 0o666, fops: nullFops }],
  [5, { name: "zero", mode: 0o666, fops: zeroFops }],
  [7, { name: "full", mode: 0o666, fops: fullFops }],
  [8, { name: "random", mode: 0o666, fops: randomFops }],
  [9, { name: "urandom", mode: 0o666, fops: urandomFops }],
  [11, { name: "kmsg", mode: 0o644, fops: kmsgFops }],
]);

/** memory_open: give the file the minor's operations, then run its open. */
const memoryFops: FileOperations = {
  open(inode, file, task) {
    const dev = memDevices.get(inode.rdev & 0xfffff);
    if (!dev) throw new Errno(ENXIO);
    file.fop = dev.fops;
    return dev.fops.open?.(inode, file, task);
  },
  llseek: noopLlseek,
};

function chrDevInit(): void {
  if (register_chrdev(MEM_MAJOR, "mem", memoryFops) < 0) {
    pr_err(`unable to get major ${MEM_MAJOR} for memory devs`);
    return;
  }
  for (const [minor, dev] of memDevices) {
    devtmpfsCreateNode(dev.name, S_IFCHR | dev.mode, MKDEV(MEM_MAJOR, minor), 0, 0);
    classDeviceAdd("mem", dev.name, MKDEV(MEM_MAJOR, minor), dev.mode);
  }
}

initcall("device", "chr_dev_init", chrDevInit);
