// df: report filesystem space usage (GNU coreutils: -a -h -H -i -k -P -T -t TYPE -x TYPE
// --total, FILE operands). The list comes from /proc/self/mounts, the figures from statfs(2).
// As GNU df, pseudo filesystems (proc, sysfs, rootfs, ...) and those with no blocks are left
// out unless -a is given or a FILE on them is named; Use% is "-" when nothing can be used.
import { stat, newStat } from "../../lib/libc/sys/stat.js";
import { realpath } from "../../lib/libc/stdlib.js";
import { Tool, parseOpts, quote } from "../lib/common.js";
import { humanSize } from "../lib/human.js";
import { statfs, readMounts, type MountEntry, type Statfs } from "../lib/sys/statfs.js";

const HELP = `Usage: df [OPTION]... [FILE]...
Show information about the file system on which each FILE resides,
or all file systems by default.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all             include pseudo, duplicate, inaccessible file systems
  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)
  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)
  -i, --inodes          list inode information instead of block usage
  -k                    like --block-size=1K
  -l, --local           limit listing to local file systems
  -P, --portability     use the POSIX output format
      --total           elide all entries insignificant to available space,
                          and produce a grand total
  -t, --type=TYPE       limit listing to file systems of type TYPE
  -T, --print-type      print file system type
  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE
      --help        display this help and exit
      --version     output version information and exit
`;

/** The types gnulib's mount list marks as dummies. */
const DUMMY = new Set(["autofs", "proc", "subfs", "debugfs", "devpts", "fusectl", "fuse.portal", "mqueue", "rpc_pipefs",
  "sysfs", "devfs", "kernfs", "ignore", "rootfs"]);
const isDummy = (m: MountEntry) => DUMMY.has(m.type) || (m.type === "none" && !/(^|,)bind(,|$)/.test(m.options));

/** Sizes with SI prefixes (powers of 1000), rounded up, one decimal below 10. */
function siSize(n: number): string {
  if (n < 1000) return String(n);
  const units = "kMGTPEZY";
  let v = n, u = -1;
  do { v /= 1000; u++; } while (v >= 1000 && u < units.length - 1);
  if (v < 10) {
    const r = Math.ceil(v * 10 - 1e-9) / 10;
    return r >= 10 ? `10${units[u]}` : `${r.toFixed(1)}${units[u]}`;
  }
  const r = Math.ceil(v - 1e-9);
  return r >= 1000 && u < units.length - 1 ? `1.0${units[u + 1]}` : `${r}${units[u]}`;
}

/** A file name as GNU quotes it in diagnostics (quotef: only when needed). */
const quotef = (s: string) => (/^[A-Za-z0-9_\-./,:+@%=]+$/.test(s) ? s : quote(s));

type Mode = "blocks" | "human" | "si" | "inodes" | "posix";

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("df", HELP);
  const p = await parseOpts(t, argv, {
    short: "aB:hHiklmPTt:vx:",
    long: { all: "a", "human-readable": "h", si: "H", inodes: "i", local: "l", portability: "P", "print-type": "T",
      type: "t:", "exclude-type": "x:", total: "total", version: "version", sync: "sync", "no-sync": "nosync" },
  });
  if (typeof p === "number") return p;
  let all = false, printType = false, total = false;
  let mode: Mode = "blocks";
  const only: string[] = [], exclude: string[] = [];
  for (const [k, v] of p.opts) {
    if (k === "a") all = true;
    else if (k === "h") mode = mode === "inodes" ? mode : "human";
    else if (k === "H") mode = mode === "inodes" ? mode : "si";
    else if (k === "k") mode = mode === "inodes" ? mode : "blocks";
    else if (k === "i") mode = "inodes";
    else if (k === "P") mode = mode === "blocks" ? "posix" : mode;
    else if (k === "T") printType = true;
    else if (k === "t") only.push(v);
    else if (k === "x") exclude.push(v);
    else if (k === "total") total = true;
    else if (k === "version") { t.out.text("df (GNU coreutils) 9.4\n"); return t.finish(0); }
  }
  for (const ty of only) {
    if (exclude.includes(ty)) { await t.error(`file system type ${quote(ty)} both selected and excluded`); return 1; }
  }
  const mounts = await readMounts();
  if (!mounts) { await t.error(`cannot read table of mounted file systems: ${t.errText}`); return 1; }
  const typeOk = (ty: string) => (!only.length || only.includes(ty)) && !exclude.includes(ty);

  // Which mounts to show, each once.
  const chosen: MountEntry[] = [];
  const listed = p.operands.length > 0;
  if (listed) {
    for (const f of p.operands) {
      const st = newStat();
      if ((await stat(f, st)) < 0) { await t.error(`${quotef(f)}: ${t.errText}`); continue; }
      const abs = (await realpath(f)) ?? f;
      let best: MountEntry | null = null;
      for (const m of mounts) {
        if (best && !isDummy(best) && isDummy(m)) continue;
        const len = m.target.length;
        if (best && best.target.length > len) continue;
        if (m.target === "/" || abs === m.target || abs.startsWith(m.target + "/")) best = m;
      }
      const ms = newStat();
      if (best && (await stat(best.target, ms)) === 0 && ms.st_dev === st.st_dev) chosen.push(best);
      else {
        // Fall back to matching the device number.
        let byDev: MountEntry | null = null;
        for (const m of mounts) if ((await stat(m.target, ms)) === 0 && ms.st_dev === st.st_dev && (!byDev || isDummy(byDev) || !isDummy(m))) byDev = m;
        if (byDev) chosen.push(byDev);
      }
    }
  } else {
    const seen = new Map<number, number>(); // device -> index in chosen
    for (const m of mounts) {
      if (!typeOk(m.type) || (isDummy(m) && !all)) continue;
      const ms = newStat();
      if ((await stat(m.target, ms)) < 0) continue;
      const at = seen.get(ms.st_dev);
      if (at !== undefined && !all) {
        // An entry mounted over the same directory wins; otherwise the first one stays.
        if (chosen[at].target === m.target) chosen[at] = m;
        continue;
      }
      seen.set(ms.st_dev, chosen.length);
      chosen.push(m);
    }
  }

  const rows: string[][] = [];
  const sums = { size: 0, used: 0, avail: 0, files: 0, ifree: 0 };
  const cellsFor = (src: string, type: string, target: string, f: Statfs): string[] => {
    let size: number, used: number, avail: number;
    if (mode === "inodes") { size = f.files; used = f.files - f.ffree; avail = f.ffree; }
    else { size = f.blocks * f.bsize; used = (f.blocks - f.bfree) * f.bsize; avail = f.bavail * f.bsize; }
    const fmt = (n: number) => (mode === "human" ? humanSize(n) : mode === "si" ? siSize(n) : mode === "inodes" ? String(n) : String(Math.ceil(n / 1024)));
    const pct = used + avail === 0 ? "-" : `${Math.ceil((used * 100) / (used + avail))}%`;
    return [src, ...(printType ? [type] : []), fmt(size), fmt(used), fmt(avail), pct, target];
  };
  for (const m of chosen) {
    if (listed && !typeOk(m.type)) continue;
    const f = await statfs(m.target);
    if (!f) { await t.error(`${quotef(m.target)}: ${t.errText}`); continue; }
    if (f.blocks === 0 && !all && !listed) continue;
    rows.push(cellsFor(m.source, m.type, m.target, f));
    sums.size += f.blocks * f.bsize; sums.used += (f.blocks - f.bfree) * f.bsize; sums.avail += f.bavail * f.bsize;
    sums.files += f.files; sums.ifree += f.ffree;
  }
  if (!rows.length) {
    if (t.status === 0) await t.error("no file systems processed");
    return t.finish(1);
  }
  if (total) {
    rows.push(cellsFor("total", "-", "-", { type: 0, bsize: 1, blocks: sums.size, bfree: sums.size - sums.used, bavail: sums.avail,
      files: sums.files, ffree: sums.ifree, namelen: 0, frsize: 1, flags: 0 }));
  }

  const header = mode === "inodes" ? ["Inodes", "IUsed", "IFree", "IUse%"]
    : mode === "human" || mode === "si" ? ["Size", "Used", "Avail", "Use%"]
      : mode === "posix" ? ["1024-blocks", "Used", "Available", "Capacity"] : ["1K-blocks", "Used", "Available", "Use%"];
  const head = ["Filesystem", ...(printType ? ["Type"] : []), ...header, "Mounted on"];
  const mins = [14, ...(printType ? [4] : []), 5, 5, 5, 4, 0];
  const lefts = new Set([0, ...(printType ? [1] : []), head.length - 1]);
  const table = [head, ...rows];
  const widths = mins.map((w, i) => Math.max(w, ...table.map((r) => [...r[i]].length)));
  for (const r of table) {
    t.out.text(r.map((c, i) => (i === r.length - 1 ? c : lefts.has(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" ") + "\n");
  }
  return t.finish();
}
