// kmemleak: kernel memory leak detection (Linux's mm/kmemleak.c, written anew). Linux scans
// memory for pointers to each object; JavaScript cannot, so Typix knows an object is no longer
// referenced when the module that allocated it is gone: its code and data held the only
// references a module's allocations normally have. A scan runs when a module is removed (and on
// `echo scan > /sys/kernel/debug/kmemleak`); it logs
// "kmemleak: N new suspected memory leaks (see /sys/kernel/debug/kmemleak)", and reading that
// file lists every suspect in Linux's format: address and size, the allocating task and time,
// a hex dump of the first 32 bytes and the allocation's backtrace. "clear" forgets the
// current suspects, "dump=ADDR" shows one object.
import { printk, KERN } from "../kernel/printk.js";
import { initcall } from "../kernel/initcall.js";
import { findModule } from "../kernel/module/internal.js";
import { slabLiveObjects, type KBuffer } from "../include/linux/slab.js";
import { jiffies, HZ } from "../include/linux/jiffies.js";
import { stackLines, stackModule } from "../kernel/stacktrace.js";
import { debugfsCreateFile } from "../fs/debugfs.js";
import { EINVAL, EPERM } from "../include/uapi/errno.js";
import { Errno } from "../kernel/errors.js";

/** Suspects found by scans and not cleared, in the order found, with their backtraces. */
const suspects = new Map<KBuffer, string[]>();
/** Objects cleared by "clear": not reported again. */
const cleared = new WeakSet<KBuffer>();
let enabled = true;

/** The module that allocated an object, or null (kernel code). */
function allocator(b: KBuffer): string | null {
  return b.allocTrack ? stackModule(b.allocTrack.stack) : null;
}

/**
 * kmemleak_scan: objects of modules no longer loaded (or of `going`, being removed) are
 * unreferenced; the number of new ones.
 */
export function kmemleakScan(going: string | null = null): number {
  if (!enabled) return 0;
  let fresh = 0;
  for (const b of slabLiveObjects()) {
    if (suspects.has(b) || cleared.has(b)) continue;
    const mod = allocator(b);
    if (mod === null || (mod !== going && findModule(mod))) continue;
    suspects.set(b, stackLines(b.allocTrack!.stack)); // named while the module's symbols are there
    fresh++;
  }
  if (fresh > 0) printk(KERN(6) + `kmemleak: ${fresh} new suspected memory leaks (see /sys/kernel/debug/kmemleak)\n`);
  return fresh;
}

/** A module is going (the loader calls this as it frees the module): scan for what it left. */
export function kmemleakModuleGone(name: string): void {
  kmemleakScan(name);
}

const hex2 = (n: number) => n.toString(16).padStart(2, "0");
/** %pK: kernel pointers printed hashed, as to an unprivileged reader of a seq_file. */
function hashed(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return "00000000" + h.toString(16).padStart(8, "0");
}

/** print_unreferenced: one suspect as the kmemleak file shows it. */
function describe(b: KBuffer, trace = suspects.get(b) ?? stackLines(b.allocTrack!.stack)): string {
  const t = b.allocTrack!;
  const age = Math.max(0, jiffies - t.jiffies) * (1000 / HZ);
  let s = `unreferenced object 0x${b.kaddr.toString(16)} (size ${b.length}):\n`;
  s += `  comm "${t.comm}", pid ${t.pid}, jiffies ${t.jiffies} (age ${Math.floor(age / 1000)}.${String(Math.floor(age % 1000)).padStart(3, "0")}s)\n`;
  const n = Math.min(32, b.length);
  s += `  hex dump (first ${n} bytes):\n`;
  for (let row = 0; row < n; row += 16) {
    const bytes = [...b.subarray(row, Math.min(n, row + 16))];
    const ascii = bytes.map((c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : ".")).join("");
    s += `    ${bytes.map(hex2).join(" ")}  ${ascii}\n`;
  }
  s += "  backtrace:\n";
  for (const l of trace) s += `    [<${hashed(l)}>] ${l}\n`;
  return s;
}

function show(): string {
  if (!enabled) throw new Errno(EPERM);
  let out = "";
  for (const b of [...suspects.keys()]) {
    if (b.freed) { suspects.delete(b); continue; }
    out += describe(b);
  }
  return out;
}

function store(text: string): number | void {
  const cmd = text.trim();
  if (cmd === "scan") { kmemleakScan(); return; }
  if (cmd === "clear") {
    for (const b of suspects.keys()) cleared.add(b);
    suspects.clear();
    return;
  }
  if (cmd === "off") {
    if (enabled) printk(KERN(6) + "kmemleak: Kernel memory leak detector disabled\n");
    enabled = false;
    suspects.clear();
    return;
  }
  if (/^(scan=(on|off|\d+)|stack=(on|off))$/.test(cmd)) return; // scanning runs at module removal
  const dump = /^dump=(0x)?([0-9a-f]+)$/i.exec(cmd);
  if (dump) {
    const addr = BigInt("0x" + dump[2]);
    const b = slabLiveObjects().find((o) => addr >= o.kaddr && addr < o.kaddr + BigInt(Math.max(1, o.length)));
    if (!b) printk(KERN(6) + `kmemleak: Unknown object at 0x${addr.toString(16)}\n`);
    else for (const l of describe(b).replace(/^unreferenced object/, "Object").split("\n").filter(Boolean)) printk(KERN(6) + `kmemleak: ${l}\n`);
    return;
  }
  return -EINVAL;
}

initcall("late", "kmemleak_debugfs", () => {
  debugfsCreateFile("kmemleak", 0o644, null, { show, store });
});
