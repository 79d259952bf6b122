// seq_file for C modules (linux/seq_file.h in the build directory): seq_open with a C struct
// seq_operations, single_open with a C show function, seq_printf and its kin, and seq_read,
// seq_lseek, seq_release and single_release, which C code puts in its proc_ops or
// file_operations by address (c_funcref.ts). The kernel's own seq_file does the work; C sees
// struct seq_file as a view holding `private`, and each record's position through a loff_t
// in that view.
import * as seq from "../../include/linux/seq_file.js";
import { cVsprintf } from "./c_format.js";
import { callC } from "./c_sleep.js";
import type { CDevices } from "./c_chrdev.js";
import type { KernelMemory } from "../../mm/kernel_memory.js";
import type { File } from "../../fs/file.js";
import type { UserPtr } from "../../mm/mm.js";

type CFunction = (...args: never[]) => unknown;
/** struct seq_file's C view: the kernel's handle, private, and the position the callbacks get. */
const SEQ = { private: 4, pos: 8, size: 16 };
const EBADF = 9;

export function cSeqApi(km: KernelMemory, dev: CDevices): Record<string, CFunction> {
  const views = new Map<seq.seq_file, number>();
  const seqAt = new Map<number, seq.seq_file>();
  const fnAt = (addr: number, i: number) => km.table.get(km.view.getUint32(addr + 4 * i, true)) as (...a: unknown[]) => unknown;
  const ptr = (r: unknown) => (r === 0 ? null : r);
  const then = <T>(r: unknown, f: (v: number) => T): T | Promise<T> => (r instanceof Promise ? r.then(f) : f(r as number));

  /** Call a C callback with the record position in the view: pos is read back after it. */
  function withPos(m: seq.seq_file, pos: { value: number }, f: (...a: unknown[]) => unknown, args: unknown[]) {
    const v = views.get(m)!;
    km.view.setBigInt64(v + SEQ.pos, BigInt(pos.value), true);
    return then(callC(km, f, [v, ...args, v + SEQ.pos]), (r) => { pos.value = Number(km.view.getBigInt64(v + SEQ.pos, true)); return ptr(r); });
  }

  /** A C struct seq_operations (start, stop, next, show) as the kernel's. */
  function cOps(addr: number): seq.seq_operations {
    const start = fnAt(addr, 0), stop = fnAt(addr, 1), next = fnAt(addr, 2), show = fnAt(addr, 3);
    return {
      start: (m, pos) => withPos(m, pos, start, []),
      next: (m, v, pos) => withPos(m, pos, next, [v ?? 0]),
      stop: (m, v) => then(callC(km, stop, [views.get(m)!, v ?? 0]), () => {}),
      show: (m, v) => callC(km, show, [views.get(m)!, v ?? 0]) as number | Promise<number>,
    };
  }

  /** Open file's seq_file with ops; its C view in the C file's private_data. */
  function open(cfile: number, ops: seq.seq_operations, data: number): number {
    const file = dev.fileAt(cfile);
    if (!file) return -EBADF;
    const r = seq.seq_open(file, ops);
    if (r) return r;
    const m = file.private_data as seq.seq_file;
    const v = km.alloc(SEQ.size);
    km.bytes.fill(0, v, v + SEQ.size);
    km.view.setUint32(v + SEQ.private, data >>> 0, true);
    m.private = data;
    views.set(m, v);
    seqAt.set(v, m);
    dev.setPrivateData(cfile, v);
    return 0;
  }

  function release(cfile: number): number {
    const file = dev.fileAt(cfile);
    if (!file) return 0;
    const m = file.private_data as seq.seq_file | null;
    const v = m ? views.get(m) : undefined;
    if (m && v) { views.delete(m); seqAt.delete(v); km.release(v); }
    return seq.seq_release(file.inode, file);
  }

  const fileOf = (cfile: number): File => dev.fileAt(cfile)!;
  const m = (v: number) => seqAt.get(v)!;
  return {
    seq_open: (cfile: number, ops: number) => open(cfile, cOps(ops), 0),
    single_open: (cfile: number, show: number, data: number) => {
      const f = km.table.get(show) as (...a: unknown[]) => unknown;
      return open(cfile, {
        start: (_m, pos) => (pos.value ? null : 1),
        next: (_m, _v, pos) => { pos.value++; return null; },
        stop: () => {},
        show: (sm, v) => callC(km, f, [views.get(sm)!, v ?? 0]) as number | Promise<number>,
      }, data);
    },
    seq_release: (_cinode: number, cfile: number) => release(cfile),
    single_release: (_cinode: number, cfile: number) => release(cfile),
    seq_read: (cfile: number, buf: number, count: number, ppos: number) => {
      const file = dev.fileAt(cfile);
      if (!file) return -EBADF;
      const p = { value: Number(km.view.getBigInt64(ppos, true)) };
      return seq.seq_read(file, buf as UserPtr, count >>> 0, p).then((n) => { km.view.setBigInt64(ppos, BigInt(p.value), true); return n; });
    },
    seq_lseek: (cfile: number, offset: bigint, whence: number) => BigInt(seq.seq_lseek(fileOf(cfile), Number(offset), whence)),
    seq_printf: (v: number, fmt: number, ap: number) => { seq.seq_puts(m(v), cVsprintf(km, fmt, ap)); return 0; },
    seq_vprintf: (v: number, fmt: number, ap: number) => { seq.seq_puts(m(v), cVsprintf(km, fmt, ap)); return 0; },
    seq_puts: (v: number, s: number) => { seq.seq_puts(m(v), km.cString(s)); return 0; },
    seq_putc: (v: number, c: number) => { seq.seq_putc(m(v), c & 0xff); return 0; },
    seq_write: (v: number, data: number, len: number) => seq.seq_write(m(v), km.bytes.slice(data, data + len), len),
    seq_has_overflowed: (v: number) => (seq.seq_has_overflowed(m(v)) ? 1 : 0),
  };
}
