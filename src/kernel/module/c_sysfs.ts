// sysfs for C modules: kobjects and attributes as linux/kobject.h and linux/sysfs.h declare them,
// on the kernel's own (include/linux/kobject.ts, sysfs.ts). A C struct kobject is a handle whose
// first word points at a copy of its name (kobject_name); kernel_kobj and the core's others are
// __typix_kobj(n). A C struct attribute is the start of a struct kobj_attribute: its show and
// store pointers are read at each call, show gets a zeroed, page-aligned page of kernel memory
// (what sysfs_emit checks) and store a NUL-terminated copy of the written bytes. When the memory
// of an attribute is freed while its file is still there (a module unloaded without removing
// it), the file goes, so nothing calls into code that is gone.
import { kobject_create_and_add, kobject_get, kobject_put, kobject_del, kobject_get_path, kobject_uevent,
  kernel_kobj, mm_kobj, fs_kobj, firmware_kobj, power_kobj, type kobject } from "../../include/linux/kobject.js";
import { sysfs_create_file, sysfs_remove_file, sysfs_chmod_file, sysfs_create_group, sysfs_remove_group,
  sysfs_create_link, sysfs_remove_link, sysfs_streq, attrRegister, kobjDir, PAGE_SIZE, type attribute,
  type attribute_group, type kobj_attribute } from "../../include/linux/sysfs.js";
import { sysfsRemove, type KernfsNode } from "../../fs/sysfs/sysfs.js";
import { printk, KERN } from "../printk.js";
import { EINVAL, EIO, ENOMEM } from "../../include/uapi/errno.js";
import { cVsprintf, putString } from "./c_format.js";
import { kernelFunctionOf } from "./c_funcref.js";
import type { CDevices } from "./c_chrdev.js";
import type { KernelMemory } from "../../mm/kernel_memory.js";

/** struct kobj_attribute (its struct attribute first) and struct attribute_group, ILP32. */
const KATTR = { name: 0, mode: 4, show: 8, store: 12 };
const GROUP = { name: 0, is_visible: 4, attrs: 12 };
/** __typix_kobj(n)'s kobjects, in linux/kobject.h's order. */
const CORE: readonly kobject[] = [kernel_kobj, mm_kobj, fs_kobj, firmware_kobj, power_kobj];

type Fn = (...a: unknown[]) => unknown;
type Ret = number | Promise<number>;
const enc = new TextEncoder();

/** The C API of kobjects and sysfs. */
export function cSysfsApi(km: KernelMemory, dev: CDevices): Record<string, (...a: number[]) => Ret> {
  /** The C handle of each kernel kobject C has seen. */
  const handles = new Map<kobject, number>();
  /** The files made for each C attribute, by its address. */
  const files = new Map<number, KernfsNode[]>();
  let watching = false;

  const handleOf = (k: kobject | null): number => {
    if (!k) return 0;
    let h = handles.get(k);
    if (!h) {
      h = dev.handle(k);
      const name = enc.encode(k.name);
      const p = km.alloc(name.length + 1);
      km.bytes.set(name, p);
      km.bytes[p + name.length] = 0;
      km.view.setUint32(h, p, true);
      handles.set(k, h);
    }
    return h;
  };
  const kobj = (h: number): kobject | null => (h ? dev.object<kobject>(h) ?? null : null);
  /** After a put: the handle of a kobject whose last reference went is freed, as the kobject is. */
  const forget = (k: kobject) => {
    const h = handles.get(k);
    if (!h || k.refcount > 0 || CORE.includes(k)) return;
    handles.delete(k);
    km.release(km.view.getUint32(h, true));
    dev.drop(h);
  };

  const cFn = (addr: number): Fn | null => {
    const idx = km.view.getUint32(addr, true);
    return idx ? kernelFunctionOf(km.table.get(idx) as Fn) : null;
  };
  /** Free buf once r (a C call's result, maybe a Promise) is settled; done maps the result. */
  const settle = (buf: number, r: unknown, done: (n: number) => number): Ret => {
    if (r instanceof Promise) return r.then((n: number) => done(n)).finally(() => km.release(buf));
    try { return done(r as number); } finally { km.release(buf); }
  };
  const show = (a: number, k: kobject, page: Uint8Array): Ret => {
    const fn = cFn(a + KATTR.show);
    if (!fn) return -EIO;
    const buf = km.alloc(PAGE_SIZE, PAGE_SIZE);
    if (!buf) return -ENOMEM;
    km.bytes.fill(0, buf, buf + PAGE_SIZE);
    let r: unknown;
    try { r = dev.enterC(fn, handleOf(k), a, buf); } catch (e) { km.release(buf); throw e; }
    return settle(buf, r, (n) => {
      if (n > 0) page.set(km.bytes.subarray(buf, buf + Math.min(n, PAGE_SIZE)));
      return n;
    });
  };
  const store = (a: number, k: kobject, text: string): Ret => {
    const fn = cFn(a + KATTR.store);
    if (!fn) return -EIO;
    const b = enc.encode(text);
    const buf = km.alloc(b.length + 1);
    if (!buf) return -ENOMEM;
    km.bytes.set(b, buf);
    km.bytes[buf + b.length] = 0;
    let r: unknown;
    try { r = dev.enterC(fn, handleOf(k), a, buf, b.length); } catch (e) { km.release(buf); throw e; }
    return settle(buf, r, (n) => n);
  };

  /** The kernel's kobj_attribute for the C one at a (its calls go to the C show and store). */
  const attr = (a: number): kobj_attribute => {
    const dv = km.view;
    return attrRegister({
      attr: { name: km.cString(dv.getUint32(a + KATTR.name, true)), mode: dv.getUint16(a + KATTR.mode, true) },
      show: (k, _ka, page) => show(a, k, page),
      store: (k, _ka, text) => store(a, k, text),
    });
  };
  /** Remember the file made for the C attribute at a in dir, for when its memory is freed. */
  const made = (a: number, dir: KernfsNode | null, name: string) => {
    const n = dir?.children.get(name);
    if (!n) return;
    if (!watching) {
      watching = true;
      km.onRelease.push((start, size) => {
        for (const [at, nodes] of files) {
          if (at < start || at >= start + size) continue;
          for (const node of nodes) if (!node.removed) sysfsRemove(node);
          files.delete(at);
        }
      });
    }
    files.set(a, [...(files.get(a) ?? []).filter((x) => !x.removed), n]);
  };
  const attrList = (p: number): number[] => {
    const out: number[] = [];
    for (let a; p && (a = km.view.getUint32(p, true)); p += 4) out.push(a);
    return out;
  };
  /** The kernel's attribute_group for the C one at g, and the C address of each of its attributes. */
  const group = (g: number): { grp: attribute_group; addrs: Map<attribute, number> } => {
    const dv = km.view;
    const name = dv.getUint32(g + GROUP.name, true), list = dv.getUint32(g + GROUP.attrs, true);
    const addrs = new Map<attribute, number>();
    const attrs = attrList(list).map((a) => { const ka = attr(a); addrs.set(ka.attr, a); return ka; });
    const grp: attribute_group = { name: name ? km.cString(name) : null, attrs: list ? attrs : null };
    const vis = cFn(g + GROUP.is_visible);
    if (vis) grp.is_visible = (k, at, n) => (dev.enterC(vis, handleOf(k), addrs.get(at) ?? 0, n) as number) & 0xffff;
    return { grp, addrs };
  };
  const createGroup = (h: number, g: number): number => {
    const k = kobj(h);
    if (!k || !g) return -EINVAL;
    const { grp, addrs } = group(g);
    const r = sysfs_create_group(k, grp);
    if (r === 0) {
      const dir = grp.name ? kobjDir(k)?.children.get(grp.name) ?? null : kobjDir(k);
      for (const [at, a] of addrs) made(a, dir, at.name);
    }
    return r;
  };
  const removeGroup = (h: number, g: number) => { const k = kobj(h); if (k && g) sysfs_remove_group(k, group(g).grp); return 0; };
  const createFile = (h: number, a: number): number => {
    const k = kobj(h);
    if (!k || !a) return -EINVAL;
    const ka = attr(a);
    const r = sysfs_create_file(k, ka);
    if (r === 0) made(a, kobjDir(k), ka.attr.name);
    return r;
  };
  const removeFile = (h: number, a: number) => {
    const k = kobj(h);
    if (k && a) sysfs_remove_file(k, { name: km.cString(km.view.getUint32(a + KATTR.name, true)), mode: 0 });
    return 0;
  };
  /** Each of a NULL-terminated C array's entries created, or none and the first -errno. */
  const createAll = (h: number, list: number, create: (h: number, x: number) => number, remove: (h: number, x: number) => unknown) => {
    const done: number[] = [];
    for (const x of attrList(list)) {
      const r = create(h, x);
      if (r) { for (const d of done.reverse()) remove(h, d); return r; }
      done.push(x);
    }
    return 0;
  };
  /** sysfs_emit's page check: buf must be the start of a page (Linux's offset_in_page(buf) == 0). */
  const emit = (what: string, buf: number, at: number, fmt: number, ap: number): number => {
    if (!buf || buf % PAGE_SIZE || at < 0 || at >= PAGE_SIZE) {
      printk(KERN(4) + `invalid ${what}: buf:${buf.toString(16).padStart(16, "0")}${what === "sysfs_emit_at" ? ` at:${at}` : ""}\n`);
      return 0;
    }
    const size = PAGE_SIZE - at;
    return Math.min(putString(km, buf + at, size, cVsprintf(km, fmt, ap)), size - 1);
  };

  return {
    __typix_kobj: (n) => handleOf(CORE[n] ?? null),
    kobject_create_and_add: (name, parent) => handleOf(kobject_create_and_add(km.cString(name), kobj(parent))),
    kobject_get: (h) => { kobject_get(kobj(h)); return h; },
    kobject_put: (h) => { const k = kobj(h); if (k) { kobject_put(k); forget(k); } return 0; },
    kobject_del: (h) => { kobject_del(kobj(h)); return 0; },
    kobject_get_path: (h) => {
      const k = kobj(h), path = k ? kobject_get_path(k) : null;
      if (path === null) return 0;
      const p = km.alloc(enc.encode(path).length + 1);
      if (p) putString(km, p, 0x7fffffff, path);
      return p;
    },
    kobject_uevent: (h, action) => { const k = kobj(h); return k ? kobject_uevent(k, action) : -EINVAL; },
    sysfs_create_file: createFile,
    sysfs_remove_file: removeFile,
    sysfs_create_files: (h, list) => createAll(h, list, createFile, removeFile),
    sysfs_remove_files: (h, list) => { for (const a of attrList(list)) removeFile(h, a); return 0; },
    sysfs_chmod_file: (h, a, mode) => { const k = kobj(h); return k && a ? sysfs_chmod_file(k, attr(a), mode) : -EINVAL; },
    sysfs_create_group: createGroup,
    sysfs_remove_group: removeGroup,
    sysfs_create_groups: (h, list) => createAll(h, list, createGroup, removeGroup),
    sysfs_remove_groups: (h, list) => { for (const g of attrList(list)) removeGroup(h, g); return 0; },
    sysfs_create_link: (h, target, name) => {
      const k = kobj(h), t = kobj(target);
      return k && t ? sysfs_create_link(k, t, km.cString(name)) : -EINVAL;
    },
    sysfs_remove_link: (h, name) => { const k = kobj(h); if (k) sysfs_remove_link(k, km.cString(name)); return 0; },
    sysfs_streq: (a, b) => (sysfs_streq(km.cString(a), km.cString(b)) ? 1 : 0),
    sysfs_emit: (buf, fmt, ap) => emit("sysfs_emit", buf, 0, fmt, ap),
    sysfs_emit_at: (buf, at, fmt, ap) => emit("sysfs_emit_at", buf, at, fmt, ap),
  };
}
