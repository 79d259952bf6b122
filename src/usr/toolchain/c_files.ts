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

/** Where the guest's files sit in the compiler's own file system (its /usr holds clang's resources). */
export const GUEST = "/typix-guest";
/** A tool's text with the guest prefix taken out of its paths. */
export const unguest = (s: string) => s.replaceAll(GUEST + "/", "/");

/**
 * Collect into files (keyed prefix + path) the sources at roots and every header they include,
 * transitively: "..." from the including file's directory then quoteDirs, <...> from angleDirs.
 * A header found nowhere is left for the compiler to report. Paths are absolute.
 */
export function gatherIncludes(roots: string[], quoteDirs: string[], angleDirs: string[], files: Record<string, Uint8Array>, prefix: string, read: (p: string) => Uint8Array | null = readBytes): void {
  const work = [...roots];
  const seen = new Set<string>();
  const dec = new TextDecoder();
  for (let k = 0; k < work.length && k < 4096; k++) {
    const file = work[k];
    const data = files[prefix + file] ?? read(file);
    if (!data) continue;
    files[prefix + file] = data;
    for (const m of dec.decode(data).matchAll(/^[ \t]*#[ \t]*(?:include|include_next|import)[ \t]*([<"])([^>"\n]+)[>"]/gm)) {
      const name = m[2];
      const dirs = name.startsWith("/") ? [""] : [...(m[1] === '"' ? [file.slice(0, file.lastIndexOf("/")) || "/", ...quoteDirs] : []), ...angleDirs];
      for (const d of dirs) {
        const p = normalize(d ? `${d}/${name}` : name);
        if (seen.has(p)) continue;
        seen.add(p);
        work.push(p);
      }
    }
  }
}

/** An absolute path without "." and ".." parts. */
export function normalize(p: string): string {
  const parts: string[] = [];
  for (const s of p.split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") parts.pop(); else parts.push(s);
  }
  return "/" + parts.join("/");
}
