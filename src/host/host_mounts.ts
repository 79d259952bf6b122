// Host directories mounted at boot (`typix --mount HOSTDIR:GUESTDIR[:ro]`): after the root
// filesystem is unpacked, each is grafted with hostfs onto its guest directory, which is
// created if missing. hostfs is not offered to mount(2): only the host decides what it shares.
import { resolve } from "node:path";
import { getInitTask } from "../kernel/exit.js";
import { rootPath, mountAt } from "../fs/mount.js";
import { pathLookup, lookupChild } from "../fs/namei.js";
import { Dentry, type Path } from "../fs/inode.js";
import { hostfsType } from "../fs/hostfs.js";
import { MS_RDONLY } from "../fs/namespace.js";
import { Errno } from "../kernel/errors.js";
import { strerror } from "../include/uapi/errno.js";

export interface HostMount {
  host: string;
  guest: string;
  readonly: boolean;
  /** Owner the files appear to have. */
  uid: number;
  gid: number;
}

/** Create the directory at path (and its parents) as root. */
function mkdirs(path: string): Path {
  const init = getInitTask()!;
  let p = rootPath();
  for (const name of path.split("/").filter(Boolean)) {
    const next = lookupChild(init, p.dentry, name);
    if (!next) {
      const di = p.dentry.inode;
      const inode = di.iop.mkdir!(di, name, 0o755, init);
      const d = new Dentry(name, p.dentry, inode);
      p.dentry.children.set(name, d);
    }
    p = pathLookup(init, p, name, { follow: true, directory: true });
  }
  return p;
}

/** Mount every request; returns a message for each that failed. */
export function mountHostDirs(mounts: HostMount[]): string[] {
  const errors: string[] = [];
  for (const m of mounts) {
    try {
      const at = mkdirs(m.guest);
      const sb = hostfsType.mount(resolve(m.host), m.readonly ? MS_RDONLY : 0, `uid=${m.uid},gid=${m.gid}`);
      sb.readonly = m.readonly;
      mountAt(at, sb, resolve(m.host), m.readonly ? MS_RDONLY : 0, m.readonly ? "ro" : "rw");
    } catch (e) {
      errors.push(`${m.host}:${m.guest}: ${e instanceof Errno ? strerror(e.errno) : String(e)}`);
    }
  }
  return errors;
}
