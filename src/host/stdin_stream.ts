// A pipe the host feeds: the standard input of a command whose input arrives while it runs
// (`typix -c` reading the host's stdin, or a shell reading commands piped to `typix`).
// Reads sleep until the host sends bytes or closes it.
import type { File } from "../fs/file.js";
import { allocFile } from "../fs/file_table.js";
import { Inode, SuperBlock, Dentry, Mount, type FileSystemType } from "../fs/inode.js";
import { allocAnonDev } from "../fs/super.js";
import { noLlseek } from "../fs/read_write_generic.js";
import { WaitQueue } from "../kernel/wait.js";
import { Errno } from "../kernel/errors.js";
import { EAGAIN } from "../include/uapi/errno.js";
import { O_RDONLY, O_NONBLOCK } from "../include/uapi/fcntl.js";
import { S_IFIFO } from "../include/uapi/stat.js";
import { POLLIN, POLLRDNORM, POLLHUP, pollWait } from "../fs/file.js";

const pipefsType: FileSystemType = { name: "pipefs", nodev: true, mount: () => { throw new Error("not mountable"); } };
const sb = new SuperBlock(pipefsType, allocAnonDev());
const root = new Dentry("/", null, new Inode(sb, 0o040755, {}, null));
sb.root = root;
const mnt = new Mount(sb, root, null, null, "pipefs", 0, "");

export class StdinStream {
  private chunks: Uint8Array[] = [];
  private closed = false;
  private readonly wait = new WaitQueue();
  readonly file: File;

  /**
   * @param byLines a read returns at most one line, as a terminal delivers typed lines: what a
   *   shell has not run yet stays here (for the commands it starts, or the next boot's shell).
   */
  constructor(private readonly byLines = false) {
    const inode = new Inode(sb, S_IFIFO | 0o600, {}, null);
    const d = new Dentry(`pipe:[${inode.ino}]`, root, inode);
    this.file = allocFile({ mnt, dentry: d }, inode, {
      readIter: async (file, to, _pos, t) => {
        if (this.chunks.length === 0 && !this.closed) {
          if (file.flags & O_NONBLOCK) throw new Errno(EAGAIN);
          await this.wait.waitEvent(t, () => this.chunks.length > 0 || this.closed);
        }
        let n = 0;
        while (this.chunks.length > 0 && to.count > 0) {
          const c = this.chunks[0];
          const nl = this.byLines ? c.indexOf(0x0a) : -1;
          const k = to.copyOut(nl >= 0 ? c.subarray(0, nl + 1) : c);
          n += k;
          if (k >= c.length) this.chunks.shift();
          else this.chunks[0] = c.subarray(k);
          if (nl >= 0 && k === nl + 1) break; // a whole line: the rest waits for the next read
        }
        return n;
      },
      poll: (file, pt) => {
        pollWait(file, this.wait, pt);
        return (this.chunks.length ? POLLIN | POLLRDNORM : 0) | (this.closed ? POLLHUP : 0);
      },
      llseek: noLlseek,
    }, O_RDONLY);
  }

  push(data: Uint8Array): void {
    if (this.closed || data.length === 0) return;
    this.chunks.push(data);
    this.wait.wakeUp();
  }

  /** What has been fed and not yet read. */
  unread(): Uint8Array {
    const n = this.chunks.reduce((a, c) => a + c.length, 0);
    const out = new Uint8Array(n);
    let at = 0;
    for (const c of this.chunks) { out.set(c, at); at += c.length; }
    return out;
  }

  close(): void {
    this.closed = true;
    this.wait.wakeUp();
  }
}
