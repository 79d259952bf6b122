// Whole files as bytes through libc, for the C driver and ar: in a user program's Worker every
// call completes before it returns, so these are synchronous.
import { open, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC } from "../../lib/libc/fcntl.js";
import { read, write, close } from "../../lib/libc/unistd.js";
import { errno, strerror } from "../../lib/libc/errno.js";

/** The file's bytes (at most limit of them), or null when it cannot be opened or is a directory. */
export function readBytes(path: string, limit = Infinity): Uint8Array | null {
  const fd = open(path, O_RDONLY) as number;
  if (fd < 0) return null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    if (total >= limit) break;
    const buf = new Uint8Array(1 << 20);
    const n = read(fd, buf, buf.length) as number;
    if (n < 0) { close(fd); return null; }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
  }
  close(fd);
  const all = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { all.set(c, o); o += c.length; }
  return all;
}

/** Create or truncate a file with mode (less the umask) and write data; the error's text, or null. */
export function writeBytes(path: string, data: Uint8Array, mode: number): string | null {
  const fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode) as number;
  if (fd < 0) return strerror(errno);
  for (let o = 0; o < data.length;) {
    const n = write(fd, data.subarray(o), data.length - o) as number;
    if (n < 0) { const e = strerror(errno); close(fd); return e; }
    o += n;
  }
  close(fd);
  return null;
}
