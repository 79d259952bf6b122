// "linux/device": device classes and devices. class_create makes /sys/class/NAME;
// device_create makes /dev/NAME (devtmpfs) and the sysfs entries of the class device
// (/sys/class/CLS/NAME/dev, uevent, /sys/dev/char/M:m); device_destroy takes both away.
// A device's kobj is its directory: device_create_file(dev, dev_attr) adds a device_attribute
// (show(dev, attr, buf) / store(dev, attr, buf, count), as sysfs's kobj_attribute), and
// sysfs_create_group(dev.kobj, grp) works there too.
import { classRegister, classDeviceAdd, classDeviceRemove } from "../../fs/sysfs/class.js";
import { sysfsLookup, sysfsRemove } from "../../fs/sysfs/sysfs.js";
import { devtmpfsCreateNode, devtmpfsDeleteNode } from "../../fs/devtmpfs.js";
import { S_IFCHR } from "../uapi/stat.js";
import { EEXIST } from "../uapi/errno.js";
import { ErrPtr } from "./errno.js";
import { isErrno } from "../../kernel/errors.js";
import { vsprintf } from "./vsprintf.js";
import { kobject, kobject_init } from "./kobject.js";
import { attrRegister, sysfs_create_file, sysfs_remove_file, sysfs_create_groups, sysfs_remove_groups, to_attr_container,
  type attribute, type attribute_group, type sysfs_ops } from "./sysfs.js";
import { printk, KERN } from "../../kernel/printk.js";
import { EIO } from "../uapi/errno.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

type Ret<T> = T | Promise<T>;
/** struct device_attribute. */
export class device_attribute {
  attr: attribute = { name: "", mode: 0 };
  show?: ((dev: device, attr: device_attribute, buf: Uint8Array) => Ret<number>) | null;
  store?: ((dev: device, attr: device_attribute, buf: string, count: number) => Ret<number>) | null;
}
type DShow = device_attribute["show"];
type DStore = device_attribute["store"];

const byKobj = new WeakMap<kobject, device>();
/** dev_sysfs_ops: a device_attribute's show and store get the device; missing ones are -EIO. */
const dev_sysfs_ops: sysfs_ops = {
  show(kobj, attr, buf) {
    const da = to_attr_container<device_attribute>(attr), dev = byKobj.get(kobj);
    if (!da?.show || !dev) return -EIO;
    const done = (n: number) => {
      if (n >= 4096) printk(`dev_attr_show: ${da.show!.name || "show"} returned bad count\n`);
      return n;
    };
    const r = da.show(dev, da, buf);
    return r instanceof Promise ? r.then(done) : done(r);
  },
  store(kobj, attr, buf, count) {
    const da = to_attr_container<device_attribute>(attr), dev = byKobj.get(kobj);
    return da?.store && dev ? da.store(dev, da, buf, count) : -EIO;
  },
};
const device_ktype = { release: () => {}, sysfs_ops: dev_sysfs_ops };

export class device {
  /** The device's kobject: its directory under /sys/devices (while it is registered). */
  readonly kobj = new kobject();
  constructor(readonly cls: class_ | null, readonly name: string, readonly devt: number, public driver_data: unknown) {
    kobject_init(this.kobj, device_ktype);
    this.kobj.name = name;
    byKobj.set(this.kobj, this);
  }
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
export function device_create(cls: class_, parent: device | null, devt: number, drvdata: unknown, fmt: string, ...args: unknown[]): device | ErrPtr {
  return device_create_with_groups(cls, parent, devt, drvdata, null, fmt, ...args);
}
/** device_create_with_groups(cls, parent, devt, drvdata, groups, fmt, ...): device_create with attribute groups. */
export function device_create_with_groups(cls: class_, _parent: device | null, devt: number, drvdata: unknown,
  groups: readonly (attribute_group | null)[] | null, fmt: string, ...args: unknown[]): device | ErrPtr {
  const name = vsprintf(fmt, args);
  const dev = new device(cls, name, devt, drvdata);
  const mode = { value: 0o600 };
  const nodeName = cls.devnode?.(dev, mode) ?? name;
  try {
    dev.kobj.sd = classDeviceAdd(cls.name, name, devt, mode.value);
    dev.kobj.state_in_sysfs = true;
    const err = sysfs_create_groups(dev.kobj, groups);
    if (err) { classDeviceRemove(cls.name, name); return new ErrPtr(err); }
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
  dev.kobj.sd = null;
  dev.kobj.state_in_sysfs = false;
}

/** device_create_file(dev, attr): 0 or -errno. */
export function device_create_file(dev: device | null, attr: device_attribute): number {
  if (!dev) return 0;
  const m = attr.attr.mode;
  if (m & 0o222 && !attr.store) printk(KERN(4) + `Attribute ${attr.attr.name}: write permission without 'store'\n`);
  if (m & 0o444 && !attr.show) printk(KERN(4) + `Attribute ${attr.attr.name}: read permission without 'show'\n`);
  return sysfs_create_file(dev.kobj, attrRegister(attr));
}
/** device_remove_file(dev, attr). */
export function device_remove_file(dev: device | null, attr: device_attribute): void {
  if (dev) sysfs_remove_file(dev.kobj, attr);
}
export const device_add_groups = (dev: device, groups: readonly (attribute_group | null)[]) => sysfs_create_groups(dev.kobj, groups);
export const device_remove_groups = (dev: device, groups: readonly (attribute_group | null)[]) => sysfs_remove_groups(dev.kobj, groups);

/** DEVICE_ATTR(name, mode, show, store): in C this declares dev_attr_NAME; here it returns it. */
export const DEVICE_ATTR = (name: string, mode: number, show: DShow, store: DStore): device_attribute =>
  attrRegister({ attr: { name, mode }, show, store });
export const DEVICE_ATTR_RW = (name: string, show: DShow, store: DStore) => DEVICE_ATTR(name, 0o644, show, store);
export const DEVICE_ATTR_ADMIN_RW = (name: string, show: DShow, store: DStore) => DEVICE_ATTR(name, 0o600, show, store);
export const DEVICE_ATTR_RO = (name: string, show: DShow) => DEVICE_ATTR(name, 0o444, show, null);
export const DEVICE_ATTR_ADMIN_RO = (name: string, show: DShow) => DEVICE_ATTR(name, 0o400, show, null);
export const DEVICE_ATTR_WO = (name: string, store: DStore) => DEVICE_ATTR(name, 0o200, null, store);
export const dev_get_drvdata = (d: device) => d.driver_data;
export const dev_set_drvdata = (d: device, v: unknown) => { d.driver_data = v; };
export const dev_name = (d: device) => d.name;

export const api = { device, class_: class_, device_attribute, class_create, class_destroy, device_create, device_create_with_groups, device_destroy, dev_get_drvdata,
  dev_set_drvdata, dev_name, device_create_file, device_remove_file, device_add_groups, device_remove_groups, DEVICE_ATTR,
  DEVICE_ATTR_RW, DEVICE_ATTR_ADMIN_RW, DEVICE_ATTR_RO, DEVICE_ATTR_ADMIN_RO, DEVICE_ATTR_WO };
exportHeader("linux/device", api, ["class_create", "class_destroy", "device_create", "device_create_with_groups",
  "device_destroy", "device_create_file", "device_remove_file", "device_add_groups", "device_remove_groups"]);
