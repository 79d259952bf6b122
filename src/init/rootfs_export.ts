// The root filesystem as a newc cpio archive: what a reboot hands to the next kernel as its
// initramfs, so that the machine comes back with the files it had (the inverse of
// initramfs.ts's unpackRootfs). Only the root tmpfs is saved: what is mounted on it (/dev,
// /proc, /sys, host directories) is left out, the mountpoints themselves kept. Sockets are not
// saved (they do not survive a reboot on Linux either).
import { rootPath } from "../fs/mount.js";
import type { Dentry } from "../fs/inode.js";
import { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR, S_IFBLK, S_IFIFO, MAJOR, MINOR } from "../include/uapi/stat.js";
import type { FileData } from "../fs/tmpfs.js";

const enc = new TextEncoder();

export function exportRootfs(): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ino = 1;
  const push = (b: Uint8Array) => { chunks.push(b); size += b.length; };
  const pad = () => { if (size % 4) push(new Uint8Array(4 - (size % 4))); };
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  const member = (name: string, mode: number, uid: number, gid: number, mtime: number, data: Uint8Array, rdev = 0) => {
    const nameBytes = enc.encode(name + "\0");
    push(enc.encode("070701" + [ino++, mode, uid, gid, 1, mtime, data.length, 0, 0, MAJOR(rdev), MINOR(rdev), nameBytes.length, 0].map(hex).join("")));
    push(nameBytes);
    pad();
    push(data);
    pad();
  };
  const walk = (dir: Dentry, prefix: string) => {
    for (const [name, d] of [...dir.children].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const i = d.inode;
      const path = prefix ? `${prefix}/${name}` : name;
      const type = i.mode & S_IFMT;
      let data = new Uint8Array(0);
      if (type === S_IFREG) { const fd = i.priv as FileData; data = fd.data.subarray(0, fd.size); }
      else if (type === S_IFLNK) data = enc.encode(String(i.priv));
      else if (type !== S_IFDIR && type !== S_IFCHR && type !== S_IFBLK && type !== S_IFIFO) continue;
      member(path, i.mode, i.uid, i.gid, i.mtime.sec, data, i.rdev);
      if (type === S_IFDIR && !d.mounted) walk(d, path);
    }
  };
  walk(rootPath().dentry, "");
  member("TRAILER!!!", 0, 0, 0, 0, new Uint8Array(0));
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}
