// An I/O iterator: the memory a read fills or a write drains, in a user address space (one or
// several segments, for readv/writev) or in a kernel buffer (kernel_read, exec, pipes between
// kernel objects). Filesystems and drivers move data only through it.
import type { MmStruct, UserPtr } from "../mm/mm.js";
import { copyToUser, userView, clearUser } from "../mm/uaccess.js";

interface Segment { base: number; len: number }

export class IovIter {
  private seg = 0;
  private off = 0;
  /** Bytes still to transfer. */
  count: number;

  private constructor(private readonly mm: MmStruct | null, private readonly kbuf: Uint8Array | null, private readonly segs: Segment[]) {
    this.count = segs.reduce((n, s) => n + s.len, 0);
  }

  static user(mm: MmStruct, base: UserPtr, len: number): IovIter {
    return new IovIter(mm, null, [{ base, len }]);
  }
  static userVec(mm: MmStruct, segs: Segment[]): IovIter {
    return new IovIter(mm, null, segs.filter((s) => s.len > 0));
  }
  static kernel(buf: Uint8Array): IovIter {
    return new IovIter(null, buf, [{ base: 0, len: buf.length }]);
  }

  /** Copy data into the destination; returns bytes copied (short only at the end). EFAULT on a bad user address. */
  copyOut(data: Uint8Array): number {
    let done = 0;
    while (done < data.length && this.seg < this.segs.length) {
      const s = this.segs[this.seg];
      const n = Math.min(s.len - this.off, data.length - done);
      const chunk = data.subarray(done, done + n);
      if (this.kbuf) this.kbuf.set(chunk, s.base + this.off);
      else copyToUser(this.mm!, (s.base + this.off) as UserPtr, chunk);
      this.advanceBy(n);
      done += n;
    }
    return done;
  }

  /** Fill n bytes of the destination with zeros (reads of /dev/zero). */
  zero(n: number): number {
    let done = 0;
    while (done < n && this.seg < this.segs.length) {
      const s = this.segs[this.seg];
      const k = Math.min(s.len - this.off, n - done);
      if (this.kbuf) this.kbuf.fill(0, s.base + this.off, s.base + this.off + k);
      else clearUser(this.mm!, (s.base + this.off) as UserPtr, k);
      this.advanceBy(k);
      done += k;
    }
    return done;
  }

  /** Take up to n bytes from the source, as a view that is valid until the task runs again. */
  copyIn(n: number): Uint8Array {
    n = Math.min(n, this.count);
    const s = this.segs[this.seg];
    if (s && s.len - this.off >= n) {
      const view = this.kbuf ? this.kbuf.subarray(s.base + this.off, s.base + this.off + n)
        : userView(this.mm!, (s.base + this.off) as UserPtr, n);
      this.advanceBy(n);
      return view;
    }
    const out = new Uint8Array(n);
    let done = 0;
    while (done < n) {
      const seg = this.segs[this.seg];
      const k = Math.min(seg.len - this.off, n - done);
      out.set(this.kbuf ? this.kbuf.subarray(seg.base + this.off, seg.base + this.off + k)
        : userView(this.mm!, (seg.base + this.off) as UserPtr, k), done);
      this.advanceBy(k);
      done += k;
    }
    return out;
  }

  /** Skip n bytes of the source (writes to /dev/null), checking the addresses. */
  skip(n: number): number {
    n = Math.min(n, this.count);
    let done = 0;
    while (done < n) {
      const seg = this.segs[this.seg];
      const k = Math.min(seg.len - this.off, n - done);
      if (!this.kbuf) userView(this.mm!, (seg.base + this.off) as UserPtr, k);
      this.advanceBy(k);
      done += k;
    }
    return done;
  }

  /** For module read/write ops: the current user segment (address and length), if any. */
  userSegment(): { base: UserPtr; len: number } | null {
    if (this.kbuf || this.seg >= this.segs.length) return null;
    const s = this.segs[this.seg];
    return { base: (s.base + this.off) as UserPtr, len: s.len - this.off };
  }

  isKernel(): boolean { return this.kbuf !== null; }

  advanceBy(n: number): void {
    this.count -= n;
    this.off += n;
    while (this.seg < this.segs.length && this.off >= this.segs[this.seg].len) {
      this.off -= this.segs[this.seg].len;
      this.seg++;
    }
  }
}
