// Character devices for C modules: the kernel's chrdev, class and device calls as C makes them
// (linux/fs.h, linux/device.h, linux/uaccess.h in the build directory), and a C struct
// file_operations turned into the VFS's operations. The kernel keeps a C view of each open file
// and its inode in kernel memory (struct file with f_flags, f_mode, f_pos, private_data and
// f_path.dentry->d_name; struct inode with i_mode, i_rdev, i_size, i_private), refreshed before
// each call into the driver, so its code reads them as Linux's. Objects C only holds (a class, a
// device) are handles: a small block of kernel memory standing for the kernel's object.
import {
  register_chrdev_region, alloc_chrdev_region, unregister_chrdev_region, __register_chrdev, __unregister_chrdev,
  cdev_init, cdev_alloc, cdev_add, cdev_del, type file_operations, type cdev as Cdev,
} from "../../include/linux/fs.js";
import { class_create, class_destroy, device_create, device_destroy, type class_, type device } from "../../include/linux/device.js";
import { copy_to_user, copy_from_user, simple_read_from_buffer, simple_write_to_buffer } from "../../include/linux/uaccess.js";
import { misc_register, misc_deregister, type miscdevice } from "../../include/linux/miscdevice.js";
import { ErrPtr } from "../../include/linux/errno.js";
import { try_module_get, module_put } from "./refcount.js";
import { cVsprintf } from "./c_format.js";
import { callC } from "./c_sleep.js";
import { cSlab } from "./c_slab.js";
import type { KernelMemory } from "../../mm/kernel_memory.js";
import { kernelFunctionOf } from "./c_funcref.js";
import type { File } from "../../fs/file.js";
import type { Inode } from "../../fs/inode.js";
import type { UserPtr } from "../../mm/mm.js";

// The layouts of linux/fs.h's structures (ILP32, loff_t 8-aligned).
const INODE = { i_mode: 0, i_rdev: 4, i_size: 8, i_private: 16, size: 24 };
const DENTRY = { d_name_len: 4, d_name_name: 8, d_inode: 12, size: 16 };
const FILE = { f_path_dentry: 4, f_inode: 8, f_flags: 12, f_mode: 16, f_pos: 24, private_data: 32, size: 40 };
/** struct class (linux/device.h): its name and the devnode callback, in the class's handle. */
const CLASS = { name: 0, devnode: 12 };
/** struct cdev (linux/cdev.h). */
const CDEV = { owner: 4, ops: 8, dev: 12, count: 16, size: 20 };
/** struct miscdevice (linux/miscdevice.h). */
const MISC = { minor: 0, name: 4, fops: 8, this_device: 24, nodename: 32, mode: 36 };
/** struct file_operations's members, in the header's order. */
const FOPS = ["owner", "llseek", "read", "write", "poll", "unlocked_ioctl", "compat_ioctl", "mmap", "open", "flush", "release", "fsync"] as const;

type Fn = (...a: unknown[]) => unknown;

export class CDevices {
  private handles = new Map<number, unknown>();
  private inodes = new WeakMap<Inode, number>();
  private files = new WeakMap<File, number>();
  private fileViews = new Map<number, File>();
  /** The kernel's cdev of each added C struct cdev, by address. */
  private cdevs = new Map<number, Cdev>();
  /** Registered C struct miscdevices, by address. */
  private miscs = new Map<number, miscdevice>();
  /** __this_module of each C module: its address -> the module's name. */
  readonly modules = new Map<number, string>();

  constructor(private km: KernelMemory) {}

  handle(obj: unknown): number {
    const h = this.km.alloc(16);
    this.handles.set(h, obj);
    return h;
  }
  object<T>(h: number): T | undefined { return this.handles.get(h) as T | undefined; }
  drop(h: number): void { if (this.handles.delete(h)) this.km.release(h); }

  /** The C view of inode, refreshed. */
  cInode(inode: Inode): number {
    let p = this.inodes.get(inode);
    if (!p) { p = this.km.alloc(INODE.size); this.km.bytes.fill(0, p, p + INODE.size); this.inodes.set(inode, p); }
    const dv = this.km.view;
    dv.setUint16(p + INODE.i_mode, inode.mode & 0xffff, true);
    dv.setUint32(p + INODE.i_rdev, inode.rdev >>> 0, true);
    dv.setBigInt64(p + INODE.i_size, BigInt(inode.size), true);
    return p;
  }

  /** The C view of file, made at its first call and refreshed. */
  cFile(file: File): number {
    const dv = this.km.view;
    let p = this.files.get(file);
    if (!p) {
      const name = new TextEncoder().encode(file.path.dentry.name);
      p = this.km.alloc(FILE.size + DENTRY.size + name.length + 1);
      this.km.bytes.fill(0, p, p + FILE.size + DENTRY.size);
      const d = p + FILE.size, n = d + DENTRY.size;
      this.km.bytes.set(name, n);
      this.km.bytes[n + name.length] = 0;
      dv.setUint32(d + DENTRY.d_name_len, name.length, true);
      dv.setUint32(d + DENTRY.d_name_name, n, true);
      dv.setUint32(p + FILE.f_path_dentry, d, true);
      this.files.set(file, p);
      this.fileViews.set(p, file);
    }
    const ip = this.cInode(file.inode);
    dv.setUint32(p + FILE.f_path_dentry + DENTRY.d_inode, ip, true);
    dv.setUint32(p + FILE.f_inode, ip, true);
    dv.setUint32(p + FILE.f_flags, file.flags >>> 0, true);
    dv.setUint32(p + FILE.f_mode, file.mode >>> 0, true);
    dv.setBigInt64(p + FILE.f_pos, BigInt(file.pos), true);
    return p;
  }

  /** A C struct file_operations as the kernel's: each member a call through the table. */
  fops(addr: number): file_operations {
    const dv = this.km.view;
    const fn = (name: (typeof FOPS)[number]): Fn | null => {
      const idx = dv.getUint32(addr + 4 * FOPS.indexOf(name), true);
      return idx ? kernelFunctionOf(this.km.table.get(idx) as Fn) : null;
    };
    const owner = this.modules.get(dv.getUint32(addr, true));
    const f: file_operations = { owner: owner ? { name: owner } : null };
    const open = fn("open"), release = fn("release"), read = fn("read"), write = fn("write"), llseek = fn("llseek");
    const ioctl = fn("unlocked_ioctl"), compat = fn("compat_ioctl"), flush = fn("flush");
    const rw = (g: Fn) => this.readWrite(g);
    if (open) f.open = (inode, file) => this.enterC(open, this.cInode(inode), this.cFile(file)) as number | Promise<number>;
    if (release) {
      f.release = (inode, file) => {
        const r = this.enterC(release, this.cInode(inode), this.cFile(file)) as number | Promise<number>;
        if (r instanceof Promise) return r.finally(() => this.releaseFile(file));
        this.releaseFile(file);
        return r;
      };
    }
    if (read) f.read = rw(read);
    if (write) f.write = rw(write);
    if (llseek) f.llseek = this.lseekOp(llseek);
    if (ioctl) f.unlocked_ioctl = (file, cmd, arg) => this.enterC(ioctl, this.cFile(file), cmd >>> 0, arg >>> 0) as number | Promise<number>;
    if (compat) f.compat_ioctl = (file, cmd, arg) => this.enterC(compat, this.cFile(file), cmd >>> 0, arg >>> 0) as number;
    if (flush) f.flush = (file) => this.enterC(flush, this.cFile(file), 0) as number;
    return f;
  }

  /**
   * A C llseek: it moves file->f_pos itself, as Linux's do, and the kernel's file follows
   * (unless the function was a kernel one, such as seq_lseek, that moved the kernel's file).
   */
  lseekOp(g: Fn): (file: File, offset: number, whence: number) => number {
    return (file, offset, whence) => {
      const fp = this.cFile(file);
      const before = this.km.view.getBigInt64(fp + FILE.f_pos, true);
      const r = Number(this.enterC(g, fp, BigInt(offset), whence) as bigint);
      const after = this.km.view.getBigInt64(fp + FILE.f_pos, true);
      if (after !== before) file.pos = Number(after);
      return r;
    };
  }

  /** A C read or write: it gets &file->f_pos as its position, and the kernel's copy follows it. */
  readWrite(g: Fn): (file: File, buf: UserPtr, count: number, ppos: { value: number }) => number | Promise<number> {
    return (file, buf, count, ppos) => {
      const fp = this.cFile(file);
      this.km.view.setBigInt64(fp + FILE.f_pos, BigInt(ppos.value), true);
      const done = (r: number) => { ppos.value = Number(this.km.view.getBigInt64(fp + FILE.f_pos, true)); return r; };
      const r = this.enterC(g, fp, buf, count >>> 0, fp + FILE.f_pos) as number | Promise<number>;
      return r instanceof Promise ? r.then(done) : done(r);
    };
  }

  /** Run f on the C loff_t at ppos as a { value } box, and store what f leaves there. */
  withPos(ppos: number, f: (pos: { value: number }) => number): number {
    const pos = { value: Number(this.km.view.getBigInt64(ppos, true)) };
    const r = f(pos);
    this.km.view.setBigInt64(ppos, BigInt(pos.value), true);
    return r;
  }

  /** Forget file's C view once its last call is made (release). */
  releaseFile(file: File): void {
    const p = this.files.get(file);
    if (p) { this.files.delete(file); this.fileViews.delete(p); this.km.release(p); }
  }

  /** The file whose C view is at p (a struct file * C code hands back to the kernel). */
  fileAt(p: number): File | undefined { return this.fileViews.get(p); }

  /** Set the C view's file->private_data (the kernel's own helpers, such as seq_open, do). */
  setPrivateData(p: number, value: number): void { this.km.view.setUint32(p + FILE.private_data, value, true); }

  /** Call C code: its value, or a Promise of it when the code slept (c_sleep.ts). */
  enterC(f: Fn, ...args: unknown[]): unknown {
    return callC(this.km, f, args);
  }

  /** The C API of this file's calls. */
  api(): Record<string, (...a: number[]) => number> {
    const km = this.km;
    const errOr = (v: unknown) => (v instanceof ErrPtr ? v.err : v);
    const ownerOf = (p: number) => { const n = this.modules.get(p); return n ? { name: n } : null; };
    return {
      __register_chrdev: (major, base, count, name, fops) => __register_chrdev(major, base, count, km.cString(name), this.fops(fops)),
      __unregister_chrdev: (major, base, count, name) => { __unregister_chrdev(major, base, count, km.cString(name)); return 0; },
      register_chrdev_region: (from, count, name) => register_chrdev_region(from, count, km.cString(name)),
      alloc_chrdev_region: (dev, baseminor, count, name) => {
        const d = { value: 0 };
        const r = alloc_chrdev_region(d, baseminor >>> 0, count >>> 0, km.cString(name));
        if (r === 0) km.view.setUint32(dev, d.value >>> 0, true);
        return r;
      },
      unregister_chrdev_region: (from, count) => { unregister_chrdev_region(from >>> 0, count >>> 0); return 0; },
      // struct cdev: the kernel's cdev is made at cdev_add, from the C struct's ops and owner.
      cdev_init: (p, fops) => {
        km.bytes.fill(0, p, p + CDEV.size);
        km.view.setUint32(p + CDEV.ops, fops >>> 0, true);
        return 0;
      },
      cdev_alloc: () => {
        const p = km.alloc(CDEV.size);
        if (p) km.bytes.fill(0, p, p + CDEV.size);
        return p;
      },
      cdev_add: (p, dev, count) => {
        const dv = km.view;
        const fops = this.fops(dv.getUint32(p + CDEV.ops, true));
        if (!fops.owner) fops.owner = ownerOf(dv.getUint32(p + CDEV.owner, true));
        const c = cdev_alloc();
        cdev_init(c, fops);
        const r = cdev_add(c, dev >>> 0, count >>> 0);
        if (r) return r;
        dv.setUint32(p + CDEV.dev, dev >>> 0, true);
        dv.setUint32(p + CDEV.count, count >>> 0, true);
        this.cdevs.set(p, c);
        return 0;
      },
      cdev_del: (p) => {
        const c = this.cdevs.get(p);
        if (c) { this.cdevs.delete(p); cdev_del(c); }
        return 0;
      },
      class_create: (name) => {
        const c = errOr(class_create(km.cString(name)));
        if (typeof c === "number") return c;
        const h = this.handle(c);
        km.bytes.fill(0, h, h + 16);
        km.view.setUint32(h + CLASS.name, name >>> 0, true);
        // cls->devnode, set by the C code after class_create: the node's mode (and name).
        (c as class_).devnode = (_dev, mode) => {
          const fn = km.view.getUint32(h + CLASS.devnode, true);
          if (!fn) return null;
          const m = km.alloc(4);
          km.view.setUint16(m, mode.value, true);
          try {
            const r = this.enterC(kernelFunctionOf(km.table.get(fn) as Fn), 0, m) as number;
            mode.value = km.view.getUint16(m, true);
            return r ? km.cString(r) : null;
          } finally {
            km.release(m);
          }
        };
        return h;
      },
      class_destroy: (h) => { const c = this.object<class_>(h); if (c) { class_destroy(c); this.drop(h); } return 0; },
      device_create: (cls, parent, devt, drvdata, fmt, ap) => {
        const c = this.object<class_>(cls);
        if (!c) return -22;
        const d = errOr(device_create(c, (this.object<device>(parent) ?? null), devt >>> 0, drvdata, "%s", cVsprintf(km, fmt, ap)));
        return typeof d === "number" ? d : this.handle(d);
      },
      device_destroy: (cls, devt) => {
        const c = this.object<class_>(cls);
        if (c) device_destroy(c, devt >>> 0);
        for (const [h, o] of this.handles) if ((o as { devt?: number } | null)?.devt === devt >>> 0 && (o as { cls?: unknown }).cls === c) this.drop(h);
        return 0;
      },
      // Hardened usercopy's checks of the kernel side first (c_slab.ts); n is an unsigned long.
      _copy_to_user: (to, from, n) => {
        n >>>= 0;
        if (!cSlab(km).__check_object_size(from >>> 0, n, true)) return n;
        return copy_to_user(to as UserPtr, km.bytes.subarray(from >>> 0, (from >>> 0) + n), n);
      },
      _copy_from_user: (to, from, n) => {
        n >>>= 0;
        if (!cSlab(km).__check_object_size(to >>> 0, n, false)) return n;
        return copy_from_user(km.bytes.subarray(to >>> 0, (to >>> 0) + n), from as UserPtr, n);
      },
      // linux/fs.h's helpers of read and write handlers: *ppos (a loff_t) moves by what was copied.
      simple_read_from_buffer: (to, count, ppos, from, available) =>
        this.withPos(ppos, (pos) => simple_read_from_buffer(to as UserPtr, count >>> 0, pos, km.bytes.subarray(from, from + (available >>> 0)))),
      simple_write_to_buffer: (to, available, ppos, from, count) =>
        this.withPos(ppos, (pos) => simple_write_to_buffer(km.bytes.subarray(to, to + (available >>> 0)), available >>> 0, pos, from as UserPtr, count >>> 0)),
      misc_register: (p) => {
        const dv = km.view;
        const misc: miscdevice = {
          minor: dv.getInt32(p + MISC.minor, true), name: km.cString(dv.getUint32(p + MISC.name, true)),
          fops: this.fops(dv.getUint32(p + MISC.fops, true)), mode: dv.getUint16(p + MISC.mode, true) || undefined,
          nodename: dv.getUint32(p + MISC.nodename, true) ? km.cString(dv.getUint32(p + MISC.nodename, true)) : undefined,
        };
        const r = misc_register(misc);
        if (r) return r;
        this.miscs.set(p, misc);
        dv.setInt32(p + MISC.minor, misc.minor, true);
        dv.setUint32(p + MISC.this_device, misc.this_device ? this.handle(misc.this_device) : 0, true);
        return 0;
      },
      misc_deregister: (p) => {
        const misc = this.miscs.get(p);
        if (!misc) return 0;
        this.miscs.delete(p);
        misc_deregister(misc);
        const dv = km.view;
        this.drop(dv.getUint32(p + MISC.this_device, true));
        dv.setUint32(p + MISC.this_device, 0, true);
        dv.setInt32(p + MISC.minor, misc.minor, true);
        return 0;
      },
      try_module_get: (mod) => (try_module_get(ownerOf(mod)) ? 1 : 0),
      module_put: (mod) => { module_put(ownerOf(mod)); return 0; },
    };
  }
}
