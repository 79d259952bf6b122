// Reading and writing guest files for the host (the library's readFile/writeFile), as root,
// through the VFS like any process would.
import { getInitTask } from "../kernel/exit.js";
import { vfsOpen } from "../fs/open.js";
import { vfsRead, vfsWrite } from "../fs/read_write.js";
import { fput } from "../fs/file_table.js";
import { IovIter } from "../fs/iov_iter.js";
import { rootPath } from "../fs/mount.js";
import { O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC } from "../include/uapi/fcntl.js";
import { Errno } from "../kernel/errors.js";
import { strerror } from "../include/uapi/errno.js";

function explain(path: string, e: unknown): Error {
  return e instanceof Errno ? new Error(`${path}: ${strerror(e.errno)}`) : (e as Error);
}

export async function hostFileRead(path: string): Promise<Uint8Array> {
  const t = getInitTask()!;
  try {
    const f = await vfsOpen(t, rootPath(), path, O_RDONLY, 0);
    const chunks: Uint8Array[] = [];
    try {
      for (;;) {
        const buf = new Uint8Array(65536);
        const n = await vfsRead(t, f, IovIter.kernel(buf));
        if (n <= 0) break;
        chunks.push(buf.slice(0, n));
      }
    } finally {
      await fput(f);
    }
    const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
    let o = 0;
    for (const c of chunks) { out.set(c, o); o += c.length; }
    return out;
  } catch (e) {
    throw explain(path, e);
  }
}

export async function hostFileWrite(path: string, data: Uint8Array, mode: number): Promise<void> {
  const t = getInitTask()!;
  try {
    const f = await vfsOpen(t, rootPath(), path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    try {
      let off = 0;
      while (off < data.length) off += await vfsWrite(t, f, IovIter.kernel(data.subarray(off)));
    } finally {
      await fput(f);
    }
  } catch (e) {
    throw explain(path, e);
  }
}
