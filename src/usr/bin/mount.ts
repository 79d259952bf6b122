// mount: list mounted filesystems, or mount one (util-linux: mount [-t TYPE] [-o OPTS] SRC
// DIR, --bind, --move, -r, -w; the list comes from /proc/self/mounts). Failure messages and
// the exit status (32) are libmount's.
import { geteuid, write } from "../../lib/libc/unistd.js";
import { errno, strerror, EPERM, EACCES, ENOENT, ENOTDIR, ENODEV, EBUSY, EINVAL, ENOTBLK } from "../../lib/libc/errno.js";
import { Tool, parseOpts, readFileBytes, bytesToStr } from "../lib/common.js";
import { mount } from "../lib/sys/kernel.js";

const HELP = `
Usage:
 mount [-lhV]
 mount -a [options]
 mount [options] [--source] <source> | [--target] <directory>
 mount [options] <source> <directory>
 mount <operation> <mountpoint> [<target>]

Mount a filesystem.

Options:
 -o, --options <list>    comma-separated list of mount options
 -r, --read-only         mount the filesystem read-only (same as -o ro)
 -t, --types <list>      limit the set of filesystem types
 -w, --rw, --read-write  mount the filesystem read-write (default)

 -B, --bind              mount a subtree somewhere else (same as -o bind)
 -M, --move              move a subtree to some other place
 -R, --rbind             mount a subtree and all submounts somewhere else
`;

/** Mount options that are flags (MS_*); true means the option clears the flag. */
const FLAGS: Record<string, [number, boolean]> = {
  ro: [1, false], rw: [1, true], nosuid: [2, false], suid: [2, true], nodev: [4, false], dev: [4, true],
  noexec: [8, false], exec: [8, true], sync: [16, false], async: [16, true], remount: [32, false],
  mand: [64, false], nomand: [64, true], dirsync: [128, false], noatime: [1024, false], atime: [1024, true],
  nodiratime: [2048, false], diratime: [2048, true], bind: [4096, false], move: [8192, false], rbind: [4096 | 16384, false],
  relatime: [1 << 21, false], norelatime: [1 << 21, true], strictatime: [1 << 24, false], lazytime: [1 << 25, false],
  defaults: [0, false], silent: [32768, false], loud: [32768, true],
};

/** Print the table of mounts: "SRC on DIR type TYPE (OPTS)". */
async function list(t: Tool, types: string | null): Promise<number> {
  let b = await readFileBytes("/proc/self/mounts");
  if (!b) b = await readFileBytes("/proc/mounts");
  if (!b) { await t.error(`/proc/self/mountinfo: ${t.errText}`); return 32; }
  const want = types?.split(",");
  for (const line of bytesToStr(b).split("\n")) {
    const f = line.split(" ");
    if (f.length < 4) continue;
    const unesc = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    if (want && !want.includes(f[2])) continue;
    t.out.raw(`${unesc(f[0])} on ${unesc(f[1])} type ${f[2]} (${f[3]})\n`);
  }
  return t.finish(0);
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("mount", HELP);
  const p = await parseOpts(t, argv, {
    short: "t:o:rwBMRlvfnsaV",
    long: { types: "t:", options: "o:", "read-only": "r", rw: "w", "read-write": "w", bind: "B", move: "M", rbind: "R",
      verbose: "v", fake: "f", "no-mtab": "n", all: "a", version: "V" },
  });
  if (typeof p === "number") return p;
  let type: string | null = null;
  const opts: string[] = [];
  let verbose = false;
  for (const [k, v] of p.opts) {
    if (k === "t") type = v;
    else if (k === "o") opts.push(...v.split(",").filter(Boolean));
    else if (k === "r") opts.push("ro");
    else if (k === "w") opts.push("rw");
    else if (k === "B") opts.push("bind");
    else if (k === "M") opts.push("move");
    else if (k === "R") opts.push("rbind");
    else if (k === "v") verbose = true;
    else if (k === "V") { t.out.text("mount from util-linux 2.38.1 (libmount 2.38.1: btrfs, namespaces, assert, debug)\n"); return t.finish(0); }
    else if (k === "a") return 0; // there is no /etc/fstab to mount from
  }
  if (p.operands.length === 0) return list(t, type);
  if (p.operands.length === 1) {
    const dir = p.operands[0];
    await t.warn(`${dir}: can't find in /etc/fstab.`);
    return 1;
  }
  if (p.operands.length > 2) return t.usage(`bad usage`);
  const [src, dir] = p.operands;
  let flags = 0;
  const data: string[] = [];
  for (const o of opts) {
    const f = FLAGS[o];
    if (!f) { data.push(o); continue; }
    if (f[1]) flags &= ~f[0]; else flags |= f[0];
  }
  const bindish = flags & (4096 | 8192 | 32);
  if (!type && !bindish) type = "none";
  const r = await mount(src, dir, bindish ? null : type, flags, data.length ? data.join(",") : null);
  if (r === 0) {
    if (verbose) t.out.text(`mount: ${src} mounted on ${dir}.\n`);
    return t.finish(0);
  }
  const e = errno;
  let msg: string;
  switch (e) {
    case EPERM: case EACCES:
      msg = (await geteuid()) !== 0 ? "must be superuser to use mount." : "permission denied."; break;
    case ENOENT: msg = "mount point does not exist."; break;
    case ENOTDIR: msg = "mount point is not a directory."; break;
    case ENODEV: msg = type && type !== "none" ? `unknown filesystem type '${type}'.` : `wrong fs type, bad option, bad superblock on ${src}, missing codepage or helper program, or other error.`; break;
    case EBUSY: msg = `${src} already mounted or mount point busy.`; break;
    case ENOTBLK: msg = `${src} is not a block device.`; break;
    case EINVAL: msg = `wrong fs type, bad option, bad superblock on ${src}, missing codepage or helper program, or other error.`; break;
    default: msg = `mount(2) system call failed: ${strerror(e)}.`;
  }
  await write(2, `mount: ${dir}: ${msg}\n`);
  return 32;
}
