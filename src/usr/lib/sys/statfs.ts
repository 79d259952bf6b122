// statfs(2) and the table of mounts (/proc/self/mounts, as getmntent reads it) for df and
// other tools that describe filesystems.
import { sys, scoped, then, get64, type Sys } from "../../../lib/libc/internal/sys.js";
import * as NR from "../../../lib/libc/sys/syscall.js";
import { readFileBytes, bytesToStr, fromUtf8 } from "../common.js";

export interface Statfs { type: number; bsize: number; blocks: number; bfree: number; bavail: number; files: number; ffree: number; namelen: number; frsize: number; flags: number }

/** statfs(2): struct statfs (120 bytes on x86-64), or null with errno. */
export function statfs(path: string): Sys<Statfs | null> {
  return scoped((s) => {
    const p = s.buf(120);
    return then(sys(NR.__NR_statfs, s.str(path), p), (r) => r < 0 ? null : {
      type: get64(p), bsize: get64(p + 8), blocks: get64(p + 16), bfree: get64(p + 24), bavail: get64(p + 32),
      files: get64(p + 40), ffree: get64(p + 48), namelen: get64(p + 64), frsize: get64(p + 72), flags: get64(p + 80),
    });
  });
}

export interface MountEntry { source: string; target: string; type: string; options: string }

/** getmntent's unescaping of "\040"-style octal escapes. */
const unmangle = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/** The mounts in /proc/self/mounts, or null with errno when it cannot be read. */
export async function readMounts(): Promise<MountEntry[] | null> {
  const b = (await readFileBytes("/proc/self/mounts")) ?? (await readFileBytes("/proc/mounts"));
  if (!b) return null;
  return fromUtf8(bytesToStr(b)).split("\n").filter(Boolean).map((l) => {
    const [source, target, type, options] = l.split(" ");
    return { source: unmangle(source), target: unmangle(target), type, options };
  });
}
