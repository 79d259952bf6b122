// "linux/kobject": kernel objects with a reference count and a directory under /sys. A kobject
// made by kobject_create_and_add(name, parent) lives at /sys/NAME (parent null) or below its
// parent (kernel_kobj: /sys/kernel/NAME); its attributes are kobj_attributes whose show and
// store take the kobject. kobject_init_and_add(kobj, ktype, parent, fmt, ...) is the embedded
// form: a driver's class may extend kobject (that is container_of here), and ktype gives
// release, sysfs_ops and default_groups. The last kobject_put removes the directory if it is
// still there and calls ktype.release.
import { sysfsCreateDir, sysfsLookup, sysfsRemove, type KernfsNode } from "../../fs/sysfs/sysfs.js";
import { ueventSeqnumBump } from "../../fs/sysfs/kernel.js";
import { EEXIST, EINVAL, EIO, ENOENT } from "../uapi/errno.js";
import { printk, KERN } from "../../kernel/printk.js";
import { vsprintf, kernelAddress } from "./vsprintf.js";
import { kobjDir, sysfsWarnDup, sysfs_create_groups, sysfs_remove_groups, to_attr_container, kobj_attribute,
  type attribute, type attribute_group, type sysfs_ops } from "./sysfs.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

/** struct kobj_type. */
export class kobj_type {
  release?: ((kobj: kobject) => void) | null;
  sysfs_ops?: sysfs_ops | null;
  default_groups?: readonly (attribute_group | null)[] | null;
}

/** struct kobject. */
export class kobject {
  name = "";
  parent: kobject | null = null;
  ktype: kobj_type | null = null;
  #sd: KernfsNode | null = null;
  /** For the core's kobjects (kernel_kobj ...): the path of the directory the boot-time tree makes. */
  protected corePath: string | null = null;
  /** The kobject's directory (kernfs node) while it is in sysfs. */
  get sd(): KernfsNode | null { return this.corePath !== null ? sysfsLookup(this.corePath) : this.#sd; }
  set sd(v: KernfsNode | null) { this.#sd = v; }
  /** kref: the reference count. */
  refcount = 0;
  state_initialized = false;
  state_in_sysfs = false;
  state_add_uevent_sent = false;
  state_remove_uevent_sent = false;
}

const addr = (k: unknown) => kernelAddress(k).toString(16).padStart(16, "0");
const err = (msg: string) => printk(KERN(3) + "kobject: " + msg + "\n");

/** A kobject of the core whose directory the boot-time tree makes (kernel_kobj ...). */
class CoreKobject extends kobject {
  constructor(path: string) {
    super();
    this.corePath = path;
    this.name = path.split("/").pop()!;
    this.refcount = 1;
    this.state_initialized = this.state_in_sysfs = true;
  }
}
export const kernel_kobj: kobject = new CoreKobject("kernel");
export const mm_kobj: kobject = new CoreKobject("kernel/mm");
export const firmware_kobj: kobject = new CoreKobject("firmware");
export const power_kobj: kobject = new CoreKobject("power");
export const fs_kobj: kobject = new CoreKobject("fs");

/** kobject_name(kobj). */
export const kobject_name = (kobj: kobject) => kobj.name;

/** kobject_set_name(kobj, fmt, ...): 0 or -EINVAL for an empty name. */
export function kobject_set_name(kobj: kobject, fmt: string, ...args: unknown[]): number {
  const name = vsprintf(fmt, args);
  if (!name) return -EINVAL;
  // A '/' cannot be in a file name: sysfs shows it as '!'.
  kobj.name = name.replace(/\//g, "!");
  return 0;
}

/** kobject_init(kobj, ktype): refcount 1. */
export function kobject_init(kobj: kobject, ktype: kobj_type): void {
  let why: string | null = null;
  if (!kobj) why = "invalid kobject pointer!";
  else if (!ktype) why = "must have a ktype.";
  else if (kobj.state_initialized) why = "tried to init an initialized object, something is seriously wrong.";
  if (why) { printk(KERN(3) + `kobject (${addr(kobj)}): ${why}\n`); return; }
  kobj.refcount = 1;
  kobj.ktype = ktype;
  kobj.state_initialized = true;
  kobj.state_in_sysfs = false;
}

/** kobject_add_internal: the directory and the ktype's default groups. */
function addInternal(kobj: kobject): number {
  if (!kobj.name) { err(`(${addr(kobj)}): attempted to be registered with empty name!`); return -EINVAL; }
  const parent = kobject_get(kobj.parent);
  kobj.parent = parent;
  const fail = (e: number) => {
    if (e === -EEXIST) err(`kobject_add_internal failed for ${kobj.name} with -EEXIST, don't try to register things with the same name in the same directory.`);
    else err(`kobject_add_internal failed for ${kobj.name} (error: ${e} parent: ${parent ? parent.name : "'none'"})`);
    kobject_put(parent);
    kobj.parent = null;
    return e;
  };
  const dir = kobjDir(parent);
  if (!dir) return fail(-ENOENT);
  if (dir.children.has(kobj.name)) { sysfsWarnDup(dir, kobj.name); return fail(-EEXIST); }
  kobj.sd = sysfsCreateDir(dir, kobj.name, 0o755);
  kobj.state_in_sysfs = true;
  const e = sysfs_create_groups(kobj, kobj.ktype?.default_groups);
  if (e) {
    sysfsRemove(kobj.sd);
    kobj.sd = null;
    kobj.state_in_sysfs = false;
    return fail(e);
  }
  return 0;
}

/** kobject_add(kobj, parent, fmt, ...): 0 or -errno (the caller still owns its reference). */
export function kobject_add(kobj: kobject, parent: kobject | null, fmt: string, ...args: unknown[]): number {
  if (!kobj) return -EINVAL;
  if (!kobj.state_initialized) {
    err(`'${kobj.name}' (${addr(kobj)}): tried to add an uninitialized object, something is seriously wrong.`);
    return -EINVAL;
  }
  const e = kobject_set_name(kobj, fmt, ...args);
  if (e) return e;
  kobj.parent = parent;
  return addInternal(kobj);
}

/** kobject_init_and_add(kobj, ktype, parent, fmt, ...): 0 or -errno; on failure, kobject_put it. */
export function kobject_init_and_add(kobj: kobject, ktype: kobj_type, parent: kobject | null, fmt: string, ...args: unknown[]): number {
  kobject_init(kobj, ktype);
  return kobject_add(kobj, parent, fmt, ...args);
}

/** kobject_get(kobj): one more reference; returns kobj. */
export function kobject_get<T extends kobject | null>(kobj: T): T {
  if (kobj) {
    if (!kobj.state_initialized) printk(KERN(4) + `kobject: '${kobj.name}' (${addr(kobj)}): is not initialized, yet kobject_get() is being called.\n`);
    kobj.refcount++;
  }
  return kobj;
}

/** kobject_del(kobj): out of sysfs (its directory and everything in it); drops the parent. */
export function kobject_del(kobj: kobject | null): void {
  if (!kobj || !kobj.state_in_sysfs || kobj instanceof CoreKobject) return;
  sysfs_remove_groups(kobj, kobj.ktype?.default_groups);
  if (kobj.sd) sysfsRemove(kobj.sd);
  kobj.sd = null;
  kobj.state_in_sysfs = false;
  const parent = kobj.parent;
  kobj.parent = null;
  kobject_put(parent);
}

/** kobject_put(kobj): one reference less; the last one deletes it and calls ktype.release. */
export function kobject_put(kobj: kobject | null): void {
  if (!kobj || kobj instanceof CoreKobject) return;
  if (!kobj.state_initialized) {
    printk(KERN(4) + `kobject: '${kobj.name}' (${addr(kobj)}): is not initialized, yet kobject_put() is being called.\n`);
  }
  if (kobj.refcount <= 0) return;
  if (--kobj.refcount > 0) return;
  // kobject_cleanup
  if (kobj.state_add_uevent_sent && !kobj.state_remove_uevent_sent) kobject_uevent(kobj, KOBJ_REMOVE);
  if (kobj.state_in_sysfs) kobject_del(kobj);
  kobj.ktype?.release?.(kobj);
}

/** kobject_get_path(kobj): its path below /sys ("/kernel/foo"). */
export const kobject_get_path = (kobj: kobject, _gfp = 0): string | null => kobjDir(kobj)?.path() ?? null;

export const KOBJ_ADD = 0, KOBJ_REMOVE = 1, KOBJ_CHANGE = 2, KOBJ_MOVE = 3, KOBJ_ONLINE = 4, KOBJ_OFFLINE = 5,
  KOBJ_BIND = 6, KOBJ_UNBIND = 7;
/** kobject_uevent(kobj, action): announce the object (uevent_seqnum counts it); 0 or -errno. */
export function kobject_uevent(kobj: kobject, action: number): number {
  if (!kobj.state_in_sysfs && action !== KOBJ_REMOVE) return -EINVAL;
  if (action === KOBJ_ADD) kobj.state_add_uevent_sent = true;
  if (action === KOBJ_REMOVE) kobj.state_remove_uevent_sent = true;
  ueventSeqnumBump();
  return 0;
}

// ---- kobject_create_and_add: a kobject with kobj_attributes ----

/** kobj_sysfs_ops: each attribute is a kobj_attribute; a missing show or store is -EIO. */
export const kobj_sysfs_ops: sysfs_ops = {
  show(kobj, attr, buf) {
    const ka = to_attr_container<kobj_attribute>(attr);
    return ka?.show ? ka.show(kobj, ka, buf) : -EIO;
  },
  store(kobj, attr, buf, count) {
    const ka = to_attr_container<kobj_attribute>(attr);
    return ka?.store ? ka.store(kobj, ka, buf, count) : -EIO;
  },
};
const dynamic_kobj_ktype: kobj_type = { release: () => {}, sysfs_ops: kobj_sysfs_ops };

/** kobject_create(): a dynamic kobject, initialized (not in sysfs). */
export function kobject_create(): kobject {
  const k = new kobject();
  kobject_init(k, dynamic_kobj_ktype);
  return k;
}

/** kobject_create_and_add(name, parent): the kobject, in sysfs, or null. */
export function kobject_create_and_add(name: string, parent: kobject | null): kobject | null {
  const k = kobject_create();
  const e = kobject_add(k, parent, "%s", name);
  if (e) {
    printk(KERN(4) + `kobject: kobject_create_and_add: kobject_add error: ${e}\n`);
    kobject_put(k);
    return null;
  }
  return k;
}

export { kobj_attribute };
export const api = {
  kobject, kobj_type, kobj_attribute, kobject_init, kobject_add, kobject_init_and_add, kobject_create_and_add, kobject_get, kobject_put,
  kobject_del, kobject_name, kobject_set_name, kobject_get_path, kobject_uevent, kobj_sysfs_ops, kernel_kobj, mm_kobj,
  firmware_kobj, power_kobj, fs_kobj, KOBJ_ADD, KOBJ_REMOVE, KOBJ_CHANGE, KOBJ_MOVE, KOBJ_ONLINE, KOBJ_OFFLINE,
  KOBJ_BIND, KOBJ_UNBIND,
};
exportHeader("linux/kobject", api, ["kobject_init_and_add", "kobject_create_and_add", "kobject_get_path",
  "kobject_uevent", "kobj_sysfs_ops", "kernel_kobj", "mm_kobj", "firmware_kobj", "power_kobj", "fs_kobj"]);
