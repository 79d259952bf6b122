// "linux/sysfs": attributes of kobjects as files under /sys (fs/sysfs/ is the filesystem).
// An attribute is { name, mode }; what reading and writing it does is the kobject's
// ktype.sysfs_ops: show(kobj, attr, buf) fills buf, a page (a PAGE_SIZE Uint8Array), usually
// with sysfs_emit, and returns the byte count or -errno; store(kobj, attr, buf, count) gets the
// written text and its byte count and returns the count consumed or -errno (the write's
// errno). Both may sleep (return a Promise). Files are root's, with the attribute's mode; the
// VFS checks it (a plain user's write to a 0644 file is EACCES).
//
// In C, code hands sysfs `&my_attr.attr` and the ops find `my_attr` with container_of. Here an
// attribute may be given either way: the container itself (anything with an `attr` member)
// or its `attr` when the container was made by __ATTR* / DEVICE_ATTR* (they remember it);
// sysfs_ops get the container back through to_attr_container / container_of.
import { sysfsCreateDir, sysfsCreateFile, sysfsCreateLink, sysfsRemove, sysfsRoot, type KernfsNode,
  type SysfsAttribute } from "../../fs/sysfs/sysfs.js";
import { Errno, isErrno } from "../../kernel/errors.js";
import { EEXIST, EINVAL, EIO, ENOENT } from "../uapi/errno.js";
import { printk, KERN } from "../../kernel/printk.js";
import { vsprintf, kernelAddress } from "./vsprintf.js";
import type { kobject } from "./kobject.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

type Ret<T> = T | Promise<T>;
export const PAGE_SIZE = 4096;

// The structures are classes so that a module can import their names (types and values alike);
// object literals of the same shape are just as good.
/** struct attribute. */
export class attribute { name = ""; mode = 0; }
/** What may stand for an attribute: the attribute, or a structure that has it as `attr`. */
export type attribute_ref = attribute | { attr: attribute };
/** struct attribute_group: name makes a subdirectory; is_visible may change a file's mode (0 hides it). */
export class attribute_group {
  name?: string | null;
  attrs?: readonly (attribute_ref | null)[] | null;
  is_visible?(kobj: kobject, attr: attribute, n: number): number;
}
/** struct sysfs_ops. */
export class sysfs_ops {
  show?(kobj: kobject, attr: attribute, buf: Uint8Array): Ret<number>;
  store?(kobj: kobject, attr: attribute, buf: string, count: number): Ret<number>;
}

export const S_IRUSR = 0o400, S_IWUSR = 0o200, S_IXUSR = 0o100, S_IRWXU = 0o700, S_IRGRP = 0o40, S_IWGRP = 0o20,
  S_IROTH = 0o4, S_IWOTH = 0o2, S_IRUGO = 0o444, S_IWUGO = 0o222, S_IXUGO = 0o111, S_IRWXUGO = 0o777,
  S_IALLUGO = 0o7777;

// ---- attributes and their containers ----

const containers = new WeakMap<attribute, object>();

/** Remember that attr is the `attr` member of container (what container_of finds). */
export function attrRegister<T extends { attr: attribute }>(container: T): T {
  containers.set(container.attr, container);
  return container;
}
/** The bare attribute of a reference. */
export function attrOf(a: attribute_ref): attribute {
  if ("attr" in a && a.attr && typeof a.attr === "object") { attrRegister(a as { attr: attribute }); return a.attr; }
  return a as attribute;
}
/** container_of(attr, ...): the structure attr belongs to, or null when nobody said. */
export function to_attr_container<T = any>(attr: attribute): T | null {
  return (containers.get(attr) as T | undefined) ?? null;
}

/** struct kobj_attribute: an attribute whose show and store take the kobject. */
export class kobj_attribute {
  attr: attribute = new attribute();
  show?: ((kobj: kobject, attr: kobj_attribute, buf: Uint8Array) => Ret<number>) | null;
  store?: ((kobj: kobject, attr: kobj_attribute, buf: string, count: number) => Ret<number>) | null;
}
type KShow = kobj_attribute["show"];
type KStore = kobj_attribute["store"];

/** __ATTR(name, mode, show, store). */
export const __ATTR = (name: string, mode: number, show: KShow, store: KStore): kobj_attribute =>
  attrRegister({ attr: { name, mode }, show, store });
/** __ATTR_RO(name, show): mode 0444. */
export const __ATTR_RO = (name: string, show: KShow) => __ATTR(name, 0o444, show, null);
/** __ATTR_RO_MODE(name, mode, show). */
export const __ATTR_RO_MODE = (name: string, mode: number, show: KShow) => __ATTR(name, mode, show, null);
/** __ATTR_WO(name, store): mode 0200. */
export const __ATTR_WO = (name: string, store: KStore) => __ATTR(name, 0o200, null, store);
/** __ATTR_RW(name, show, store): mode 0644. */
export const __ATTR_RW = (name: string, show: KShow, store: KStore) => __ATTR(name, 0o644, show, store);
/** __ATTR_RW_MODE(name, mode, show, store). */
export const __ATTR_RW_MODE = (name: string, mode: number, show: KShow, store: KStore) => __ATTR(name, mode, show, store);

// ---- the show page ----

const pages = new WeakSet<Uint8Array>();
const enc = new TextEncoder();

function emit(buf: Uint8Array, at: number, fmt: string, args: readonly unknown[]): number {
  const room = PAGE_SIZE - at;
  const bytes = enc.encode(vsprintf(fmt, args));
  const n = Math.min(bytes.length, room - 1);
  buf.set(bytes.subarray(0, n), at);
  buf[at + n] = 0;
  return n;
}

/** sysfs_emit(buf, fmt, ...): format into a show() page; the bytes written. */
export function sysfs_emit(buf: Uint8Array, fmt: string, ...args: unknown[]): number {
  if (!pages.has(buf)) { printk(KERN(4) + `invalid sysfs_emit: buf:${kernelAddress(buf).toString(16).padStart(16, "0")}\n`); return 0; }
  return emit(buf, 0, fmt, args);
}
/** sysfs_emit_at(buf, at, fmt, ...): format at offset at of a show() page; the bytes written. */
export function sysfs_emit_at(buf: Uint8Array, at: number, fmt: string, ...args: unknown[]): number {
  if (!pages.has(buf) || at < 0 || at >= PAGE_SIZE) {
    printk(KERN(4) + `invalid sysfs_emit_at: buf:${kernelAddress(buf).toString(16).padStart(16, "0")} at:${at}\n`);
    return 0;
  }
  return emit(buf, at, fmt, args);
}

// ---- files ----

/** sysfs_warn_dup: the message Linux prints when a name is taken. */
export function sysfsWarnDup(parent: KernfsNode, name: string): void {
  const p = parent.path();
  printk(KERN(4) + `sysfs: cannot create duplicate filename '${p === "/" ? "" : p}/${name}'\n`);
}

/** The kernfs directory of a kobject (null when it is not in sysfs). */
export const kobjDir = (kobj: kobject | null): KernfsNode | null => {
  if (!kobj) return sysfsRoot();
  const sd = kobj.sd;
  return sd && !sd.removed ? sd : null;
};

/** The VFS side of attr on kobj: reads and writes go to kobj's ktype.sysfs_ops. */
function bridge(kobj: kobject, attr: attribute, mode: number): SysfsAttribute {
  const ops = kobj.ktype?.sysfs_ops ?? null;
  const a: SysfsAttribute = { name: attr.name, mode };
  if (ops?.show) {
    const show = ops.show.bind(ops);
    a.show = () => {
      const page = new Uint8Array(PAGE_SIZE);
      pages.add(page);
      const done = (count: number): Uint8Array => {
        if (count < 0) throw new Errno(-count);
        if (count >= PAGE_SIZE) {
          printk(`fill_read_buffer: ${ops.show!.name || "show"} returned bad count\n`);
          count = PAGE_SIZE - 1;
        }
        return page.slice(0, count);
      };
      const r = show(kobj, attr, page);
      return r instanceof Promise ? r.then(done) : done(r);
    };
  }
  if (ops?.store) {
    const store = ops.store.bind(ops);
    a.store = (text) => store(kobj, attr, text, enc.encode(text).length);
  }
  return a;
}

/** Add attr's file to directory dir of kobj: 0, or -errno (-EEXIST, warned about). */
function addFile(dir: KernfsNode, kobj: kobject, attr: attribute, mode: number): number {
  if (dir.children.has(attr.name)) { sysfsWarnDup(dir, attr.name); return -EEXIST; }
  try {
    sysfsCreateFile(dir, bridge(kobj, attr, mode & S_IALLUGO));
  } catch (e) {
    if (isErrno(e)) return -e.errno;
    throw e;
  }
  return 0;
}

/** sysfs_create_file(kobj, attr): 0 or -errno. */
export function sysfs_create_file(kobj: kobject, attr: attribute_ref): number {
  const dir = kobj ? kobjDir(kobj) : null;
  if (!dir || !attr) return -EINVAL;
  const a = attrOf(attr);
  return addFile(dir, kobj, a, a.mode);
}
/** sysfs_remove_file(kobj, attr): the file goes (a missing one is ignored). */
export function sysfs_remove_file(kobj: kobject, attr: attribute_ref): void {
  const dir = kobjDir(kobj);
  const n = dir?.children.get(attrOf(attr).name);
  if (n && n.kind === "file") sysfsRemove(n);
}
/** sysfs_create_files(kobj, attrs): all of them, or none and -errno. */
export function sysfs_create_files(kobj: kobject, attrs: readonly (attribute_ref | null)[]): number {
  const done: attribute_ref[] = [];
  for (const a of attrs) {
    if (!a) break;
    const err = sysfs_create_file(kobj, a);
    if (err) { for (const d of done) sysfs_remove_file(kobj, d); return err; }
    done.push(a);
  }
  return 0;
}
export function sysfs_remove_files(kobj: kobject, attrs: readonly (attribute_ref | null)[]): void {
  for (const a of attrs) { if (!a) break; sysfs_remove_file(kobj, a); }
}
/** sysfs_chmod_file(kobj, attr, mode): 0 or -ENOENT. */
export function sysfs_chmod_file(kobj: kobject, attr: attribute_ref, mode: number): number {
  const n = kobjDir(kobj)?.children.get(attrOf(attr).name);
  if (!n) return -ENOENT;
  n.inode.mode = (n.inode.mode & ~S_IALLUGO) | (mode & S_IALLUGO);
  return 0;
}

// ---- groups ----

/** sysfs_create_group(kobj, grp): 0 or -errno; nothing is left behind on failure. */
export function sysfs_create_group(kobj: kobject, grp: attribute_group): number {
  const parent = kobj ? kobjDir(kobj) : null;
  if (!parent || !grp) return -EINVAL;
  if (!grp.attrs) {
    printk(KERN(4) + `sysfs: (bin_)attrs not set by subsystem for group: ${kobj.name}/${grp.name ?? ""}\n`);
    return -EINVAL;
  }
  let dir = parent;
  if (grp.name) {
    if (parent.children.has(grp.name)) { sysfsWarnDup(parent, grp.name); return -EEXIST; }
    dir = sysfsCreateDir(parent, grp.name, 0o755);
  }
  const made: string[] = [];
  let i = 0;
  for (const ref of grp.attrs) {
    if (!ref) break;
    const attr = attrOf(ref);
    let mode = attr.mode;
    if (grp.is_visible) mode = grp.is_visible(kobj, attr, i);
    i++;
    if (!mode) continue;
    if (mode & ~0o664) {
      printk(KERN(4) + `Attribute ${attr.name}: Invalid permissions 0${(mode & S_IALLUGO).toString(8)}\n`);
      mode &= 0o664;
    }
    const err = addFile(dir, kobj, attr, mode);
    if (err) {
      if (grp.name) sysfsRemove(dir);
      else for (const m of made) { const n = dir.children.get(m); if (n) sysfsRemove(n); }
      return err;
    }
    made.push(attr.name);
  }
  return 0;
}
/** sysfs_remove_group(kobj, grp): its files (and its directory when named). */
export function sysfs_remove_group(kobj: kobject, grp: attribute_group): void {
  const parent = kobjDir(kobj);
  if (!parent) return;
  if (grp.name) {
    const d = parent.children.get(grp.name);
    if (!d) { printk(KERN(4) + `sysfs group '${grp.name}' not found for kobject '${kobj.name}'\n`); return; }
    sysfsRemove(d);
    return;
  }
  for (const ref of grp.attrs ?? []) {
    if (!ref) break;
    const n = parent.children.get(attrOf(ref).name);
    if (n && n.kind === "file") sysfsRemove(n);
  }
}
/** sysfs_create_groups(kobj, groups): all, or none and -errno. */
export function sysfs_create_groups(kobj: kobject, groups: readonly (attribute_group | null)[] | null | undefined): number {
  if (!groups) return 0;
  const done: attribute_group[] = [];
  for (const g of groups) {
    if (!g) break;
    const err = sysfs_create_group(kobj, g);
    if (err) { for (const d of done.reverse()) sysfs_remove_group(kobj, d); return err; }
    done.push(g);
  }
  return 0;
}
export function sysfs_remove_groups(kobj: kobject, groups: readonly (attribute_group | null)[] | null | undefined): void {
  for (const g of groups ?? []) { if (!g) break; sysfs_remove_group(kobj, g); }
}

// ---- links ----

/** sysfs_create_link(kobj, target, name): 0 or -errno. */
export function sysfs_create_link(kobj: kobject, target: kobject, name: string): number {
  const dir = kobjDir(kobj), to = kobjDir(target);
  if (!dir || !to) return -ENOENT;
  if (dir.children.has(name)) { sysfsWarnDup(dir, name); return -EEXIST; }
  sysfsCreateLink(dir, to, name);
  return 0;
}
export function sysfs_remove_link(kobj: kobject, name: string): void {
  const n = kobjDir(kobj)?.children.get(name);
  if (n && n.kind === "link") sysfsRemove(n);
}

/** sysfs_streq(s1, s2): equal, a trailing newline on either ignored. */
export function sysfs_streq(s1: string, s2: string): boolean {
  const strip = (s: string) => (s.endsWith("\n") ? s.slice(0, -1) : s);
  return strip(s1) === strip(s2);
}

/** container_of(ptr, type, member) for attributes: the structure whose member is ptr. */
export function container_of<T = any>(ptr: attribute, _type: unknown, _member: string): T {
  const c = to_attr_container<T>(ptr);
  if (c === null) throw new Errno(EIO);
  return c;
}

export const api = {
  sysfs_create_file, sysfs_remove_file, sysfs_create_files, sysfs_remove_files, sysfs_chmod_file, sysfs_create_group,
  sysfs_remove_group, sysfs_create_groups, sysfs_remove_groups, sysfs_create_link, sysfs_remove_link, sysfs_emit,
  sysfs_emit_at, sysfs_streq, __ATTR, __ATTR_RO, __ATTR_RO_MODE, __ATTR_WO, __ATTR_RW, __ATTR_RW_MODE, to_attr_container,
  container_of, PAGE_SIZE, attribute, attribute_group, sysfs_ops,
};
exportHeader("linux/stat", { S_IRUSR, S_IWUSR, S_IXUSR, S_IRWXU, S_IRGRP, S_IWGRP, S_IROTH, S_IWOTH, S_IRUGO, S_IWUGO,
  S_IXUGO, S_IRWXUGO, S_IALLUGO });
exportHeader("linux/sysfs", api, ["sysfs_create_file", "sysfs_remove_file", "sysfs_create_files", "sysfs_remove_files",
  "sysfs_chmod_file", "sysfs_create_group", "sysfs_remove_group", "sysfs_create_groups", "sysfs_remove_groups",
  "sysfs_create_link", "sysfs_remove_link", "sysfs_emit", "sysfs_emit_at"]);
