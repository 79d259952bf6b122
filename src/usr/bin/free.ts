// free: amount of free and used memory (procps-ng: -b -k -m -g -h, --si, -t, -w). Figures
// come from /proc/meminfo, or sysinfo(2) when /proc is not mounted. used = total - free -
// buff/cache, as procps computes it.
import { Tool, parseOpts, readFileBytes, bytesToStr } from "../lib/common.js";
import { sysinfo } from "../lib/sys/kernel.js";

const HELP = `
Usage:
 free [options]

Options:
 -b, --bytes         show output in bytes
     --kilo          show output in kilobytes
     --mega          show output in megabytes
     --giga          show output in gigabytes
 -k, --kibi          show output in kibibytes
 -m, --mebi          show output in mebibytes
 -g, --gibi          show output in gibibytes
 -h, --human         show human-readable output
     --si            use powers of 1000 not 1024
 -w, --wide          wide output
 -t, --total         show total for RAM + swap

     --help     display this help and exit
 -V, --version  output version information and exit

For more details see free(1).
`;

/** procps's human-readable size: B, Ki, Mi, Gi, ... with one decimal below 10. */
function human(bytes: number, si: boolean): string {
  const base = si ? 1000 : 1024;
  const units = si ? ["B", "K", "M", "G", "T", "P"] : ["B", "Ki", "Mi", "Gi", "Ti", "Pi"];
  if (bytes < base) return `${bytes}${units[0]}`;
  let v = bytes, i = 0;
  while (v >= base && i < units.length - 1) { v /= base; i++; }
  if (v < 10) return `${(Math.round(v * 10) / 10).toFixed(1)}${units[i]}`;
  return `${Math.round(v)}${units[i]}`;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("free", HELP);
  const p = await parseOpts(t, argv, {
    short: "bkmghltwV",
    long: { bytes: "b", kilo: "kilo", mega: "mega", giga: "giga", kibi: "k", mebi: "m", gibi: "g", human: "h", si: "si", total: "t", wide: "w", version: "V" },
  });
  if (typeof p === "number") return p;
  if (p.operands.length) return t.usage();
  let scale = 1024, humanOut = false, si = false, total = false, wide = false;
  for (const [k] of p.opts) {
    if (k === "b") scale = 1; else if (k === "k") scale = 1024; else if (k === "m") scale = 1024 ** 2; else if (k === "g") scale = 1024 ** 3;
    else if (k === "kilo") scale = 1000; else if (k === "mega") scale = 1e6; else if (k === "giga") scale = 1e9;
    else if (k === "h") humanOut = true; else if (k === "si") si = true; else if (k === "t") total = true; else if (k === "w") wide = true;
    else if (k === "V") { t.out.text("free from procps-ng 4.0.2\n"); return t.finish(0); }
  }
  // Bytes of each figure.
  let mi: Record<string, number> = {};
  const b = await readFileBytes("/proc/meminfo");
  if (b) {
    for (const line of bytesToStr(b).split("\n")) {
      const m = /^(\S+):\s+(\d+)( kB)?$/.exec(line);
      if (m) mi[m[1]] = Number(m[2]) * (m[3] ? 1024 : 1);
    }
  } else {
    const s = await sysinfo();
    if (!s) { await t.error(`Unable to create meminfo structure`); return 1; }
    const u = s.memUnit;
    mi = { MemTotal: s.totalram * u, MemFree: s.freeram * u, Shmem: s.sharedram * u, Buffers: s.bufferram * u, Cached: 0,
      SReclaimable: 0, MemAvailable: (s.freeram + s.bufferram) * u, SwapTotal: s.totalswap * u, SwapFree: s.freeswap * u };
  }
  const g = (k: string) => mi[k] ?? 0;
  const buffers = g("Buffers"), cache = g("Cached") + g("SReclaimable");
  const mtotal = g("MemTotal"), mfree = g("MemFree");
  const avail = mi.MemAvailable ?? mfree;
  let used = mtotal - mfree - buffers - cache;
  if (used < 0) used = mtotal - mfree;
  const stotal = g("SwapTotal"), sfree = g("SwapFree");
  const fmt = (v: number) => (humanOut ? human(v, si) : String(Math.floor(v / (si && scale > 1 ? 1000 ** Math.round(Math.log(scale) / Math.log(1024)) : scale))));
  const row = (label: string, cols: number[]) => label.padEnd(8) + cols.map((c) => " " + fmt(c).padStart(11)).join("") + "\n";
  const head = wide ? ["total", "used", "free", "shared", "buffers", "cache", "available"] : ["total", "used", "free", "shared", "buff/cache", "available"];
  t.out.text("".padEnd(8) + head.map((h) => " " + h.padStart(11)).join("") + "\n");
  t.out.text(row("Mem:", wide ? [mtotal, used, mfree, g("Shmem"), buffers, cache, avail] : [mtotal, used, mfree, g("Shmem"), buffers + cache, avail]));
  t.out.text(row("Swap:", [stotal, stotal - sfree, sfree]));
  if (total) t.out.text(row("Total:", [mtotal + stotal, used + stotal - sfree, mfree + sfree]));
  return t.finish(0);
}
