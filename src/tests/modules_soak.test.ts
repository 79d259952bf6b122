// Soak: loading and removing each example module 200 times in a row (driven by one shell
// loop inside the machine, using the module a little each time) leaves the kernel as it was:
// the heap (/proc/meminfo's Slab), the symbol table (/proc/kallsyms), /dev, /proc (less the
// pids), /sys and the module list, all exactly as before, and nothing oopsed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";
import { TYPIX_RELEASE } from "../kernel/utsname.js";

const X = `/lib/modules/${TYPIX_RELEASE}/extra`;
const ROUNDS = 200;

// One round per example: load, use, remove. Each command must succeed (the loop stops at the first failure).
const ROUND: Record<string, string> = {
  hwkm: `insmod ${X}/hwkm.ko && cat /proc/hwkm >/dev/null && rmmod hwkm`,
  hello: `insmod ${X}/hello.ko && echo hi >/dev/hello && cat /dev/hello >/dev/null && rmmod hello`,
  params: `insmod ${X}/params.ko myint=$i mystring=s$i myintarray=1,$i && cat /sys/module/params/parameters/myint >/dev/null && rmmod params`,
  seqfile: `insmod ${X}/seqfile.ko && cat /proc/seqfile >/dev/null && rmmod seqfile`,
  waitq: `insmod ${X}/waitq.ko && echo x >/dev/waitq && dd if=/dev/waitq bs=64 count=1 status=none >/dev/null && rmmod waitq`,
  "export-pair": `insmod ${X}/provider.ko && insmod ${X}/consumer.ko && rmmod consumer && rmmod provider`,
};

// What must not change: the heap, the symbols, the nodes and entries, the modules.
const SNAPSHOT = [
  "grep -E '^(Slab|SUnreclaim):' /proc/meminfo",
  "cat /proc/kallsyms",
  "ls -la /dev | sed 's/ [A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]\\{4,5\\} / /'",
  "ls /proc | grep -v '^[0-9]'",
  "find /sys 2>/dev/null",
  "cat /proc/modules /proc/devices",
].map((c) => `echo "== ${c.replace(/["$`\\]/g, "\\$&")}"; ${c}`).join("; ");

for (const [example, round] of Object.entries(ROUND)) {
  test(`${example}: ${ROUNDS} rounds of insmod, use and rmmod leave the kernel as it was`, async () => {
    const m = await boot();
    try {
      // A first round, so that whatever the kernel sets up once (a class of devices, a lazily
      // made directory) is there in both snapshots.
      const script = (body: string) => `i=0; while [ $i -lt ${ROUNDS} ]; do ${body} || { echo "round $i failed"; exit 1; }; i=$((i+1)); done`;
      const warm = await m.run(round.replace(/\$i/g, "0"), { user: "root" });
      assert.equal(warm.stderr, "", "warm-up round");
      const before = await m.run(SNAPSHOT, { user: "root" });
      const log = (await m.run("dmesg -t")).stdout;
      const soak = await m.run(script(round), { user: "root" });
      assert.deepEqual([soak.stdout, soak.stderr, soak.status], ["", "", 0]);
      const after = await m.run(SNAPSHOT, { user: "root" });
      assert.equal(after.stdout, before.stdout);
      assert.match(before.stdout, /^== .*\nSlab: +\d+ kB\nSUnreclaim: +\d+ kB\n/);
      // The log grew only by the modules' own lines: no oops, no warning from the kernel.
      const added = (await m.run("dmesg -t")).stdout.slice(log.length);
      assert.doesNotMatch(added, /Oops|BUG|WARNING|Unknown symbol|leak|still has objects|already registered/);
    } finally {
      await m.shutdown();
    }
  });
}
