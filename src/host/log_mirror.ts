// The kernel log mirrored in shared memory, as ramoops keeps it in RAM that survives a reset:
// the kernel thread appends each record as dmesg prints it; the host reads the buffer when the
// thread stops answering (or reboots), so the log of the boot that ended is not lost.
// Layout: Int32 [0] bytes ever written; the ring of LOG_RING bytes after 8 bytes of header.
// Each record starts with "\n" (a continuation line extends the one before in place).
import type { Worker } from "node:worker_threads";
import { onLogRecord, formatTimestamp } from "../kernel/printk.js";

const LOG_RING = 1 << 18;
export const LOG_MIRROR_BYTES = 8 + LOG_RING;

/** The kernel side: mirror every record from now on (and those already logged). */
export function mirrorLog(sab: SharedArrayBuffer, existing: { seq: number; usec: number; text: string }[]): void {
  const head = new Int32Array(sab, 0, 2);
  const ring = new Uint8Array(sab, 8, LOG_RING);
  const enc = new TextEncoder();
  const append = (s: string) => {
    const b = enc.encode(s);
    let at = Atomics.load(head, 0);
    for (let i = 0; i < b.length; i++) ring[(at + i) % LOG_RING] = b[i];
    at += b.length;
    Atomics.store(head, 0, at > 0x7fff0000 ? (at % LOG_RING) + LOG_RING : at);
  };
  let lastSeq = -1, lastLen = 0;
  const add = (r: { seq: number; usec: number; text: string }) => {
    if (r.seq === lastSeq) append(r.text.slice(lastLen));
    else append("\n" + formatTimestamp(r.usec) + r.text);
    lastSeq = r.seq;
    lastLen = r.text.length;
  };
  existing.forEach(add);
  onLogRecord(add);
}

/** The host side: the log as dmesg would have printed it (its oldest lines lost if the ring wrapped). */
export function readMirroredLog(sab: SharedArrayBuffer): string {
  const written = Atomics.load(new Int32Array(sab, 0, 2), 0);
  const ring = new Uint8Array(sab, 8, LOG_RING);
  let bytes: Uint8Array;
  if (written <= LOG_RING) bytes = ring.slice(0, written);
  else {
    const at = written % LOG_RING;
    bytes = new Uint8Array(LOG_RING);
    bytes.set(ring.subarray(at), 0);
    bytes.set(ring.subarray(0, at), LOG_RING - at);
  }
  let text = new TextDecoder().decode(bytes);
  const first = text.indexOf("\n");
  text = written > LOG_RING ? text.slice(first + 1) : text.slice(1); // a line cut by the wrap goes
  return text ? text + "\n" : "";
}

/** The mirror of each kernel thread. */
export const logMirrors = new WeakMap<Worker, SharedArrayBuffer>();
