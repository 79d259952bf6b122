// /proc files about the machine's hardware and memory: interrupts, vmstat, misc, iomem,
// slabinfo. Each generator has its format written above it.
import type { Task } from "../../kernel/task.js";
import { procCreate } from "./root.js";
import { irqCounts } from "../../kernel/irqstat.js";
import { get_jiffies_64, INITIAL_JIFFIES } from "../../include/linux/jiffies.js";
import { TOTALRAM_BYTES, usedRamBytes } from "../../kernel/sysstat.js";
import { slabUsage, slabRecords, kmemCaches } from "../../include/linux/slab.js";
import { miscDevices } from "../../include/linux/miscdevice.js";

/*
 * /proc/interrupts: "           CPU0" then per IRQ "%3d: %10u  %s" with the chip, the
 * hardware IRQ and the action names; then the architecture's rows ("%3s: %10u   %s").
 */
procCreate("interrupts", 0o444, {
  show: () => {
    const ticks = get_jiffies_64() - INITIAL_JIFFIES;
    const row = (irq: string, n: number, desc: string) => `${irq.padStart(3)}: ${String(n).padStart(10)}   ${desc}\n`;
    return "           CPU0       \n" +
      row("0", ticks, "IO-APIC    2-edge      timer") +
      row("1", 0, "IO-APIC    1-edge      i8042") +
      row("4", irqCounts.serial, "IO-APIC    4-edge      ttyS0") +
      row("8", 0, "IO-APIC    8-edge      rtc0") +
      row("9", 0, "IO-APIC    9-fasteoi   acpi") +
      row("NMI", 0, "Non-maskable interrupts") +
      row("LOC", ticks, "Local timer interrupts") +
      row("SPU", 0, "Spurious interrupts") +
      row("RES", 0, "Rescheduling interrupts") +
      row("TLB", 0, "TLB shootdowns") +
      row("ERR", 0, "").trimEnd().replace(/\s+$/, "") + "\n" +
      row("MIS", 0, "").trimEnd() + "\n";
  },
});

/*
 * /proc/vmstat: "%s %lu\n" per counter, in Linux's order (the first ones: the zone and node
 * page counts). Pages are 4 KiB; Typix counts free, anonymous and slab memory.
 */
procCreate("vmstat", 0o444, {
  show: () => {
    const pg = (b: number) => Math.floor(b / 4096);
    const total = pg(TOTALRAM_BYTES), anon = pg(usedRamBytes()), slab = pg(slabUsage().bytes);
    const free = Math.max(0, total - anon - slab);
    const rows: [string, number][] = [
      ["nr_free_pages", free], ["nr_zone_inactive_anon", 0], ["nr_zone_active_anon", anon],
      ["nr_zone_inactive_file", 0], ["nr_zone_active_file", 0], ["nr_zone_unevictable", 0],
      ["nr_zone_write_pending", 0], ["nr_mlock", 0], ["nr_bounce", 0], ["nr_zspages", 0],
      ["nr_free_cma", 0], ["numa_hit", 0], ["numa_miss", 0], ["numa_foreign", 0],
      ["numa_interleave", 0], ["numa_local", 0], ["numa_other", 0],
      ["nr_inactive_anon", 0], ["nr_active_anon", anon], ["nr_inactive_file", 0], ["nr_active_file", 0],
      ["nr_unevictable", 0], ["nr_slab_reclaimable", 0], ["nr_slab_unreclaimable", slab],
      ["nr_isolated_anon", 0], ["nr_isolated_file", 0], ["nr_anon_pages", anon], ["nr_mapped", 0],
      ["nr_file_pages", 0], ["nr_dirty", 0], ["nr_writeback", 0], ["nr_writeback_temp", 0],
      ["nr_shmem", 0], ["nr_kernel_stack", 0], ["nr_page_table_pages", 0],
      ["pgpgin", 0], ["pgpgout", 0], ["pswpin", 0], ["pswpout", 0], ["pgfault", 0], ["pgmajfault", 0],
    ];
    return rows.map(([k, v]) => `${k} ${v}\n`).join("");
  },
});

/* /proc/misc: "%3i %s\n" minor and name of each registered misc device, newest first. */
procCreate("misc", 0o444, {
  show: () => [...miscDevices()].reverse().map((m) => `${String(m.minor).padStart(3)} ${m.name}\n`).join(""),
});

/*
 * /proc/iomem: "%*s%0*llx-%0*llx : %s\n" nested by two spaces per level; addresses are zeros
 * for a reader without CAP_SYS_ADMIN. The map is a 512 MB x86-64 PC's.
 */
const IOMEM: [number, number, number, string][] = [
  [0, 0x0, 0xfff, "Reserved"], [0, 0x1000, 0x9fbff, "System RAM"], [0, 0x9fc00, 0x9ffff, "Reserved"],
  [0, 0xa0000, 0xbffff, "PCI Bus 0000:00"], [0, 0xc0000, 0xc97ff, "Video ROM"],
  [0, 0xf0000, 0xfffff, "Reserved"], [1, 0xf0000, 0xfffff, "System ROM"],
  [0, 0x100000, 0x1ffdffff, "System RAM"], [1, 0x1000000, 0x1e02fff, "Kernel code"],
  [1, 0x1e03000, 0x2639fff, "Kernel rodata"], [1, 0x2800000, 0x2a2a4ff, "Kernel data"],
  [1, 0x2ec5000, 0x33fffff, "Kernel bss"], [0, 0x1ffe0000, 0x1fffffff, "Reserved"],
  [0, 0x20000000, 0xfebfffff, "PCI Bus 0000:00"], [0, 0xfec00000, 0xfec003ff, "IOAPIC 0"],
  [0, 0xfed00000, 0xfed003ff, "HPET 0"], [1, 0xfed00000, 0xfed003ff, "PNP0103:00"],
  [0, 0xfee00000, 0xfee00fff, "Local APIC"], [0, 0xfffc0000, 0xffffffff, "Reserved"],
];
procCreate("iomem", 0o444, {
  show: (reader: Task) => {
    const priv = reader.cred.euid === 0;
    const h = (n: number) => (priv ? n : 0).toString(16).padStart(8, "0");
    return IOMEM.map(([d, s, e, n]) => `${"  ".repeat(d)}${h(s)}-${h(e)} : ${n}\n`).join("");
  },
});

/*
 * /proc/slabinfo: "slabinfo - version: 2.1", the column header, then per cache
 * "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu".
 */
procCreate("slabinfo", 0o400, {
  show: () => {
    const live = new Map<unknown, number>();
    for (const r of slabRecords()) if (r.cache) live.set(r.cache, (live.get(r.cache) ?? 0) + 1);
    let out = "slabinfo - version: 2.1\n" +
      "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n";
    const caches = [...kmemCaches()].reverse();
    for (const c of caches) {
      const active = live.get(c) ?? 0;
      const pages = c.size > 4096 ? Math.ceil(c.size / 4096) : 1;
      const per = Math.max(1, Math.floor((pages * 4096) / c.size));
      const slabs = Math.ceil(active / per), num = slabs * per;
      out += `${c.name.padEnd(17)} ${String(active).padStart(6)} ${String(num).padStart(6)} ${String(c.size).padStart(6)} ${String(per).padStart(4)} ${String(pages).padStart(4)} : tunables ${"0".padStart(4)} ${"0".padStart(4)} ${"0".padStart(4)} : slabdata ${String(slabs).padStart(6)} ${String(slabs).padStart(6)} ${"0".padStart(6)}\n`;
    }
    return out;
  },
});
