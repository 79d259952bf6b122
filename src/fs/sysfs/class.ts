// Device classes in sysfs, as the driver core lays them out for a device with no bus:
//   /sys/devices/virtual/CLASS/NAME/{dev, uevent, subsystem -> class}
//   /sys/class/CLASS/NAME -> ../../devices/virtual/CLASS/NAME
//   /sys/dev/char/MAJOR:MINOR -> ../../devices/virtual/CLASS/NAME
// device_create will build on classDeviceAdd; the mem devices use it at boot.
import { sysfsMkdirP, sysfsCreateDir, sysfsCreateFile, sysfsCreateLink, sysfsLookup, sysfsRemove, type Kobject } from "./sysfs.js";
import { ueventSeqnumBump } from "./kernel.js";
import { Errno } from "../../kernel/errors.js";
import { EINVAL } from "../../include/uapi/errno.js";
import { MAJOR, MINOR } from "../../include/uapi/stat.js";

const UEVENT_ACTIONS = new Set(["add", "remove", "change", "move", "online", "offline", "bind", "unbind"]);

/** class_create: /sys/class/NAME (and its directory under devices/virtual). */
export function classRegister(name: string): Kobject {
  return sysfsLookup(`class/${name}`) ?? sysfsMkdirP(`class/${name}`);
}

/** Add device NAME of class cls with device number devt; mode is the node's mode (DEVMODE), if not 0600. */
export function classDeviceAdd(cls: string, name: string, devt: number, mode?: number): Kobject {
  const clsDir = classRegister(cls);
  const parent = sysfsMkdirP(`devices/virtual/${cls}`);
  const dev = sysfsCreateDir(parent, name);
  const major = MAJOR(devt), minor = MINOR(devt);
  // Format: "%u:%u\n" major, minor
  sysfsCreateFile(dev, { name: "dev", mode: 0o444, show: () => `${major}:${minor}\n` });
  // Format: "KEY=value\n" lines: MAJOR, MINOR, DEVNAME, and DEVMODE ("%#o") when not 0600.
  // Writing an action ("add", "change" ...) asks for the event again.
  sysfsCreateFile(dev, {
    name: "uevent",
    mode: 0o644,
    show: () => `MAJOR=${major}\nMINOR=${minor}\nDEVNAME=${name}\n` +
      (mode !== undefined && (mode & 0o777) !== 0o600 ? `DEVMODE=0${(mode & 0o777).toString(8)}\n` : ""),
    store: (text) => {
      if (!UEVENT_ACTIONS.has(text.trim().split(/\s+/)[0])) throw new Errno(EINVAL);
      ueventSeqnumBump();
    },
  });
  sysfsCreateDir(dev, "power");
  sysfsCreateLink(dev, clsDir, "subsystem");
  sysfsCreateLink(clsDir, dev, name);
  sysfsCreateLink(sysfsMkdirP("dev/char"), dev, `${major}:${minor}`);
  ueventSeqnumBump();
  return dev;
}

/** Remove what classDeviceAdd made. */
export function classDeviceRemove(cls: string, name: string): void {
  const dev = sysfsLookup(`devices/virtual/${cls}/${name}`);
  if (!dev) return;
  const devFile = dev.children.get("dev");
  const shown = devFile?.attr?.show?.();
  const numbers = typeof shown === "string" ? shown.trim() : undefined;
  for (const p of [`class/${cls}/${name}`, numbers ? `dev/char/${numbers}` : ""]) {
    const n = p ? sysfsLookup(p) : null;
    if (n) sysfsRemove(n);
  }
  sysfsRemove(dev);
  // The class's directory under devices/virtual goes with its last device (cleanup_glue_dir).
  const glue = sysfsLookup(`devices/virtual/${cls}`);
  if (glue && glue.children.size === 0) sysfsRemove(glue);
  ueventSeqnumBump();
}
