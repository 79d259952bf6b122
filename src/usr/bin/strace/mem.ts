// Reading a tracee's memory the way strace does without process_vm_readv: word by word with
// PTRACE_PEEKDATA. Strings stop at their NUL or at a length limit.
import { ptrace_peek, PTRACE_PEEKDATA } from "../../../lib/libc/sys/ptrace.js";

/** len bytes at addr, or null when any of them cannot be read. */
export async function peekBytes(pid: number, addr: bigint, len: number): Promise<Uint8Array | null> {
  const out = new Uint8Array(len);
  const start = addr & ~7n;
  for (let off = 0; off < len + Number(addr - start); off += 8) {
    const w = await ptrace_peek(PTRACE_PEEKDATA, pid, Number(start + BigInt(off)));
    if (w === null) return off === 0 ? null : out.subarray(0, Math.max(0, off - Number(addr - start)));
    for (let i = 0; i < 8; i++) {
      const o = off + i - Number(addr - start);
      if (o >= 0 && o < len) out[o] = Number((w >> BigInt(8 * i)) & 0xffn);
    }
  }
  return out;
}

/** A NUL-terminated string of at most max bytes; { bytes, terminated }, or null if unreadable. */
export async function peekCString(pid: number, addr: bigint, max: number): Promise<{ bytes: Uint8Array; terminated: boolean } | null> {
  const parts: number[] = [];
  let p = addr;
  while (parts.length < max) {
    const chunk = await peekBytes(pid, p, 8 - Number(p & 7n));
    if (chunk === null || chunk.length === 0) return parts.length ? { bytes: Uint8Array.from(parts), terminated: false } : null;
    for (const b of chunk) {
      if (b === 0) return { bytes: Uint8Array.from(parts), terminated: true };
      parts.push(b);
      if (parts.length >= max) break;
    }
    p += BigInt(chunk.length);
  }
  return { bytes: Uint8Array.from(parts), terminated: false };
}

export async function peekU64(pid: number, addr: bigint): Promise<bigint | null> {
  const b = await peekBytes(pid, addr, 8);
  return b && b.length === 8 ? new DataView(b.buffer, b.byteOffset).getBigUint64(0, true) : null;
}
