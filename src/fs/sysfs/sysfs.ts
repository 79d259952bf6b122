// sysfs: the kernel's objects as a tree (a small kernfs). A kobject is a directory; its
// attributes are files whose reads call show() and whose writes call store(); links point
// from one kobject to another (relative, as sysfs prints them). Other code builds the tree
// through this API: the module subsystem (/sys/module/NAME), device classes (class.ts) ...
// One superblock serves every mount of type "sysfs"; nothing is cached by the VFS.
import { Inode, SuperBlock, Dentry, type FileSystemType } from "../inode.js";
import type { FileOperations } from "../file.js";
import { registerFilesystem } from "../mount.js";
import { allocAnonDev } from "../super.js";
import { genericFileLlseek } from "../read_write_generic.js";
import { initcall } from "../../kernel/initcall.js";
import { Errno, check } from "../../kernel/errors.js";
import { EACCES, EEXIST, ENODEV, ENOENT, ENOTDIR } from "../../include/uapi/errno.js";
import { S_IFDIR, S_IFREG, S_IFLNK } from "../../include/uapi/stat.js";
import { decodeUtf8 } from "../../mm/uaccess.js";

export const SYSFS_MAGIC = 0x62656572;
/** An attribute's text is at most a page, as sysfs_emit allows. */
const PAGE_SIZE = 4096;

export interface SysfsAttribute {
  name: string;
  mode: number;
  /** The attribute's value as text (usually ending in "\n") or bytes; may sleep. May throw Errno. */
  show?(): string | Uint8Array | Promise<string | Uint8Array>;
  /** Take a written value; return a negative errno or throw Errno to refuse it; may sleep. */
  store?(text: string): number | void | Promise<number | void>;
}

/** A node of the tree: a kobject's directory, an attribute file, or a link. */
export class KernfsNode {
  readonly children = new Map<string, KernfsNode>();
  parent: KernfsNode | null = null;
  inode!: Inode;
  attr: SysfsAttribute | null = null;
  target: KernfsNode | null = null;
  removed = false;
  constructor(readonly name: string, readonly kind: "dir" | "file" | "link") {}

  /** The node's path below /sys ("/class/mem/null"). */
  path(): string {
    const parts: string[] = [];
    for (let n: KernfsNode | null = this; n && n.parent; n = n.parent) parts.unshift(n.name);
    return "/" + parts.join("/");
  }
}
/** A kobject is known to sysfs by its directory. */
export type Kobject = KernfsNode;

export const sysfsType: FileSystemType = { name: "sysfs", nodev: true, mount: () => sysfsSb() };

let sb: SuperBlock | null = null;
let rootNode: KernfsNode | null = null;

const dirFops: FileOperations = { llseek: genericFileLlseek };

const attrFops: FileOperations = {
  open(inode, file) {
    const a = (inode.priv as KernfsNode).attr!;
    if (file.readable && !a.show) throw new Errno(EACCES);
    if (file.writable && !a.store) throw new Errno(EACCES);
  },
  readIter(file, to, pos) {
    const node = file.inode.priv as KernfsNode;
    // A removed attribute's show may belong to code that is gone (kernfs: no active reference).
    if (node.removed) throw new Errno(ENODEV);
    const copy = () => {
      const data = file.privateData as Uint8Array;
      if (pos.value >= data.length) return 0;
      const n = to.copyOut(data.subarray(pos.value, pos.value + to.count));
      pos.value += n;
      return n;
    };
    // show() runs for a read from the start; later reads continue in that text.
    if (pos.value !== 0 && file.privateData) return copy();
    const keep = (v: string | Uint8Array) => {
      file.privateData = (typeof v === "string" ? new TextEncoder().encode(v) : v).subarray(0, PAGE_SIZE);
      return copy();
    };
    const v = node.attr!.show!();
    return v instanceof Promise ? v.then(keep) : keep(v);
  },
  writeIter(file, from, pos) {
    const node = file.inode.priv as KernfsNode;
    if (node.removed) throw new Errno(ENODEV);
    const n = Math.min(from.count, PAGE_SIZE - 1);
    if (n === 0) return 0;
    const done = (r: number | void) => {
      if (typeof r === "number") {
        check(r);
        pos.value += r;
        return r;
      }
      pos.value += n;
      return n;
    };
    const r = node.attr!.store!(decodeUtf8(from.copyIn(n)));
    return r instanceof Promise ? r.then(done) : done(r);
  },
  llseek: genericFileLlseek,
};

function relativeLink(from: KernfsNode, to: KernfsNode): string {
  const a = from.parent!.path().split("/").filter(Boolean);
  const b = to.path().split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

function makeInode(node: KernfsNode, mode: number): Inode {
  const s = sysfsSb();
  let inode: Inode;
  if (node.kind === "dir") {
    inode = new Inode(s, S_IFDIR | (mode & 0o7777), {
      lookup: (_d, name) => node.children.get(name)?.inode ?? null,
      list: () => [...node.children].map(([n, c]) => [n, c.inode] as [string, Inode]),
    }, dirFops);
    inode.nlink = 2;
  } else if (node.kind === "file") {
    inode = new Inode(s, S_IFREG | (mode & 0o7777), {}, attrFops);
    inode.size = PAGE_SIZE;
  } else {
    inode = new Inode(s, S_IFLNK | 0o777, { readlink: () => relativeLink(node, node.target!) }, null);
  }
  inode.priv = node;
  node.inode = inode;
  return inode;
}

export function sysfsSb(): SuperBlock {
  if (!sb) {
    sb = new SuperBlock(sysfsType, allocAnonDev());
    sb.dynamic = true;
    sb.magic = SYSFS_MAGIC;
    rootNode = new KernfsNode("/", "dir");
    sb.root = new Dentry("/", null, makeInode(rootNode, 0o755));
  }
  return sb;
}

/** The root of /sys. */
export function sysfsRoot(): KernfsNode {
  sysfsSb();
  return rootNode!;
}

/** The node at a path below /sys ("class/mem"), or null. */
export function sysfsLookup(path: string): KernfsNode | null {
  let n: KernfsNode | null = sysfsRoot();
  for (const p of path.split("/").filter(Boolean)) {
    n = n.children.get(p) ?? null;
    if (!n) return null;
  }
  return n;
}

function resolveParent(parent: KernfsNode | string): KernfsNode {
  const p = typeof parent === "string" ? sysfsLookup(parent) : parent;
  if (!p || p.removed) throw new Errno(ENOENT);
  if (p.kind !== "dir") throw new Errno(ENOTDIR);
  return p;
}

function attach(parent: KernfsNode, node: KernfsNode, mode: number): KernfsNode {
  if (parent.children.has(node.name)) throw new Errno(EEXIST);
  node.parent = parent;
  makeInode(node, mode);
  parent.children.set(node.name, node);
  if (node.kind === "dir") parent.inode.nlink++;
  return node;
}

/** sysfs_create_dir: a kobject directory name under parent (a node or a path below /sys). */
export function sysfsCreateDir(parent: KernfsNode | string, name: string, mode = 0o755): Kobject {
  return attach(resolveParent(parent), new KernfsNode(name, "dir"), mode);
}

/** The directory at path, made with its parents when missing. */
export function sysfsMkdirP(path: string): Kobject {
  let n = sysfsRoot();
  for (const p of path.split("/").filter(Boolean)) n = n.children.get(p) ?? sysfsCreateDir(n, p);
  return n;
}

/** sysfs_create_file: an attribute of kobj. */
export function sysfsCreateFile(kobj: Kobject | string, attr: SysfsAttribute): KernfsNode {
  const node = new KernfsNode(attr.name, "file");
  node.attr = attr;
  return attach(resolveParent(kobj), node, attr.mode);
}

/** sysfs_create_link: kobj/name pointing at target. */
export function sysfsCreateLink(kobj: Kobject | string, target: KernfsNode, name: string): KernfsNode {
  const node = new KernfsNode(name, "link");
  node.target = target;
  return attach(resolveParent(kobj), node, 0o777);
}

/** Remove a node and everything below it (kobject_del, sysfs_remove_file, sysfs_remove_link). */
export function sysfsRemove(node: KernfsNode): void {
  for (const c of [...node.children.values()]) sysfsRemove(c);
  const p = node.parent;
  if (p && p.children.get(node.name) === node) {
    p.children.delete(node.name);
    if (node.kind === "dir") p.inode.nlink--;
  }
  node.removed = true;
  node.inode.nlink = 0;
}

/** sysfs_remove_file / sysfs_remove_link by name. */
export function sysfsRemoveFile(kobj: Kobject, name: string): void {
  const n = kobj.children.get(name);
  if (!n) throw new Errno(ENOENT);
  sysfsRemove(n);
}

initcall("fs", "sysfs_init", () => {
  registerFilesystem(sysfsType);
  sysfsSb();
});
