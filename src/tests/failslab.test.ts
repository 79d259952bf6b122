// failslab end to end: the debugfs attributes and their defaults, a forced kmalloc failure
// with the FAULT_INJECTION lines, ignore-gfp-wait (GFP_KERNEL is spared until it is N),
// times, interval, verbose, and the failslab= boot option.
import { test } from "node:test";
import assert from "node:assert/strict";
import { kdbgMachine, logged, stillServes, lineIndex } from "./kdebug_support.js";

const DIR = "/sys/kernel/debug/failslab";
const set = (attr: string, v: string) => `echo ${v} | sudo tee ${DIR}/${attr} >/dev/null`;

test("failslab: attributes, a forced failure of GFP_ATOMIC, ignore-gfp-wait, times", async () => {
  const m = await kdbgMachine();
  try {
    const d = await m.run(`sudo sh -c 'cd ${DIR} && grep . probability interval times space verbose ignore-gfp-wait cache-filter task-filter'`);
    assert.equal(d.stdout, ["probability:0", "interval:1", "times:1", "space:0", "verbose:2", "ignore-gfp-wait:Y", "cache-filter:N", "task-filter:N", ""].join("\n"));
    assert.match((await m.run(`cat ${DIR}/probability`)).stderr, /Permission denied/);
    const bad = await m.run(`${set("probability", "lots")}`);
    assert.match(bad.stderr, /Invalid argument/);
    await m.run(`${set("probability", "100")} && ${set("times", "2")}`);
    const r = await logged(m, "printf gfp-kernel > /dev/kdbg; printf gfp-atomic > /dev/kdbg");
    const l = r.lines;
    assert.equal(l[0], "kdbg: GFP_KERNEL kmalloc ok"); // may sleep: spared while ignore-gfp-wait is Y
    assert.deepEqual(l.slice(1, 3), ["FAULT_INJECTION: forcing a failure.", "name failslab, interval 1, probability 100, space 0, times 2"]);
    assert.match(l[3], /^CPU: 0 PID: \d+ Comm: sh /);
    lineIndex(l, /^ kdbg_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[kdbg\]$/);
    assert.equal(l[l.length - 1], "kdbg: GFP_ATOMIC kmalloc failed");
    await m.run(`${set("ignore-gfp-wait", "N")} && ${set("verbose", "1")}`);
    const k = await logged(m, "printf gfp-kernel > /dev/kdbg; printf gfp-kernel > /dev/kdbg");
    assert.deepEqual(k.lines, ["FAULT_INJECTION: forcing a failure.", "name failslab, interval 1, probability 100, space 0, times 1",
      "kdbg: GFP_KERNEL kmalloc failed", "kdbg: GFP_KERNEL kmalloc ok"]);
    assert.equal((await m.run(`sudo cat ${DIR}/times`)).stdout, "0\n");
    await stillServes(m);
  } finally {
    await m.shutdown();
  }
});

test("failslab: interval, unlimited times, verbose 0", async () => {
  const m = await kdbgMachine();
  try {
    await m.run(`${set("probability", "100")} && ${set("interval", "2")} && ${set("times", "-1")} && ${set("verbose", "0")}`);
    const r = await logged(m, "for i in 1 2 3 4; do printf gfp-atomic > /dev/kdbg; done");
    assert.deepEqual(r.lines, ["kdbg: GFP_ATOMIC kmalloc ok", "kdbg: GFP_ATOMIC kmalloc failed", "kdbg: GFP_ATOMIC kmalloc ok", "kdbg: GFP_ATOMIC kmalloc failed"]);
    assert.equal((await m.run(`sudo cat ${DIR}/times`)).stdout, "-1\n");
  } finally {
    await m.shutdown();
  }
});

test("failslab= boot option: interval, probability, space, times", async () => {
  const m = await kdbgMachine("failslab=1,100,0,1");
  try {
    assert.equal((await m.run(`sudo cat ${DIR}/probability ${DIR}/times`)).stdout, "100\n1\n");
    const r = await logged(m, "printf gfp-atomic > /dev/kdbg; printf gfp-atomic > /dev/kdbg");
    assert.equal(r.lines.filter((x) => x.startsWith("kdbg:")).join("\n"), "kdbg: GFP_ATOMIC kmalloc failed\nkdbg: GFP_ATOMIC kmalloc ok");
  } finally {
    await m.shutdown();
  }
});
