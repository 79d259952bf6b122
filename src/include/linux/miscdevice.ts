// "linux/miscdevice": small character devices on major 10. MISC_DYNAMIC_MINOR asks for a
// minor, handed out from 127 downwards as Linux 6.x does (then 256 upwards); misc_register
// makes /dev/NAME and /sys/class/misc/NAME.
import * as chr from "../../fs/char_dev.js";
import { MKDEV } from "../uapi/stat.js";
import { EBUSY, EINVAL } from "../uapi/errno.js";
import { fopsToVfs, type file_operations } from "./fs.js";
import { class_, device_create, device_destroy, type device } from "./device.js";
import { ErrPtr } from "./errno.js";
import { classRegister } from "../../fs/sysfs/class.js";
import { initcall } from "../../kernel/initcall.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export const MISC_MAJOR = 10, MISC_DYNAMIC_MINOR = 255;
const DYNAMIC_MINORS = 128;

export interface miscdevice {
  minor: number;
  name: string;
  fops: file_operations;
  mode?: number;
  nodename?: string;
  this_device?: device | null;
  cdev?: chr.Cdev;
  dynamic?: boolean;
}
const registered: miscdevice[] = [];
const miscClass = new class_("misc");
miscClass.devnode = (dev, mode) => {
  const m = registered.find((x) => x.this_device === dev || MKDEV(MISC_MAJOR, x.minor) === dev.devt);
  if (m?.mode) mode.value = m.mode;
  return m?.nodename ?? null;
};

function takeMinor(): number {
  const used = new Set(registered.map((m) => m.minor));
  for (let m = DYNAMIC_MINORS - 1; m >= 0; m--) if (!used.has(m)) return m;
  for (let m = 256; m < 1 << 20; m++) if (!used.has(m)) return m;
  return -EBUSY;
}

/** misc_register: 0 or -errno (-EBUSY for a minor in use). */
export function misc_register(misc: miscdevice): number {
  if (!misc.name || !misc.fops) return -EINVAL;
  const dynamic = misc.minor === MISC_DYNAMIC_MINOR;
  if (dynamic) { const m = takeMinor(); if (m < 0) return m; misc.minor = m; }
  else if (registered.some((m) => m.minor === misc.minor)) return -EBUSY;
  misc.dynamic = dynamic;
  const devt = MKDEV(MISC_MAJOR, misc.minor);
  const c = chr.cdev_alloc();
  chr.cdev_init(c, fopsToVfs(misc.fops));
  c.name = misc.name;
  chr.cdev_add(c, devt, 1);
  misc.cdev = c;
  registered.push(misc);
  const dev = device_create(miscClass, null, devt, misc, "%s", misc.name);
  if (dev instanceof ErrPtr) {
    registered.splice(registered.indexOf(misc), 1);
    chr.cdev_del(c);
    if (dynamic) misc.minor = MISC_DYNAMIC_MINOR;
    return dev.err;
  }
  misc.this_device = dev;
  return 0;
}
export function misc_deregister(misc: miscdevice): void {
  const i = registered.indexOf(misc);
  if (i < 0) return;
  registered.splice(i, 1);
  device_destroy(miscClass, MKDEV(MISC_MAJOR, misc.minor));
  if (misc.cdev) chr.cdev_del(misc.cdev);
  misc.this_device = null;
  if (misc.dynamic) misc.minor = MISC_DYNAMIC_MINOR;
}

// The misc major's region, as misc_init registers it at boot; /sys/class/misc is there from boot too.
chr.register_chrdev_region(MKDEV(MISC_MAJOR, 0), 256, "misc");
initcall("device", "misc_init", () => { classRegister("misc"); });

/** The registered misc devices, oldest first (/proc/misc). */
export const miscDevices = (): readonly miscdevice[] => registered;

export const api = { misc_register, misc_deregister, MISC_MAJOR, MISC_DYNAMIC_MINOR };
exportHeader("linux/miscdevice", api);
