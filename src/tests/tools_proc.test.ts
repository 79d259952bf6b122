// End-to-end tests of gdb --version/--help and the hardware /proc files (interrupts, vmstat,
// misc, iomem, slabinfo) and /proc/PID/limits in Linux's layouts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { boot } from "../index.js";

type M = Awaited<ReturnType<typeof boot>>;
async function withMachine(fn: (m: M) => Promise<void>): Promise<void> {
  const m = await boot();
  try { await fn(m); } finally { await m.shutdown(); }
}
const root = { user: "root" as const };

test("gdb --version prints the banner and exits without a session; --help likewise", () => withMachine(async (m) => {
  const r = await m.run("gdb --version");
  assert.equal(r.status, 0);
  assert.equal(r.stderr, "");
  assert.deepEqual(r.stdout.split("\n").slice(0, 5), [
    "GNU gdb (Typix) 13.1",
    "Copyright (C) 2023 Free Software Foundation, Inc.",
    "License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>",
    "This is free software: you are free to change and redistribute it.",
    "There is NO WARRANTY, to the extent permitted by law.",
  ]);
  assert.doesNotMatch(r.stdout, /\(gdb\)/);
  const h = await m.run("gdb --help");
  assert.equal(h.status, 0);
  assert.match(h.stdout, /^This is the GNU debugger\.  Usage:\n/);
  assert.doesNotMatch(h.stdout, /\(gdb\)/);
}));

test("/proc/interrupts has the CPU0 header and a timer that counts ticks", () => withMachine(async (m) => {
  const a = await m.run("cat /proc/interrupts");
  assert.equal(a.status, 0);
  const lines = a.stdout.split("\n");
  assert.match(lines[0], /^ +CPU0/);
  const timer = (s: string) => Number(/^ +0: +(\d+) +IO-APIC +2-edge +timer$/m.exec(s)![1]);
  assert.match(a.stdout, /^ +4: +\d+ +IO-APIC +4-edge +ttyS0$/m);
  assert.match(a.stdout, /^LOC: +\d+ +Local timer interrupts$/m);
  await new Promise((r) => setTimeout(r, 100));
  const b = await m.run("cat /proc/interrupts");
  assert.ok(timer(b.stdout) > timer(a.stdout));
}));

test("/proc/vmstat is key value lines with nr_free_pages from MemFree", () => withMachine(async (m) => {
  const r = await m.run("cat /proc/vmstat; grep MemFree /proc/meminfo");
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^nr_free_pages \d+\n/);
  for (const l of r.stdout.trim().split("\n").slice(0, -1)) assert.match(l, /^[a-z_]+ \d+$/);
  const free = Number(/^nr_free_pages (\d+)/.exec(r.stdout)![1]);
  const kb = Number(/MemFree: +(\d+) kB/.exec(r.stdout)![1]);
  assert.ok(Math.abs(free * 4 - kb) < 1024, `${free} pages vs ${kb} kB`);
}));

test("/proc/misc, /proc/iomem (zeros to non-root) and /proc/slabinfo (root only)", () => withMachine(async (m) => {
  const misc = await m.run("cat /proc/misc");
  assert.equal(misc.status, 0);
  for (const l of misc.stdout.split("\n").filter(Boolean)) assert.match(l, /^[ \d]{3} \S+$/);
  const io = await m.run("cat /proc/iomem", root);
  assert.match(io.stdout, /^00100000-1ffdffff : System RAM$/m);
  assert.match(io.stdout, /^  01000000-01e02fff : Kernel code$/m);
  const io2 = await m.run("cat /proc/iomem");
  assert.match(io2.stdout, /^00000000-00000000 : System RAM$/m);
  const ls = await m.run("ls -l /proc/slabinfo");
  assert.match(ls.stdout, /^-r-------- 1 root root 0 /);
  const denied = await m.run("cat /proc/slabinfo");
  assert.equal(denied.status, 1);
  assert.match(denied.stderr, /Permission denied/);
  const s = await m.run("cat /proc/slabinfo", root);
  const lines = s.stdout.split("\n");
  assert.equal(lines[0], "slabinfo - version: 2.1");
  assert.match(lines[1], /^# name +<active_objs> <num_objs> <objsize>/);
  assert.match(s.stdout, /^kmalloc-\d+k? +\d+ +\d+ +\d+ +\d+ +\d+ : tunables +0 +0 +0 : slabdata +\d+ +\d+ +0$/m);
}));

test("/proc/PID/limits: Linux's layout and names (the host's own file is the model), the shell's ulimit reflected", () => withMachine(async (m) => {
  const r = await m.run("cat /proc/self/limits");
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split("\n").filter(Boolean);
  let host: string[] = [];
  try { host = readFileSync("/proc/self/limits", "utf8").split("\n").filter(Boolean); } catch { /* not Linux */ }
  if (host.length) {
    // The same rows with the same columns: the name and unit fields equal, the values' widths the same.
    const shape = (l: string) => [l.slice(0, 26), l.slice(68)];
    assert.deepEqual(lines.map(shape), host.map(shape));
  }
  assert.equal(lines[0], "Limit                     Soft Limit           Hard Limit           Units     ");
  assert.equal(lines[4], "Max stack size            8388608              unlimited            bytes     ");
  assert.equal(lines[15], "Max realtime priority     0                    0                    ");
  const after = await m.run("ulimit -n 100; ulimit -S -s 4096; grep -E 'open files|stack size' /proc/self/limits");
  assert.equal(after.stdout, "Max stack size            4194304              unlimited            bytes     \n" +
    "Max open files            100                  100                  files     \n");
  assert.equal((await m.run("stat -c %A /proc/1/limits")).stdout, "-r--r--r--\n");
}));
