// Unpacking the embedded root filesystem: a "newc" cpio archive, as Linux's initramfs is,
// extracted into the root tmpfs at boot.
import type { Task } from "../kernel/task.js";
import { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR, S_IFBLK, S_IFIFO, MKDEV } from "../include/uapi/stat.js";
import { pathParent, pathLookup } from "../fs/namei.js";
import { Dentry, type Inode, type Path } from "../fs/inode.js";
import { FileData } from "../fs/tmpfs.js";

export interface CpioEntry { name: string; mode: number; uid: number; gid: number; mtime: number; rdevMajor: number; rdevMinor: number; data: Uint8Array }

const dec = new TextDecoder();

/** Parse a newc archive ("070701" headers, 4-byte alignment, "TRAILER!!!" at the end). */
export function* parseCpio(buf: Uint8Array): Generator<CpioEntry> {
  let o = 0;
  const hex = (off: number) => parseInt(dec.decode(buf.subarray(o + off, o + off + 8)), 16);
  while (o + 110 <= buf.length) {
    if (dec.decode(buf.subarray(o, o + 6)) !== "070701") throw new Error(`initramfs: bad cpio magic at ${o}`);
    const mode = hex(14), uid = hex(22), gid = hex(30), mtime = hex(46), size = hex(54);
    const rdevMajor = hex(78), rdevMinor = hex(86), nameSize = hex(94);
    const name = dec.decode(buf.subarray(o + 110, o + 110 + nameSize - 1));
    o = (o + 110 + nameSize + 3) & ~3;
    const data = buf.subarray(o, o + size);
    o = (o + size + 3) & ~3;
    if (name === "TRAILER!!!") return;
    yield { name, mode, uid, gid, mtime, rdevMajor, rdevMinor, data };
  }
}

/**
 * Extract every entry of the archive under the task's root. The archive lists a directory's
 * entries together, so each directory is walked to once and kept (a walk per entry is most of
 * the cost of unpacking an image with the kernel's source tree in it).
 */
export function unpackRootfs(t: Task, image: Uint8Array): void {
  const dirs = new Map<string, Path>();
  for (const e of parseCpio(image)) {
    const path = "/" + e.name.replace(/^\.?\//, "");
    if (path === "/") continue;
    const slash = path.lastIndexOf("/");
    const parent = path.slice(0, slash) || "/", name = path.slice(slash + 1);
    let dir = dirs.get(parent);
    if (!dir) {
      dir = pathParent(t, t.fs.root, path).dir;
      dirs.set(parent, dir);
    }
    const di = dir.dentry.inode;
    const iop = di.iop;
    let dentry = dir.dentry.mounted ? undefined : dir.dentry.children.get(name);
    if (!dentry) {
      try {
        dentry = pathLookup(t, dir, name, { follow: false }).dentry;
      } catch {
        let created: Inode;
        switch (e.mode & S_IFMT) {
          case S_IFDIR: created = iop.mkdir!(di, name, e.mode, t); break;
          case S_IFLNK: created = iop.symlink!(di, name, dec.decode(e.data), t); break;
          case S_IFCHR: case S_IFBLK: case S_IFIFO: created = iop.mknod!(di, name, e.mode, MKDEV(e.rdevMajor, e.rdevMinor), t); break;
          default: created = iop.create!(di, name, e.mode, t);
        }
        dentry = new Dentry(name, dir.dentry, created);
        dir.dentry.children.set(name, dentry);
      }
    }
    const inode = dentry.inode;
    if ((e.mode & S_IFMT) === S_IFDIR && !dentry.mounted) dirs.set(path, { mnt: dir.mnt, dentry });
    inode.mode = e.mode;
    inode.uid = e.uid;
    inode.gid = e.gid;
    const ts = { sec: e.mtime, nsec: 0 };
    inode.mtime = inode.atime = inode.ctime = ts;
    if ((e.mode & S_IFMT) === S_IFREG) {
      // The file's bytes stay where they are in the image (the kernel's own copy): no copying.
      const fd = inode.priv as FileData;
      fd.data = e.data as Uint8Array<ArrayBuffer>;
      fd.size = e.data.length;
      inode.size = e.data.length;
    }
  }
}
