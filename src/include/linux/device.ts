// "linux/device": device classes and devices. class_create makes /sys/class/NAME;
// device_create makes /dev/NAME (devtmpfs) and the sysfs entries of the class device
// (/sys/class/CLS/NAME/dev, uevent, /sys/dev/char/M:m); device_destroy takes both away.
import { classRegister, classDeviceAdd, classDeviceRemove } from "../../fs/sysfs/class.js";
import { sysfsLookup, sysfsRemove } from "../../fs/sysfs/sysfs.js";
import { devtmpfsCreateNode, devtmpfsDeleteNode } from "../../fs/devtmpfs.js";
import { S_IFCHR } from "../uapi/stat.js";
import { EEXIST } from "../uapi/errno.js";
import { ErrPtr } from "./errno.js";
import { isErrno } from "../../kernel/errors.js";
import { vsprintf } from "./vsprintf.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export class device {
  constructor(readonly cls: class_ | null, readonly name: string, readonly devt: number, public driver_data: unknown) {}
}
export class class_ {
  /** The node mode for a device (the class's devnode callback), 0600 when unset. */
  devnode: ((dev: device, mode: { value: number }) => string | null) | null = null;
  readonly devices = new Map<number, device>();
  constructor(readonly name: string) {}
}

/** class_create(name) (Linux 6.4+: no owner argument): the class, or an ERR_PTR. */
export function class_create(name: string): class_ | ErrPtr {
  if (sysfsLookup(`class/${name}`)) return new ErrPtr(-EEXIST);
  classRegister(name);
  return new class_(name);
}
export function class_destroy(cls: class_ | null): void {
  if (!cls || cls instanceof ErrPtr) return;
  for (const d of [...cls.devices.values()]) device_destroy(cls, d.devt);
  const n = sysfsLookup(`class/${cls.name}`);
  if (n) sysfsRemove(n);
  const v = sysfsLookup(`devices/virtual/${cls.name}`);
  if (v) sysfsRemove(v);
}

/** device_create(cls, parent, devt, drvdata, fmt, ...): the device, or an ERR_PTR. */
export function device_create(cls: class_, _parent: device | null, devt: number, drvdata: unknown, fmt: string, ...args: unknown[]): device | ErrPtr {
  const name = vsprintf(fmt, args);
  const dev = new device(cls, name, devt, drvdata);
  const mode = { value: 0o600 };
  const nodeName = cls.devnode?.(dev, mode) ?? name;
  try {
    classDeviceAdd(cls.name, name, devt, mode.value);
  } catch (e) {
    if (isErrno(e)) return new ErrPtr(-e.errno);
    throw e;
  }
  if (devt !== 0) {
    try { devtmpfsCreateNode(nodeName, S_IFCHR | (mode.value & 0o7777), devt); } catch (e) { if (!isErrno(e)) throw e; }
  }
  (dev as { node?: string }).node = nodeName;
  cls.devices.set(devt, dev);
  return dev;
}
export function device_destroy(cls: class_, devt: number): void {
  const dev = cls.devices.get(devt);
  if (!dev) return;
  cls.devices.delete(devt);
  try { devtmpfsDeleteNode((dev as { node?: string }).node ?? dev.name); } catch (e) { if (!isErrno(e)) throw e; }
  classDeviceRemove(cls.name, dev.name);
}
export const dev_get_drvdata = (d: device) => d.driver_data;
export const dev_set_drvdata = (d: device, v: unknown) => { d.driver_data = v; };
export const dev_name = (d: device) => d.name;

export const api = { class_create, class_destroy, device_create, device_destroy, dev_get_drvdata, dev_set_drvdata, dev_name };
exportHeader("linux/device", api, ["class_create", "class_destroy", "device_create", "device_destroy"]);
