// How the toolchain reaches files. Inside Typix it runs as a user program in its own Worker,
// where every libc call completes before it returns, so the compiler's synchronous file
// callbacks can be served by open/read/write; on the host (`typix kbuild`, the image build,
// tests) the same interface is served by Node's fs (src/kbuild/host_files.ts).
import { open, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC } from "../../lib/libc/fcntl.js";
import { read, write, close, unlink, getcwd } from "../../lib/libc/unistd.js";
import { stat, newStat, S_ISDIR, S_ISREG } from "../../lib/libc/sys/stat.js";
import { errno, strerror } from "../../lib/libc/errno.js";

export interface ToolFiles {
  /** The file's text, or null when it cannot be read. */
  readText(path: string): string | null;
  /** Write (create or truncate) a file; throws a ToolError naming the path on failure. */
  writeFile(path: string, data: Uint8Array | string, mode?: number): void;
  /** Remove a file; false when there was none. */
  remove(path: string): boolean;
  isFile(path: string): boolean;
  isDirectory(path: string): boolean;
  /** Modification time in milliseconds, or null when there is no such file. */
  mtime(path: string): number | null;
  cwd(): string;
}

/** A failure the tool reports as `tool: message` and exits 1 for. */
export class ToolError extends Error {}

/** A libc call's value; in a user program's Worker it never sleeps. */
function now<T>(v: T | Promise<T>): T {
  if (v instanceof Promise) throw new Error("toolchain: a system call slept");
  return v;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The files of the running Typix process, through libc. */
export const libcFiles: ToolFiles = {
  readText(path) {
    const fd = now(open(path, O_RDONLY));
    if (fd < 0) return null;
    const chunks: Uint8Array[] = [];
    for (;;) {
      const buf = new Uint8Array(65536);
      const n = now(read(fd, buf, buf.length));
      if (n <= 0) break;
      chunks.push(buf.subarray(0, n));
    }
    now(close(fd));
    const all = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
    let o = 0;
    for (const c of chunks) { all.set(c, o); o += c.length; }
    return dec.decode(all);
  },
  writeFile(path, data, mode = 0o644) {
    const bytes = typeof data === "string" ? enc.encode(data) : data;
    const fd = now(open(path, O_WRONLY | O_CREAT | O_TRUNC, mode));
    if (fd < 0) throw new ToolError(`cannot open '${path}' for writing: ${strerror(errno)}`);
    for (let o = 0; o < bytes.length;) {
      const n = now(write(fd, bytes.subarray(o), bytes.length - o));
      if (n < 0) { const e = errno; now(close(fd)); throw new ToolError(`${path}: ${strerror(e)}`); }
      o += n;
    }
    now(close(fd));
  },
  remove(path) { return now(unlink(path)) === 0; },
  isFile(path) { const st = newStat(); return now(stat(path, st)) === 0 && S_ISREG(st.st_mode); },
  isDirectory(path) { const st = newStat(); return now(stat(path, st)) === 0 && S_ISDIR(st.st_mode); },
  mtime(path) {
    const st = newStat();
    return now(stat(path, st)) === 0 ? st.st_mtim.tv_sec * 1000 + Math.floor(st.st_mtim.tv_nsec / 1e6) : null;
  },
  cwd() { return now(getcwd()) ?? "/"; },
};
