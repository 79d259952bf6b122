// /proc files of C modules: proc_create, proc_mkdir, proc_remove and remove_proc_entry as C
// calls them (linux/proc_fs.h), a C struct proc_ops turned into the kernel's, over the same C
// views of files and inodes as character devices (c_chrdev.ts).
import { proc_create_data, proc_mkdir_data, proc_remove, remove_proc_entry, type proc_ops, type proc_dir_entry } from "../../include/linux/proc_fs.js";
import type { CDevices } from "./c_chrdev.js";
import type { KernelMemory } from "../../mm/kernel_memory.js";
import { kernelFunctionOf } from "./c_funcref.js";

/** struct proc_ops's members after proc_flags, in the header's order. */
const PROC_OPS = ["proc_open", "proc_read", "proc_write", "proc_lseek", "proc_release", "proc_poll", "proc_ioctl"] as const;
type Fn = (...a: unknown[]) => unknown;

function procOps(km: KernelMemory, dev: CDevices, addr: number): proc_ops {
  const dv = km.view;
  const fn = (name: (typeof PROC_OPS)[number]): Fn | null => {
    const idx = dv.getUint32(addr + 4 + 4 * PROC_OPS.indexOf(name), true);
    return idx ? kernelFunctionOf(km.table.get(idx) as Fn) : null;
  };
  const ops: proc_ops = { proc_flags: dv.getUint32(addr, true) };
  const open = fn("proc_open"), read = fn("proc_read"), write = fn("proc_write"), lseek = fn("proc_lseek"), release = fn("proc_release");
  const ioctl = fn("proc_ioctl");
  if (open) ops.proc_open = (inode, file) => dev.enterC(open, dev.cInode(inode), dev.cFile(file)) as number | Promise<number>;
  if (read) ops.proc_read = dev.readWrite(read);
  if (write) ops.proc_write = dev.readWrite(write);
  if (lseek) ops.proc_lseek = dev.lseekOp(lseek);
  if (ioctl) ops.proc_ioctl = (file, cmd, arg) => dev.enterC(ioctl, dev.cFile(file), cmd >>> 0, arg >>> 0) as number;
  ops.proc_release = (inode, file) => {
    const r = release ? (dev.enterC(release, dev.cInode(inode), dev.cFile(file)) as number | Promise<number>) : 0;
    if (r instanceof Promise) return r.finally(() => dev.releaseFile(file));
    dev.releaseFile(file);
    return r;
  };
  return ops;
}

/** The C API of /proc. */
export function cProcApi(km: KernelMemory, dev: CDevices): Record<string, (...a: number[]) => number> {
  const entry = (h: number) => (h ? dev.object<proc_dir_entry>(h) ?? null : null);
  const handleOf = (de: proc_dir_entry | null) => (de ? dev.handle(de) : 0);
  return {
    proc_create: (name, mode, parent, ops) => handleOf(proc_create_data(km.cString(name), mode, entry(parent), procOps(km, dev, ops), null)),
    proc_create_data: (name, mode, parent, ops, data) => handleOf(proc_create_data(km.cString(name), mode, entry(parent), procOps(km, dev, ops), data)),
    proc_mkdir: (name, parent) => handleOf(proc_mkdir_data(km.cString(name), 0, entry(parent), null)),
    proc_remove: (h) => { void proc_remove(entry(h)); dev.drop(h); return 0; },
    remove_proc_entry: (name, parent) => { remove_proc_entry(km.cString(name), entry(parent)); return 0; },
  };
}
