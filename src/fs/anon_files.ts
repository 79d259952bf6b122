// Files with no name that connect a process to the host: a source that yields fixed bytes
// (stdin of a command run from the library) and a sink that hands every write to a callback
// (its stdout and stderr).
import { File, type FileOperations } from "./file.js";
import { Inode, SuperBlock, Dentry, Mount, type FileSystemType } from "./inode.js";
import { allocFile } from "./file_table.js";
import { S_IFIFO } from "../include/uapi/stat.js";
import { O_RDONLY, O_WRONLY } from "../include/uapi/fcntl.js";
import { allocAnonDev } from "./super.js";
import { noLlseek } from "./read_write_generic.js";

const anonType: FileSystemType = { name: "anon_inodefs", nodev: true, mount: () => { throw new Error("not mountable"); } };
const anonSb = new SuperBlock(anonType, allocAnonDev());
const anonRoot = new Dentry("/", null, new Inode(anonSb, 0o040755, {}, null));
anonSb.root = anonRoot;
const anonMnt = new Mount(anonSb, anonRoot, null, null, "anon_inodefs", 0, "");

function anonFile(name: string, fop: FileOperations, flags: number): File {
  const inode = new Inode(anonSb, S_IFIFO | 0o600, {}, fop);
  const d = new Dentry(name, anonRoot, inode);
  return allocFile({ mnt: anonMnt, dentry: d }, inode, fop, flags);
}

/** A read-only file that yields `data` once, then end of file. */
export function sourceFile(data: Uint8Array): File {
  let off = 0;
  return anonFile("host-stdin", {
    readIter(_f, to) {
      const n = to.copyOut(data.subarray(off));
      off += n;
      return n;
    },
    llseek: noLlseek,
  }, O_RDONLY);
}

/** A write-only file whose writes go to onData. */
export function sinkFile(onData: (bytes: Uint8Array) => void): File {
  return anonFile("host-stdout", {
    writeIter(_f, from) {
      const n = from.count;
      onData(from.copyIn(n).slice());
      return n;
    },
    llseek: noLlseek,
  }, O_WRONLY);
}
