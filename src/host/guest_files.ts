// Reading and writing guest files for the host (the library's readFile/writeFile). Each request
// is a process of its own, as root, whose buffer is in its own address space, so the file's
// operations run exactly as for a program's read(2) and write(2): a module's read that copies to
// a user pointer works here as under `cat`.
import { runInProcess } from "../kernel/umh.js";
import { vfsOpen } from "../fs/open.js";
import { vfsRead, vfsWrite } from "../fs/read_write.js";
import { fput } from "../fs/file_table.js";
import { IovIter } from "../fs/iov_iter.js";
import { rootPath } from "../fs/mount.js";
import { O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC } from "../include/uapi/fcntl.js";
import { Errno } from "../kernel/errors.js";
import { strerror, EEXIST, ENAMETOOLONG } from "../include/uapi/errno.js";
import { sys_mkdir } from "../fs/namei_ops.js";
import { sys_chmod, sys_chown } from "../fs/attr.js";
import type { Task } from "../kernel/task.js";
import type { UserPtr } from "../mm/mm.js";

const CHUNK = 65536;
const PATH_MAX = 4096;

function explain(path: string, e: unknown): Error {
  return e instanceof Errno ? new Error(`${path}: ${strerror(e.errno)}`) : (e as Error);
}

export async function hostFileRead(path: string): Promise<Uint8Array> {
  try {
    return await runInProcess("typix-read", CHUNK, async (t, buf) => {
      const f = await vfsOpen(t, rootPath(), path, O_RDONLY, 0);
      const chunks: Uint8Array[] = [];
      try {
        for (;;) {
          const n = await vfsRead(t, f, IovIter.user(t.mm!, buf, CHUNK));
          if (n <= 0) break;
          chunks.push(t.mm!.bytes.slice(buf, buf + n));
        }
      } finally {
        await fput(f);
      }
      const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
      let o = 0;
      for (const c of chunks) { out.set(c, o); o += c.length; }
      return out;
    });
  } catch (e) {
    throw explain(path, e);
  }
}

/**
 * How the host's writeFile places a file: the mode a new file is created with (less the
 * umask), or a mode set exactly; its owner; missing directories created.
 */
export interface WriteOptions { createMode: number; mode?: number; uid?: number; gid?: number; mkdir?: boolean }

/** Put a NUL-terminated path in the process's memory at addr. */
function putPath(t: Task, addr: UserPtr, path: string): UserPtr {
  const b = new TextEncoder().encode(path);
  if (b.length >= PATH_MAX) throw new Errno(ENAMETOOLONG);
  t.mm!.bytes.set(b, addr);
  t.mm!.bytes[addr + b.length] = 0;
  return addr;
}

/** A syscall's raw result: throw its errno. */
const check = (r: number) => { if (r < 0) throw new Errno(-r); return r; };
const call = (f: () => number) => { try { return f(); } catch (e) { if (e instanceof Errno) return -e.errno; throw e; } };

export async function hostFileWrite(path: string, data: Uint8Array, o: WriteOptions): Promise<void> {
  const owned = o.uid !== undefined || o.gid !== undefined;
  try {
    await runInProcess("typix-write", CHUNK + PATH_MAX, async (t, buf) => {
      const name = (buf + CHUNK) as UserPtr;
      if (o.mkdir) {
        // Each missing directory on the way, owned as the file will be.
        const parts = path.split("/").filter(Boolean).slice(0, -1);
        for (let i = 1; i <= parts.length; i++) {
          const dir = (path.startsWith("/") ? "/" : "") + parts.slice(0, i).join("/");
          const r = call(() => sys_mkdir(t, putPath(t, name, dir), 0o755));
          if (r === -EEXIST) continue;
          check(r);
          if (owned) check(call(() => sys_chown(t, name, o.uid ?? -1, o.gid ?? -1)));
        }
      }
      const f = await vfsOpen(t, rootPath(), path, O_WRONLY | O_CREAT | O_TRUNC, o.createMode);
      try {
        let off = 0;
        while (off < data.length) {
          const n = Math.min(CHUNK, data.length - off);
          t.mm!.bytes.set(data.subarray(off, off + n), buf);
          off += await vfsWrite(t, f, IovIter.user(t.mm!, buf, n));
        }
      } finally {
        await fput(f);
      }
      if (o.mode !== undefined && f.inode.isReg()) check(call(() => sys_chmod(t, putPath(t, name, path), o.mode!)));
      if (owned) check(call(() => sys_chown(t, putPath(t, name, path), o.uid ?? -1, o.gid ?? -1)));
    });
  } catch (e) {
    throw explain(path, e);
  }
}
