// KASAN-like reports end to end: out-of-bounds writes through a KBuffer's methods and
// copy_from_user, use after free, double free; each report's lines, the B taint that switches
// lock debugging off, only the first report of a boot (unless kasan_multi_shot), and a machine
// that goes on serving.
import { test } from "node:test";
import assert from "node:assert/strict";
import { kdbgMachine, logged, taint, stillServes, lineIndex } from "./kdebug_support.js";

const SEP = "==================================================================";

test("KASAN: slab-out-of-bounds through set(): the report, the object, taint B, lockdep off", async () => {
  const m = await kdbgMachine();
  try {
    const r = await logged(m, "printf oob-set > /dev/kdbg; echo $?");
    assert.equal(r.stdout, "0\n");
    const l = r.lines;
    assert.equal(l[0], SEP);
    assert.match(l[1], /^BUG: KASAN: slab-out-of-bounds in oob_set\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/);
    assert.match(l[2], /^Write of size 4 at addr (ffff888[0-9a-f]{9}) by task sh\/\d+$/);
    const addr = BigInt("0x" + /addr (\w+)/.exec(l[2])![1]);
    assert.equal(l[3], "");
    assert.match(l[4], /^CPU: 0 PID: \d+ Comm: sh Tainted: G {11}O/);
    const trace = lineIndex(l, /^Call Trace:$/);
    assert.match(l[trace + 2], /^ oob_set\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/);
    assert.match(l[trace + 3], /^ kdbg_write\+/);
    const alloc = lineIndex(l, /^Allocated by task \d+:$/);
    assert.match(l[alloc + 1], /^ oob_set\+.* \[kdbg\]$/);
    assert.equal(l.findIndex((x) => x.startsWith("Freed by task")), -1);
    const obj = lineIndex(l, /^The buggy address belongs to the object at /);
    const start = addr - 48n;
    assert.deepEqual(l.slice(obj, obj + 4), [
      `The buggy address belongs to the object at ${start.toString(16)}`,
      " which belongs to the cache kmalloc-64 of size 64",
      "The buggy address is located 48 bytes inside of",
      ` allocated 50-byte region [${start.toString(16)}, ${(start + 50n).toString(16)})`,
    ]);
    // The shadow row of the object: six full granules, two bytes of the seventh, then redzone.
    const mem = lineIndex(l, /^Memory state around the buggy address:$/);
    const col = 19 + 3 * Number((start % 128n) / 8n);
    assert.ok(l[mem + 3].startsWith(`>${(start - (start % 128n)).toString(16)}: `), l[mem + 3]);
    assert.equal(l[mem + 3].slice(col, col + 23), "00 00 00 00 00 00 02 fc");
    assert.equal(l[mem + 4], " ".repeat(19 + 3 * Number(((start + 50n) % 128n) / 8n)) + "^");
    assert.deepEqual(l.slice(-2), [SEP, "Disabling lock debugging due to kernel taint"]);
    assert.equal(await taint(m), 4096 | 32);
    // The first report of a boot only.
    const again = await logged(m, "printf oob-set > /dev/kdbg; printf double-free > /dev/kdbg");
    assert.deepEqual(again.lines, []);
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});

test("KASAN: copy_from_user past a kmalloc(50) but inside kmalloc-64 is KASAN's, not usercopy's", async () => {
  const m = await kdbgMachine();
  try {
    const cmd = "oob-copy".padEnd(60, " ");
    const r = await logged(m, `printf '${cmd}' > /dev/kdbg; echo $?`);
    assert.equal(r.stdout, "0\n");
    assert.match(r.lines[1], /^BUG: KASAN: slab-out-of-bounds in oob_copy\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/);
    assert.match(r.lines[2], /^Write of size 60 at addr ffff888[0-9a-f]{9} by task sh\/\d+$/);
    assert.ok(r.lines.includes("The buggy address is located 0 bytes inside of"), r.lines.join("\n"));
    assert.equal(r.lines.some((x) => x.startsWith("usercopy:")), false);
  } finally {
    await m.shutdown();
  }
});

test("KASAN: use after free and double free name the allocation and the free", async () => {
  for (const [cmd, title, access] of [
    ["uaf-fill", /^BUG: KASAN: slab-use-after-free in uaf_fill\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/, /^Write of size 8 at addr ffff888[0-9a-f]{9} by task sh\/\d+$/],
    ["double-free", /^BUG: KASAN: double-free in double_free\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/, /^Free of addr ffff888[0-9a-f]{9} by task sh\/\d+$/],
  ] as const) {
    const m = await kdbgMachine();
    try {
      const r = await logged(m, `printf ${cmd} > /dev/kdbg; echo $?`);
      assert.equal(r.stdout, "0\n", cmd);
      assert.match(r.lines[1], title);
      assert.match(r.lines[2], access);
      const alloc = lineIndex(r.lines, /^Allocated by task \d+:$/);
      const freed = lineIndex(r.lines, /^Freed by task \d+:$/);
      assert.ok(freed > alloc);
      assert.match(r.lines[alloc + 1], new RegExp(`^ ${cmd.replace("-", "_")}\\+.* \\[kdbg\\]$`));
      assert.match(r.lines[freed + 1], new RegExp(`^ ${cmd.replace("-", "_")}\\+.* \\[kdbg\\]$`));
      const where = cmd === "uaf-fill" ? "8 bytes inside of" : "0 bytes inside of";
      assert.ok(r.lines.includes(`The buggy address is located ${where}`), r.lines.join("\n"));
      assert.match(r.lines[r.lines.indexOf(`The buggy address is located ${where}`) + 1], /^ freed 64-byte region \[/);
      assert.equal(await taint(m), 4096 | 32);
      await stillServes(m);
    } finally {
      await m.shutdown();
    }
  }
});

test("KASAN: with kasan_multi_shot every report is printed", async () => {
  const m = await kdbgMachine("kasan_multi_shot");
  try {
    const r = await logged(m, "printf oob-set > /dev/kdbg; printf double-free > /dev/kdbg");
    assert.equal(r.lines.filter((l) => l.startsWith("BUG: KASAN:")).length, 2);
    // The lock-debugging line comes once, with the first taint.
    assert.equal(r.lines.filter((l) => l === "Disabling lock debugging due to kernel taint").length, 1);
  } finally {
    await m.shutdown();
  }
});

test("KASAN: kasan=off on the command line: no report, no taint", async () => {
  const m = await kdbgMachine("kasan=off");
  try {
    const r = await logged(m, "printf oob-set > /dev/kdbg; printf double-free > /dev/kdbg; echo $?");
    assert.equal(r.stdout, "0\n");
    assert.equal(r.lines.filter((l) => l.startsWith("BUG: KASAN:")).length, 0);
    assert.equal((await m.readTextFile("/proc/sys/kernel/tainted")).trim(), "4096"); // O: the out-of-tree kdbg
  } finally {
    await m.shutdown();
  }
});
