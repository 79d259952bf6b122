// "linux/seq_file": sequential files for drivers. A driver gives struct seq_operations
// (start, next, stop, show) or a single show function (single_open); seq_read prints records
// into a kernel buffer (one page, doubled whenever a record does not fit) and copies them out
// in whatever pieces the reader asks for. A read or lseek at an offset other than where the
// last read stopped walks the records again from the first one up to that offset, as Linux's
// traverse does, so a file is readable from any position. seq_printf formats with the
// kernel's vsprintf; a record that overflows the buffer is printed again into a bigger one.
import type { File } from "../../fs/file.js";
import { FMODE_PWRITE } from "../../fs/file.js";
import type { Inode } from "../../fs/inode.js";
import type { UserPtr } from "../../mm/mm.js";
import { vsprintf } from "./vsprintf.js";
import { copy_to_user } from "./uaccess.js";
import { kvmalloc, kvfree, GFP_KERNEL, type KBuffer } from "./slab.js";
import { IS_ERR, PTR_ERR } from "./errno.js";
import { EFAULT, EINVAL, ENOMEM, EAGAIN } from "../uapi/errno.js";
import { SEEK_SET, SEEK_CUR } from "../uapi/fcntl.js";
import { printk, KERN } from "../../kernel/printk.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

const PAGE_SIZE = 4096;
const enc = new TextEncoder();

/** Linux's (void *)1: the first record of a file with a header line. */
export const SEQ_START_TOKEN: unique symbol = Symbol("SEQ_START_TOKEN");
/** A show() that returns SEQ_SKIP drops what it printed for this record. */
export const SEQ_SKIP = 1;

type Ret<T> = T | Promise<T>;
/** struct seq_operations: start(m, pos), next(m, v, pos), stop(m, v), show(m, v); a record of null ends. */
export interface seq_operations {
  start(m: seq_file, pos: { value: number }): Ret<unknown>;
  next(m: seq_file, v: unknown, pos: { value: number }): Ret<unknown>;
  stop(m: seq_file, v: unknown): Ret<void>;
  show(m: seq_file, v: unknown): Ret<number | void>;
}

/** struct seq_file. */
export class seq_file {
  buf: KBuffer | null = null;
  size = 0;
  /** Where the unread part of buf starts, and how long it is. */
  from = 0;
  count = 0;
  pad_until = 0;
  /** The record seq_read continues with. */
  index = 0;
  /** The file offset the buffer's state stands for. */
  read_pos = 0;
  private: any = null;
  file: File | null = null;
  /** A walk an lseek started whose callbacks sleep: the next read waits for it. */
  pending: Promise<number> | null = null;
  constructor(public op: seq_operations) {}
}

const isEnd = (p: unknown) => p === null || p === undefined || IS_ERR(p);

/** seq_has_overflowed: the buffer is full, the record must be printed again into a bigger one. */
export const seq_has_overflowed = (m: seq_file) => m.count === m.size;
function setOverflow(m: seq_file): void { m.count = m.size; }

function append(m: seq_file, bytes: Uint8Array, roomForNul: boolean): boolean {
  if (!m.buf || m.count + bytes.length + (roomForNul ? 1 : 0) > m.size) { setOverflow(m); return false; }
  m.buf.set(bytes, m.count);
  m.count += bytes.length;
  return true;
}

/** seq_printf(m, fmt, ...): print into the record (an overflowing record marks the buffer full). */
export function seq_printf(m: seq_file, fmt: string, ...args: unknown[]): void {
  if (m.count < m.size) append(m, enc.encode(vsprintf(fmt, args)), true);
  else setOverflow(m);
}
export const seq_vprintf = (m: seq_file, fmt: string, args: readonly unknown[]) => seq_printf(m, fmt, ...args);
/** seq_puts(m, s). */
export function seq_puts(m: seq_file, s: string): void { append(m, enc.encode(s), true); }
/** seq_putc(m, c): one byte (a number or a one-character string); dropped when full. */
export function seq_putc(m: seq_file, c: string | number): void {
  if (!m.buf || m.count >= m.size) return;
  m.buf[m.count++] = typeof c === "number" ? c & 0xff : c.charCodeAt(0) & 0xff;
}
/** seq_write(m, data, len): 0, or -1 when it did not fit. */
export function seq_write(m: seq_file, data: Uint8Array | string, len?: number): number {
  const b = typeof data === "string" ? enc.encode(data) : data;
  const n = Math.min(len ?? b.length, b.length);
  if (m.buf && m.count + n < m.size) { m.buf.set(b.subarray(0, n), m.count); m.count += n; return 0; }
  setOverflow(m);
  return -1;
}

function growBuf(m: seq_file): boolean {
  const size = m.size ? m.size * 2 : PAGE_SIZE;
  if (m.buf) kvfree(m.buf);
  m.buf = kvmalloc(size, GFP_KERNEL);
  m.size = m.buf ? size : 0;
  m.count = 0;
  return m.buf !== null;
}

/**
 * Walk the records from the first up to file offset `offset`: 0, -EAGAIN (the buffer was grown:
 * walk again) or -errno. A generator whose yields are the driver's callbacks, so that the walk
 * is synchronous when they are (lseek) and waits when one sleeps.
 */
function* traverse(m: seq_file, offset: number): Generator<unknown, number, unknown> {
  let pos = 0, error = 0;
  m.index = 0;
  m.count = m.from = 0;
  if (!offset) return 0;
  if (!m.buf && !growBuf(m)) return -ENOMEM;
  const idx = { value: m.index };
  let p = yield m.op.start(m, idx);
  m.index = idx.value;
  while (p !== null && p !== undefined) {
    if (IS_ERR(p)) { error = PTR_ERR(p); break; }
    const r = ((yield m.op.show(m, p)) as number | undefined) ?? 0;
    if (r < 0) { error = r; break; }
    if (r > 0) m.count = 0;
    if (seq_has_overflowed(m)) {
      yield m.op.stop(m, p);
      if (!growBuf(m)) return -ENOMEM;
      return -EAGAIN;
    }
    const before = m.index;
    idx.value = m.index;
    p = yield m.op.next(m, p, idx);
    m.index = idx.value;
    stepped(m, before);
    if (pos + m.count > offset) {
      m.from = offset - pos;
      m.count -= m.from;
      break;
    }
    pos += m.count;
    m.count = 0;
    if (pos === offset) break;
  }
  yield m.op.stop(m, p);
  return error;
}

/** Run a generator, synchronously until one of its yields is a promise. */
function drive(g: Generator<unknown, number, unknown>): number | Promise<number> {
  let s = g.next();
  while (!s.done) {
    const v = s.value;
    if (v instanceof Promise) {
      return (async () => {
        let st = g.next(await v);
        while (!st.done) st = g.next(await st.value);
        return st.value;
      })();
    }
    s = g.next(v);
  }
  return s.value;
}

/** A next() that does not move the index is reported and stepped on. */
function stepped(m: seq_file, before: number): void {
  if (m.index === before) {
    printk(KERN(6) + "seq_file: buggy .next function did not update position index\n");
    m.index++;
  }
}

/** next(), keeping m.index. */
async function advance(m: seq_file, p: unknown): Promise<unknown> {
  const before = m.index;
  const idx = { value: m.index };
  const q = await m.op.next(m, p, idx);
  m.index = idx.value;
  stepped(m, before);
  return q;
}

/** traverse until it does not ask for a walk again. */
function reposition(m: seq_file, offset: number): number | Promise<number> {
  for (;;) {
    const r = drive(traverse(m, offset));
    if (r instanceof Promise) {
      return r.then(async (x) => {
        while (x === -EAGAIN) x = await drive(traverse(m, offset));
        return x;
      });
    }
    if (r !== -EAGAIN) return r;
  }
}

/** seq_read(file, buf, size, ppos): the file's proc_read / read; restartable at any *ppos. */
export async function seq_read(file: File, ubuf: UserPtr | number, size: number, ppos: { value: number }): Promise<number> {
  const m = file.private_data as seq_file;
  if (m.pending) {
    const p = m.pending;
    m.pending = null;
    const err = await p;
    if (err) return err;
  }
  if (!size) return 0;
  if (ppos.value === 0) { m.index = 0; m.count = 0; }
  if (ppos.value !== m.read_pos) {
    const err = await reposition(m, ppos.value);
    if (err) {
      m.read_pos = 0; m.index = 0; m.count = 0;
      return err;
    }
    m.read_pos = ppos.value;
  }
  if (!m.buf && !growBuf(m)) return -ENOMEM;

  let copied = 0, err = 0;
  const finish = (): number => {
    if (!copied) return m.count ? -EFAULT : err;
    ppos.value += copied;
    m.read_pos += copied;
    return copied;
  };
  const out = (n: number): boolean => {
    const left = copy_to_user((ubuf as number) + copied, m.buf!.subarray(m.from, m.from + n), n);
    const done = n - left;
    m.count -= done;
    m.from += done;
    copied += done;
    return left === 0;
  };
  // What the last read left in the buffer goes first.
  if (m.count) {
    const n = Math.min(m.count, size);
    if (!out(n) || m.count) return finish();
  }
  // Find a record that prints something, growing the buffer until it fits.
  m.from = 0;
  const idx = { value: m.index };
  let p = await m.op.start(m, idx);
  m.index = idx.value;
  for (;;) {
    if (isEnd(p)) { err = PTR_ERR(p); break; }
    m.count = 0;
    const r = (await m.op.show(m, p)) ?? 0;
    if (r < 0) { err = r; break; }
    if (r > 0) m.count = 0;
    if (!m.count) { p = await advance(m, p); continue; }
    if (!seq_has_overflowed(m)) break;
    await m.op.stop(m, p);
    if (!growBuf(m)) { m.count = 0; return finish() || -ENOMEM; }
    idx.value = m.index;
    p = await m.op.start(m, idx);
    m.index = idx.value;
  }
  if (isEnd(p) || err) {
    await m.op.stop(m, p);
    m.count = 0;
    return finish();
  }
  // Add whole records while the reader wants more and they fit.
  const want = size - copied;
  for (;;) {
    const offs = m.count;
    p = await advance(m, p);
    if (isEnd(p)) { err = PTR_ERR(p); break; }
    if (m.count >= want) break;
    const r = (await m.op.show(m, p)) ?? 0;
    if (r > 0) m.count = offs;
    else if (r < 0 || seq_has_overflowed(m)) { m.count = offs; break; }
  }
  await m.op.stop(m, p);
  out(Math.min(m.count, want));
  return finish();
}

/**
 * seq_lseek(file, offset, whence): SEEK_SET and SEEK_CUR; the records are walked to the new
 * offset. When a callback sleeps during the walk, lseek returns the offset and the next read
 * waits for the walk to finish (and returns its error, if any).
 */
export function seq_lseek(file: File, offset: number, whence: number): number {
  const m = file.private_data as seq_file;
  if (whence === SEEK_CUR) offset += file.f_pos;
  else if (whence !== SEEK_SET) return -EINVAL;
  if (offset < 0) return -EINVAL;
  // A walk is still under way: the next read walks again to this offset after it.
  if (m.pending) { file.f_pos = offset; return offset; }
  if (offset === m.read_pos) { file.f_pos = offset; return offset; }
  const fail = () => { file.f_pos = 0; m.read_pos = 0; m.index = 0; m.count = 0; };
  const r = reposition(m, offset);
  if (r instanceof Promise) {
    m.read_pos = offset;
    file.f_pos = offset;
    m.pending = r.then((x) => { if (x) fail(); return x; });
    return offset;
  }
  if (r) { fail(); return r; }
  m.read_pos = offset;
  file.f_pos = offset;
  return offset;
}

/** seq_open(file, op): attach a seq_file to file.private_data; 0. */
export function seq_open(file: File, op: seq_operations): number {
  if (file.private_data) printk(KERN(4) + "seq_open: file's private_data is already set\n");
  const m = new seq_file(op);
  m.file = file;
  file.private_data = m;
  // The position is the buffer's; pwrite makes no sense on a seq_file.
  file.mode &= ~FMODE_PWRITE;
  return 0;
}

/** seq_release(inode, file): free the buffer and the seq_file. */
export function seq_release(_inode: Inode, file: File): number {
  const m = file.private_data as seq_file | null;
  if (m) {
    if (m.buf) kvfree(m.buf);
    m.buf = null;
    m.size = m.count = 0;
  }
  file.private_data = null;
  return 0;
}

/** single_open(file, show, data): a file of one record printed by show(m, v); m.private is data. */
export function single_open(file: File, show: (m: seq_file, v: unknown) => Ret<number | void>, data: unknown): number {
  const op: seq_operations = {
    start: (_m, pos) => (pos.value ? null : SEQ_START_TOKEN),
    next: (_m, _v, pos) => { pos.value++; return null; },
    stop: () => {},
    show,
  };
  const r = seq_open(file, op);
  if (r === 0) (file.private_data as seq_file).private = data;
  return r;
}

/** single_open_size: single_open with a first buffer of at least size bytes. */
export function single_open_size(file: File, show: (m: seq_file, v: unknown) => Ret<number | void>, data: unknown, size: number): number {
  const r = single_open(file, show, data);
  const m = file.private_data as seq_file;
  m.buf = kvmalloc(Math.max(size, PAGE_SIZE), GFP_KERNEL);
  if (!m.buf) { seq_release(file.f_inode, file); return -ENOMEM; }
  m.size = m.buf.length;
  return r;
}

/** single_release(inode, file). */
export const single_release = seq_release;

/** seq_open_private(file, ops, psize): seq_open with a zeroed private area of psize bytes. */
export function seq_open_private(file: File, op: seq_operations, psize: number): number {
  const priv = kvmalloc(psize, GFP_KERNEL | 0x100);
  if (!priv) return -ENOMEM;
  seq_open(file, op);
  (file.private_data as seq_file).private = priv;
  return 0;
}
/** seq_release_private: seq_release that frees the private area too. */
export function seq_release_private(inode: Inode, file: File): number {
  const m = file.private_data as seq_file | null;
  if (m?.private) kvfree(m.private as KBuffer);
  return seq_release(inode, file);
}

export const api = {
  seq_open, seq_read, seq_lseek, seq_release, single_open, single_open_size, single_release, seq_open_private,
  seq_release_private, seq_printf, seq_vprintf, seq_puts, seq_putc, seq_write, seq_has_overflowed, SEQ_START_TOKEN,
  SEQ_SKIP,
};
exportHeader("linux/seq_file", api);
