// debugfs: the kernel's debugging files (Linux's fs/debugfs), a filesystem of type "debugfs"
// mounted at /sys/kernel/debug at boot, its root 0700 so that only root looks inside. Other
// code adds directories and files: kmemleak (mm/kmemleak.ts), failslab/ (mm/failslab.ts). A
// file's read shows the text its show() makes when read from offset 0 (later reads continue in
// it); a write hands the written text to store(). One superblock serves every mount.
import { Inode, SuperBlock, Dentry, type FileSystemType } from "./inode.js";
import type { FileOperations } from "./file.js";
import { registerFilesystem, mountAt } from "./mount.js";
import { allocAnonDev } from "./super.js";
import { genericFileLlseek } from "./read_write_generic.js";
import { pathLookup } from "./namei.js";
import { initcall } from "../kernel/initcall.js";
import { getInitTask } from "../kernel/exit.js";
import { Errno, check } from "../kernel/errors.js";
import { EACCES, EEXIST, ENODEV } from "../include/uapi/errno.js";
import { S_IFDIR, S_IFREG } from "../include/uapi/stat.js";
import { printk, KERN } from "../kernel/printk.js";
import { decodeUtf8 } from "../mm/uaccess.js";

export const DEBUGFS_MAGIC = 0x64626720;

export interface DebugfsFile {
  /** The file's text (or bytes); may throw Errno. */
  show?(): string | Uint8Array;
  /** Take a written text; a negative errno or a thrown Errno refuses it. */
  store?(text: string): number | void | Promise<number | void>;
}

/** A directory or a file of debugfs (a dentry, as debugfs_create_* return). */
export class DebugfsNode {
  readonly children = new Map<string, DebugfsNode>();
  parent: DebugfsNode | null = null;
  inode!: Inode;
  removed = false;
  constructor(readonly name: string, readonly file: DebugfsFile | null) {}
}

export const debugfsType: FileSystemType = { name: "debugfs", nodev: true, mount: () => debugfsSb() };

let sb: SuperBlock | null = null;
let root: DebugfsNode | null = null;

const fileFops: FileOperations = {
  open(inode, file) {
    const f = (inode.priv as DebugfsNode).file!;
    if (file.readable && !f.show) throw new Errno(EACCES);
    if (file.writable && !f.store) throw new Errno(EACCES);
  },
  readIter(file, to, pos) {
    const node = file.inode.priv as DebugfsNode;
    if (node.removed) throw new Errno(ENODEV);
    if (pos.value === 0 || !file.privateData) {
      const v = node.file!.show!();
      file.privateData = typeof v === "string" ? new TextEncoder().encode(v) : v;
    }
    const data = file.privateData as Uint8Array;
    if (pos.value >= data.length) return 0;
    const n = to.copyOut(data.subarray(pos.value, pos.value + to.count));
    pos.value += n;
    return n;
  },
  writeIter(file, from, pos) {
    const node = file.inode.priv as DebugfsNode;
    if (node.removed) throw new Errno(ENODEV);
    const n = Math.min(from.count, 4096);
    if (n === 0) return 0;
    const done = (r: number | void) => {
      if (typeof r === "number") check(r);
      pos.value += n;
      return n;
    };
    const r = node.file!.store!(decodeUtf8(from.copyIn(n)));
    return r instanceof Promise ? r.then(done) : done(r);
  },
  llseek: genericFileLlseek,
};
const dirFops: FileOperations = { llseek: genericFileLlseek };

function makeInode(node: DebugfsNode, mode: number): Inode {
  const s = debugfsSb();
  let inode: Inode;
  if (!node.file) {
    inode = new Inode(s, S_IFDIR | (mode & 0o7777), {
      lookup: (_d, name) => node.children.get(name)?.inode ?? null,
      list: () => [...node.children].map(([n, c]) => [n, c.inode] as [string, Inode]),
    }, dirFops);
    inode.nlink = 2;
  } else {
    inode = new Inode(s, S_IFREG | (mode & 0o7777), {}, fileFops);
  }
  inode.priv = node;
  node.inode = inode;
  return inode;
}

export function debugfsSb(): SuperBlock {
  if (!sb) {
    sb = new SuperBlock(debugfsType, allocAnonDev());
    sb.dynamic = true;
    sb.magic = DEBUGFS_MAGIC;
    root = new DebugfsNode("/", null);
    sb.root = new Dentry("/", null, makeInode(root, 0o700));
  }
  return sb;
}

function attach(parent: DebugfsNode | null, node: DebugfsNode, mode: number): DebugfsNode {
  debugfsSb();
  const p = parent ?? root!;
  if (p.children.has(node.name)) throw new Errno(EEXIST);
  node.parent = p;
  makeInode(node, mode);
  p.children.set(node.name, node);
  if (!node.file) p.inode.nlink++;
  return node;
}

/** debugfs_create_dir: a directory under parent (null: the top). */
export function debugfsCreateDir(name: string, parent: DebugfsNode | null, mode = 0o755): DebugfsNode {
  return attach(parent, new DebugfsNode(name, null), mode);
}

/** debugfs_create_file */
export function debugfsCreateFile(name: string, mode: number, parent: DebugfsNode | null, ops: DebugfsFile): DebugfsNode {
  return attach(parent, new DebugfsNode(name, ops), mode);
}

/** debugfs_remove: a node and everything below it. */
export function debugfsRemove(node: DebugfsNode): void {
  for (const c of [...node.children.values()]) debugfsRemove(c);
  const p = node.parent;
  if (p && p.children.get(node.name) === node) {
    p.children.delete(node.name);
    if (!node.file) p.inode.nlink--;
  }
  node.removed = true;
}

/** A bool attribute's text, as debugfs_create_bool shows it. */
export const boolText = (v: boolean) => (v ? "Y\n" : "N\n");
/** kstrtobool: Y/y/1/on are true, N/n/0/off false; anything else -EINVAL. */
export function parseBool(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (/^(y|1|on)/.test(t) && t !== "o") return true;
  if (/^(n|0|off)/.test(t)) return false;
  return null;
}

initcall("fs", "debugfs_init", () => {
  registerFilesystem(debugfsType);
  debugfsSb();
});

// systemd mounts debugfs at /sys/kernel/debug; Typix does it once /sys is mounted.
initcall("late", "debugfs_mount", () => {
  const init = getInitTask();
  if (!init) return;
  try {
    const at = pathLookup(init, init.fs.root, "/sys/kernel/debug", { follow: true, directory: true });
    mountAt(at, debugfsSb(), "debugfs", 0, "");
  } catch {
    printk(KERN(3) + "Failed to mount debugfs on /sys/kernel/debug\n");
  }
});
