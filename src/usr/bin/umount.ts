// umount: unmount filesystems (util-linux: umount [-lfR] DIR...). Failures are reported as
// libmount words them, with exit status 32.
import { geteuid, write } from "../../lib/libc/unistd.js";
import { errno, strerror, EPERM, EINVAL, EBUSY, ENOENT } from "../../lib/libc/errno.js";
import { Tool, parseOpts } from "../lib/common.js";
import { umount2 } from "../lib/sys/kernel.js";

const HELP = `
Usage:
 umount [-hV]
 umount -a [options]
 umount [options] <source> | <directory>

Unmount filesystems.

Options:
 -f, --force             force unmount (in case of an unreachable NFS system)
 -l, --lazy              detach the filesystem now, clean up things later
 -v, --verbose           say what is being done
`;

const MNT_FORCE = 1, MNT_DETACH = 2;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("umount", HELP);
  const p = await parseOpts(t, argv, { short: "flvnRrdiV", long: { force: "f", lazy: "l", verbose: "v", "no-mtab": "n", recursive: "R", "read-only": "r", version: "V" } });
  if (typeof p === "number") return p;
  let flags = 0;
  let verbose = false;
  for (const [k] of p.opts) {
    if (k === "f") flags |= MNT_FORCE;
    else if (k === "l") flags |= MNT_DETACH;
    else if (k === "v") verbose = true;
    else if (k === "V") { t.out.text("umount from util-linux 2.38.1 (libmount 2.38.1: btrfs, namespaces, assert, debug)\n"); return t.finish(0); }
  }
  if (p.operands.length === 0) { await t.warn("bad usage"); return t.usage(); }
  let status = 0;
  for (const dir of p.operands) {
    if (await umount2(dir, flags) === 0) {
      if (verbose) t.out.text(`umount: ${dir} unmounted\n`);
      continue;
    }
    const e = errno;
    let msg: string;
    switch (e) {
      case EPERM: msg = (await geteuid()) !== 0 ? "must be superuser to unmount." : "permission denied."; break;
      case EINVAL: msg = "not mounted."; break;
      case EBUSY: msg = "target is busy."; break;
      case ENOENT: msg = "no mount point specified."; break;
      default: msg = `umount failed: ${strerror(e)}.`;
    }
    await write(2, `umount: ${dir}: ${msg}\n`);
    status = 32;
  }
  return (await t.finish(status));
}
