// The system-wide files at the top of /proc: version, uptime, loadavg, meminfo, cpuinfo, stat,
// cmdline, devices, filesystems, mounts (and self/mounts through /proc/self). Each generator
// has its format written above it.
import { userTimeMs } from "../../kernel/task.js";
import type { Task } from "../../kernel/task.js";
import type { Mount } from "../inode.js";
import { procCreate, procSymlink } from "./root.js";
import { utsname, linuxBanner } from "../../kernel/utsname.js";
import { uptimeUsec } from "../../kernel/printk.js";
import { bootParams } from "../../kernel/params.js";
import { loadAverages, FSHIFT, TOTALRAM_BYTES, usedRamBytes } from "../../kernel/sysstat.js";
import { allTasks, lastPid } from "../../kernel/pid.js";
import { TASK_RUNNING, TASK_UNINTERRUPTIBLE } from "../../kernel/sched.js";
import { filesystems, allMounts, pathName } from "../mount.js";
import { procDevicesShow } from "../char_dev.js";
import { bootTimeMs } from "../../kernel/boot.js";
import { isSubdir } from "../namei.js";
import { slabUsage } from "../../include/linux/slab.js";

/** Clock ticks (USER_HZ) of the times /proc prints. */
export const USER_HZ = 100;
export const msToTicks = (ms: number) => Math.floor(ms / (1000 / USER_HZ));

/*
 * /proc/version:
 *   "Linux version %s (%s) (%s) %s\n" release, builder, compiler, version
 */
procCreate("version", 0o444, {
  show: () => linuxBanner(),
});

/** CPU time all live tasks have used, ms. */
function busyMs(): { user: number; system: number } {
  let user = 0, system = 0;
  for (const t of allTasks()) { user += userTimeMs(t); system += t.stimeMs; }
  return { user, system };
}

const twoDecimals = (cs: number) => `${Math.floor(cs / 100)}.${String(cs % 100).padStart(2, "0")}`;

/*
 * /proc/uptime:
 *   "%lu.%02lu %lu.%02lu\n" seconds since boot, seconds the CPU spent idle
 */
procCreate("uptime", 0o444, {
  show: () => {
    const upCs = Math.floor(uptimeUsec() / 10000);
    const b = busyMs();
    const idleCs = Math.max(0, upCs - Math.floor((b.user + b.system) / 10));
    return `${twoDecimals(upCs)} ${twoDecimals(idleCs)}\n`;
  },
});

/*
 * /proc/loadavg:
 *   "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n" the 1, 5 and 15 minute load averages,
 *   runnable tasks / all tasks, the last pid handed out
 */
procCreate("loadavg", 0o444, {
  show: () => {
    const fixed1 = 1 << FSHIFT;
    const avg = loadAverages().map((x) => {
      const v = x + (fixed1 / 200);
      return `${v >> FSHIFT}.${String(((v & (fixed1 - 1)) * 100) >> FSHIFT).padStart(2, "0")}`;
    });
    let running = 0, total = 0;
    for (const t of allTasks()) {
      if (t.exitState !== 0) continue;
      total++;
      if (t.state === TASK_RUNNING) running++;
    }
    return `${avg.join(" ")} ${running}/${total} ${lastPid()}\n`;
  },
});

/*
 * /proc/cmdline:
 *   "%s\n" the kernel command line
 */
procCreate("cmdline", 0o444, { show: () => `${bootParams.cmdline}\n` });

/*
 * /proc/devices:
 *   "Character devices:\n" then "%3d %s\n" per region, "\nBlock devices:\n" then block majors
 */
procCreate("devices", 0o444, { show: procDevicesShow });

/*
 * /proc/filesystems:
 *   "%s\t%s\n" "nodev" (or "" for a filesystem that needs a block device), the type's name
 */
procCreate("filesystems", 0o444, {
  show: () => filesystems().map((f) => `${f.nodev ? "nodev" : ""}\t${f.name}\n`).join(""),
});

/** Mount flags as /proc/mounts prints them after "rw"/"ro". */
const MNT_OPTS: [number, string][] = [[2, "nosuid"], [4, "nodev"], [8, "noexec"], [16, "sync"], [128, "dirsync"],
  [1024, "noatime"], [2048, "nodiratime"], [1 << 21, "relatime"]];

/** mangle(): space, tab, newline and backslash as octal escapes. */
export const mangle = (s: string) => s.replace(/[ \t\n\\]/g, (c) => "\\" + c.charCodeAt(0).toString(8).padStart(3, "0"));

const mountIds = new WeakMap<Mount, number>();
let nextMountId = 1;
/** A mount's id (mnt_id in fdinfo and mountinfo), given on first use. */
export function mountId(m: Mount): number {
  let id = mountIds.get(m);
  if (!id) { id = nextMountId++; mountIds.set(m, id); }
  return id;
}

/** Is mount m visible from reader's root (below it)? */
function visible(reader: Task, m: Mount): boolean {
  const root = reader.fs.root;
  for (let x: Mount | null = m, d = m.root; x; d = x.mountpoint!, x = x.parent) {
    if (x === root.mnt) return isSubdir(d, root.dentry);
    if (!x.parent) return false;
  }
  return false;
}

/*
 * /proc/mounts (and /proc/self/mounts):
 *   "%s %s %s %s 0 0\n" source, mount point, type, options ("rw" or "ro", mount flags, then the
 *   filesystem's own options); names are mangled (space as \040 ...)
 */
export function mountsShow(reader: Task): string {
  let s = "";
  for (const m of allMounts()) {
    if (!visible(reader, m)) continue;
    const type = m.parent ? m.sb.type.name : "rootfs";
    let opts = (m.flags & 1) || m.sb.readonly ? "ro" : "rw";
    for (const [bit, name] of MNT_OPTS) if (m.flags & bit) opts += "," + name;
    if (m.options) opts += "," + m.options;
    const at = pathName({ mnt: m, dentry: m.root });
    s += `${mangle(m.source)} ${mangle(at)} ${type} ${opts} 0 0\n`;
  }
  return s;
}
procSymlink("mounts", "self/mounts");

/*
 * /proc/meminfo: "%-16s%8lu kB\n" per field (HugePages_* counts: "%-16s%5lu\n"), in Linux's order.
 * MemTotal is the machine's memory; AnonPages what the address spaces map; Typix keeps no page
 * cache, swap, slab or huge pages, so those are 0.
 */
procCreate("meminfo", 0o444, {
  show: () => {
    const kb = (b: number) => Math.floor(b / 1024);
    const total = kb(TOTALRAM_BYTES);
    const anon = kb(usedRamBytes());
    const free = Math.max(0, total - anon - kb(slabUsage().bytes));
    const fields: [string, number][] = [
      ["MemTotal", total], ["MemFree", free], ["MemAvailable", free], ["Buffers", 0], ["Cached", 0],
      ["SwapCached", 0], ["Active", anon], ["Inactive", 0], ["Active(anon)", anon], ["Inactive(anon)", 0],
      ["Active(file)", 0], ["Inactive(file)", 0], ["Unevictable", 0], ["Mlocked", 0], ["SwapTotal", 0],
      ["SwapFree", 0], ["Dirty", 0], ["Writeback", 0], ["AnonPages", anon], ["Mapped", 0], ["Shmem", 0],
      ["KReclaimable", 0], ["Slab", kb(slabUsage().bytes)], ["SReclaimable", 0], ["SUnreclaim", kb(slabUsage().bytes)], ["KernelStack", 0],
      ["PageTables", 0], ["SecPageTables", 0], ["NFS_Unstable", 0], ["Bounce", 0], ["WritebackTmp", 0],
      ["CommitLimit", Math.floor(total / 2)], ["Committed_AS", anon], ["VmallocTotal", 34359738367],
      ["VmallocUsed", 0], ["VmallocChunk", 0], ["Percpu", 0], ["HardwareCorrupted", 0], ["AnonHugePages", 0],
      ["ShmemHugePages", 0], ["ShmemPmdMapped", 0], ["FileHugePages", 0], ["FilePmdMapped", 0],
    ];
    // HardwareCorrupted has its own width ("HardwareCorrupted: %5lu kB").
    let s = fields.map(([k, v]) => k === "HardwareCorrupted" ? `${k}: ${String(v).padStart(5)} kB\n`
      : `${(k + ":").padEnd(16)}${String(v).padStart(8)} kB\n`).join("");
    for (const k of ["HugePages_Total", "HugePages_Free", "HugePages_Rsvd", "HugePages_Surp"]) s += `${(k + ":").padEnd(16)}${String(0).padStart(5)}\n`;
    s += `${"Hugepagesize:".padEnd(16)}${String(2048).padStart(8)} kB\n`;
    s += `${"Hugetlb:".padEnd(16)}${String(0).padStart(8)} kB\n`;
    s += `${"DirectMap4k:".padEnd(16)}${String(total).padStart(8)} kB\n`;
    return s;
  },
});

/*
 * /proc/cpuinfo: one block of "%s\t: %s\n" lines per CPU (Typix has one), then an empty line.
 */
procCreate("cpuinfo", 0o444, {
  show: () => {
    const lines: [string, string][] = [
      ["processor", "0"], ["vendor_id", "TypixVirtCPU"], ["cpu family", "6"], ["model", "0"],
      ["model name", "Typix virtual CPU (JavaScript)"], ["stepping", "0"], ["cpu MHz", "1000.000"],
      ["cache size", "0 KB"], ["physical id", "0"], ["siblings", "1"], ["core id", "0"], ["cpu cores", "1"],
      ["apicid", "0"], ["initial apicid", "0"], ["fpu", "yes"], ["fpu_exception", "yes"], ["cpuid level", "0"],
      ["wp", "yes"], ["flags", "fpu"], ["bugs", ""], ["bogomips", "2000.00"], ["clflush size", "64"],
      ["cache_alignment", "64"], ["address sizes", "32 bits physical, 32 bits virtual"], ["power management", ""],
    ];
    // Names shorter than 8 columns get two tabs, as Linux's source spaces them.
    const body = lines.map(([k, v]) => k === "power management" ? `${k}:` : `${k}${k.length < 8 ? "\t\t" : "\t"}:${v ? " " + v : ""}`);
    return body.join("\n") + "\n\n";
  },
});

/*
 * /proc/stat:
 *   "cpu  %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu\n" user nice system idle iowait irq
 *   softirq steal guest guest_nice (USER_HZ ticks), then the same for "cpu0", then
 *   "btime %llu\n" "processes %lu\n" "procs_running %u\n" "procs_blocked %u\n"
 */
procCreate("stat", 0o444, {
  show: () => {
    const b = busyMs();
    const up = uptimeUsec() / 1000;
    const user = msToTicks(b.user), system = msToTicks(b.system);
    const idle = Math.max(0, msToTicks(up) - user - system);
    const cols = `${user} 0 ${system} ${idle} 0 0 0 0 0 0`;
    let running = 0, blocked = 0;
    for (const t of allTasks()) {
      if (t.exitState !== 0) continue;
      if (t.state === TASK_RUNNING) running++;
      else if (t.state === TASK_UNINTERRUPTIBLE) blocked++;
    }
    return `cpu  ${cols}\ncpu0 ${cols}\nbtime ${Math.floor(bootTimeMs() / 1000)}\nprocesses ${lastPid()}\n` +
      `procs_running ${running}\nprocs_blocked ${blocked}\n`;
  },
});
