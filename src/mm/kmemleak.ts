// kmemleak: kernel memory leak detection (Linux's mm/kmemleak.c, written anew). Linux scans
// memory for pointers to each allocated object and reports those no pointer reaches; in Typix
// the garbage collector is that scan. The heap (include/linux/slab.ts) holds each object's
// KBuffer only through a WeakRef, in a record that also keeps the object's memory and its
// allocation track until kfree. A scan forces a full collection (mm/kmemleak_gc.ts); then every
// record whose KBuffer was collected and which was not freed is an object nothing points to:
// a suspect, while the module that allocated it is still loaded (a module's init that
// kmallocs and drops the pointer is found at once). An object a module keeps in a variable, a
// structure or a list is reachable and not reported. Unlike Linux no minimum age (5 s) is
// needed: the collector never mistakes an integer for a pointer or misses one in a register.
//
// A second rule is kept from before: when a module is removed, every object it allocated and
// did not free is a suspect (its code and data held the only references a module's allocations
// normally have, and in JavaScript a closure of the module may outlive it); objects of modules
// no longer loaded are suspects at every scan.
//
// Scans run on `echo scan > /sys/kernel/debug/kmemleak`, at rmmod (the unload rule only), and
// automatically: first 60 s after boot, then every 600 s (scan=<secs>), on a kernel timer
// that does not keep the machine running (Linux uses a kthread; a timer takes no pid). Each
// scan finding new suspects logs "kmemleak: N new suspected memory leaks (see
// /sys/kernel/debug/kmemleak)". Reading that file lists every suspect in Linux's format:
// address and size, the allocating task and time, a hex dump of the first 32 bytes and the
// allocation's backtrace. The hex dump shows the object's memory as it is now: the heap keeps
// an unfreed object's memory (as Linux's slab does) even after its KBuffer was collected, so
// the bytes are the real ones. "clear" forgets the current suspects, "dump=ADDR" logs one
// object, "off" disables kmemleak for good; the boot option kmemleak=off disables it from the
// start, and then (with KASAN off too) kmalloc saves no stacks.
//
// C kernel code's objects live in the kernel memory, where a pointer is a number: for them
// the scan is Linux's (kmemleakHeaps, kernel/module/c_slab.ts).
import { printk, KERN } from "../kernel/printk.js";
import { initcall } from "../kernel/initcall.js";
import { bootParams } from "../kernel/params.js";
import { findModule } from "../kernel/module/internal.js";
import { slabRecords, slabDebug } from "../include/linux/slab.js";
import type { Track } from "./kasan.js";
import { jiffies, get_jiffies_64, HZ } from "../include/linux/jiffies.js";
import { timer_list, timer_setup, mod_timer, del_timer } from "../include/linux/timer.js";
import { stackLines, stackModule } from "../kernel/stacktrace.js";
import { debugfsCreateFile } from "../fs/debugfs.js";
import { fullCollection } from "./kmemleak_gc.js";
import { EINVAL, EPERM } from "../include/uapi/errno.js";
import { Errno } from "../kernel/errors.js";

/** What kmemleak reads of an object: the TypeScript heap's SlabRecord, or a C object. */
export interface LeakRecord {
  readonly kaddr: bigint;
  readonly length: number;
  readonly freed: boolean;
  readonly allocTrack: Track | null;
  /** The module that allocated it, where the heap knows (else its allocation stack tells). */
  readonly module?: string | null;
  /** Its memory as it is now. */
  bytes(): Uint8Array;
}

/**
 * A heap besides the TypeScript one (the C heap in the kernel memory, kernel/module/c_slab.ts):
 * its allocated objects, and those a scan of its memory finds no pointer to.
 */
export interface LeakHeap {
  records(): Iterable<LeakRecord>;
  unreferenced(): Iterable<LeakRecord>;
}
export const kmemleakHeaps: LeakHeap[] = [];

/** Every allocated object of every heap. */
function allRecords(): LeakRecord[] {
  return [...slabRecords(), ...kmemleakHeaps.flatMap((h) => [...h.records()])];
}

/** Suspects found by scans and not cleared, in the order found, with their backtraces. */
const suspects = new Map<LeakRecord, string[]>();
/** Objects cleared by "clear": not reported again. */
const cleared = new WeakSet<LeakRecord>();
let enabled = true;

/** Seconds between automatic scans (scan=<secs>), and the first one's delay after boot. */
const SECS_FIRST_SCAN = 60;
let scanSecs = 600;
const scanTimer = new timer_list();

const kmemleakInfo = (s: string) => printk(KERN(6) + `kmemleak: ${s}\n`);

/** kmemleak_disable: for good, forgetting what was found; allocations stop saving stacks for it. */
function kmemleakDisable(): void {
  if (enabled) kmemleakInfo("Kernel memory leak detector disabled");
  enabled = false;
  slabDebug.kmemleak = false;
  suspects.clear();
  del_timer(scanTimer);
}
bootParams.register("kmemleak", (v) => { if (v === "off") kmemleakDisable(); });

/** The module that allocated an object, or null (kernel code). */
function allocator(r: LeakRecord): string | null {
  if (r.module !== undefined) return r.module;
  return r.allocTrack ? stackModule(r.allocTrack.stack) : null;
}

/** Make r a suspect (its backtrace named now, while its module's symbols are there); whether new. */
function markSuspect(r: LeakRecord): boolean {
  if (r.freed || suspects.has(r) || cleared.has(r)) return false;
  suspects.set(r, r.allocTrack ? stackLines(r.allocTrack.stack) : []);
  return true;
}

function reportNewLeaks(fresh: number): number {
  if (fresh > 0) kmemleakInfo(`${fresh} new suspected memory leaks (see /sys/kernel/debug/kmemleak)`);
  return fresh;
}

let scanning: Promise<number> | null = null;

/**
 * kmemleak_scan: a full collection, then every unfreed object whose KBuffer is gone (or whose
 * module is no longer loaded) is a suspect; the number of new ones. Scans do not overlap: one
 * asked for during another waits for it and runs after.
 */
export function kmemleakScan(): Promise<number> {
  const prev = scanning;
  const scanRun = (async () => {
    if (prev) await prev;
    if (!enabled) return 0;
    // V8 formats a saved stack lazily and until then keeps its frames' functions and receivers:
    // a record's allocation stack would keep reachable the object whose method allocated (and
    // through it the allocation), and a module's closures. Formatted, it holds only text.
    for (const r of slabRecords()) void r.allocTrack?.stack.stack;
    await fullCollection();
    if (!enabled) return 0;
    let fresh = 0;
    for (const r of [...slabRecords()]) {
      if (suspects.has(r) || cleared.has(r)) continue;
      const mod = allocator(r);
      const gone = mod !== null && !findModule(mod);
      if ((gone || r.deref() === undefined) && markSuspect(r)) fresh++;
    }
    for (const h of kmemleakHeaps) {
      for (const r of h.unreferenced()) if (markSuspect(r)) fresh++;
      for (const r of h.records()) {
        const mod = allocator(r);
        if (mod !== null && !findModule(mod) && markSuspect(r)) fresh++;
      }
    }
    return reportNewLeaks(fresh);
  })();
  scanning = scanRun;
  void scanRun.finally(() => { if (scanning === scanRun) scanning = null; });
  return scanRun;
}

/** A module is going (the loader calls this as it frees the module): what it left is unreferenced. */
export function kmemleakModuleGone(name: string): void {
  if (!enabled) return;
  let fresh = 0;
  for (const r of allRecords()) if (allocator(r) === name && markSuspect(r)) fresh++;
  reportNewLeaks(fresh);
}

/** The automatic scan: (re)armed for `secs` seconds from now; 0 stops it. */
function armAutoScan(secs: number): void {
  del_timer(scanTimer);
  if (!enabled || secs <= 0) return;
  mod_timer(scanTimer, get_jiffies_64() + secs * HZ);
  // A kernel timer is a host timeout: this one must not keep an idle machine running.
  (scanTimer.handle as { unref?: () => void } | null)?.unref?.();
}
timer_setup(scanTimer, async () => {
  await kmemleakScan();
  armAutoScan(scanSecs);
}, 0);

const hex2 = (n: number) => n.toString(16).padStart(2, "0");
/** %pK: kernel pointers printed hashed, as to an unprivileged reader of a seq_file. */
function hashed(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return "00000000" + h.toString(16).padStart(8, "0");
}

/** print_unreferenced: one suspect as the kmemleak file shows it. */
function describe(r: LeakRecord, trace = suspects.get(r) ?? (r.allocTrack ? stackLines(r.allocTrack.stack) : [])): string {
  const t = r.allocTrack;
  const at = t?.jiffies ?? jiffies;
  const age = Math.max(0, jiffies - at) * (1000 / HZ);
  let s = `unreferenced object 0x${r.kaddr.toString(16)} (size ${r.length}):\n`;
  s += `  comm "${t?.comm ?? "swapper/0"}", pid ${t?.pid ?? 0}, jiffies ${at} (age ${Math.floor(age / 1000)}.${String(Math.floor(age % 1000)).padStart(3, "0")}s)\n`;
  const n = Math.min(32, r.length);
  const mem = r.bytes();
  s += `  hex dump (first ${n} bytes):\n`;
  for (let row = 0; row < n; row += 16) {
    const bytes = [...mem.subarray(row, Math.min(n, row + 16))];
    const ascii = bytes.map((c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : ".")).join("");
    // The ASCII column stays where a full row's is (hex_dump_to_buffer's ascii_column).
    s += `    ${bytes.map(hex2).join(" ").padEnd(47)}  ${ascii}\n`;
  }
  s += "  backtrace:\n";
  for (const l of trace) s += `    [<${hashed(l)}>] ${l}\n`;
  return s;
}

/*
 * /sys/kernel/debug/kmemleak, read: each suspect not freed since, in the order found:
 *   unreferenced object 0xffff888100001000 (size 100):
 *     comm "insmod", pid 42, jiffies 4294893000 (age 1.204s)
 *     hex dump (first 32 bytes):
 *       41 41 ...  AAAA...
 *     backtrace:
 *       [<00000000hhhhhhhh>] leak_init+0x1c/0x40 [leak]
 */
function show(): string {
  if (!enabled) throw new Errno(EPERM);
  let out = "";
  for (const r of [...suspects.keys()]) {
    if (r.freed) { suspects.delete(r); continue; }
    out += describe(r);
  }
  return out;
}

async function store(text: string): Promise<number | void> {
  const cmd = text.trim();
  if (cmd === "clear") {
    for (const r of suspects.keys()) cleared.add(r);
    suspects.clear();
    return;
  }
  if (!enabled) return -EPERM;
  if (cmd === "scan") { await kmemleakScan(); return; }
  if (cmd === "off") { kmemleakDisable(); return; }
  const scan = /^scan=(on|off|\d+)$/.exec(cmd);
  if (scan) {
    const was = scanTimer.handle !== null;
    if (scan[1] === "on") { if (!was) armAutoScan(scanSecs); }
    else if (scan[1] === "off") armAutoScan(0);
    else { scanSecs = Number(scan[1]); armAutoScan(scanSecs); }
    const now = scanTimer.handle !== null;
    if (now && !was) kmemleakInfo("Automatic memory scanning thread started");
    if (!now && was) kmemleakInfo("Automatic memory scanning thread ended");
    return;
  }
  if (/^stack=(on|off)$/.test(cmd)) return; // no task stacks to scan: the collector sees every root
  const dump = /^dump=(0x)?([0-9a-f]+)$/i.exec(cmd);
  if (dump) {
    const addr = BigInt("0x" + dump[2]);
    const r = allRecords().find((o) => addr >= o.kaddr && addr < o.kaddr + BigInt(Math.max(1, o.length)));
    if (!r) kmemleakInfo(`Unknown object at 0x${addr.toString(16)}`);
    else for (const l of describe(r).replace(/^unreferenced object/, "Object").split("\n").filter(Boolean)) kmemleakInfo(l);
    return;
  }
  return -EINVAL;
}

initcall("late", "kmemleak_debugfs", () => {
  debugfsCreateFile("kmemleak", 0o644, null, { show, store });
  armAutoScan(SECS_FIRST_SCAN);
});
