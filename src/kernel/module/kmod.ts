// request_module (Linux's kernel/module/kmod.c): the kernel asks user space to load a module
// by name or alias, running "/sbin/modprobe -q -- NAME" as a root usermode helper and waiting
// for it to exit. Its one caller here is chrdev_open (fs/char_dev.ts): opening a device number
// no driver serves asks for "char-major-M-m", then (if modprobe failed) "char-major-M", as
// Linux's base_probe; the open then finds the driver the module registered, or fails ENXIO.
//
// A request for a name already being requested fails at once (instead of starting modprobe
// again: a module whose init opens its own device would otherwise ask forever), and at most
// KMOD_CONCURRENT_MAX requests run at a time, as Linux's kmod_concurrent_max.
import type { Task } from "../task.js";
import { callUsermodehelper } from "../umh.js";
import { current } from "../sched.js";
import { WaitQueue } from "../wait.js";
import { printk, KERN } from "../printk.js";
import { MAJOR, MINOR } from "../../include/uapi/stat.js";
import { ETIME, EBUSY } from "../../include/uapi/errno.js";
import { chrdevMissingHook } from "../../fs/char_dev.js";

/** /proc/sys/kernel/modprobe's default. */
export const MODPROBE_PATH = "/sbin/modprobe";
export const KMOD_CONCURRENT_MAX = 50;
const ENV = ["HOME=/", "TERM=linux", "PATH=/sbin:/usr/sbin:/bin:/usr/bin"];

const inFlight = new Set<string>();

/**
 * request_module: run modprobe for name and wait for it. Returns modprobe's wait status (0 when
 * it succeeded, > 0 when it failed) or -errno when it could not be asked.
 */
export async function request_module(name: string, caller: Task | null = current): Promise<number> {
  if (inFlight.has(name)) return -EBUSY;
  if (inFlight.size >= KMOD_CONCURRENT_MAX) {
    printk(KERN(4) + `request_module: modprobe ${name} cannot be processed, kmod busy with ${KMOD_CONCURRENT_MAX} threads for more than 5 seconds now\n`);
    return -ETIME;
  }
  inFlight.add(name);
  try {
    const task = caller;
    const wq = new WaitQueue();
    let status: number | null = null;
    const exited = new Promise<void>((resolve) => {
      callUsermodehelper({
        argv: [MODPROBE_PATH, "-q", "--", name], envp: ENV, uid: 0, gid: 0, cwd: "/", files: [],
        onExit: (s) => { status = s; wq.wakeUp(); resolve(); },
      });
    });
    // The caller sleeps (UMH_WAIT_PROC) so the helper gets the CPU.
    if (task) await wq.waitEvent(task, () => status !== null, false);
    else await exited;
    return status!;
  } finally {
    inFlight.delete(name);
  }
}

chrdevMissingHook.fn = async (dev: number, t?: Task) => {
  if ((await request_module(`char-major-${MAJOR(dev)}-${MINOR(dev)}`, t ?? current)) > 0) {
    // Old-style aliases name the major alone.
    await request_module(`char-major-${MAJOR(dev)}`, t ?? current);
  }
};
