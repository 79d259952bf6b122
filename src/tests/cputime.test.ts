// CPU time is accounted: a program spinning in a Worker shows its user time in
// /proc/PID/stat (in clock ticks of 1/100 s) and in ps's TIME column.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine, startSpinning } from "./harness.js";

test("a spinning program's user time grows in /proc/PID/stat and ps", async () => {
  await withMachine(async (m) => {
    const p = await startSpinning(m);
    await new Promise((r) => setTimeout(r, 1200));
    const pid = await p.pid;
    const stat = (await m.readTextFile(`/proc/${pid}/stat`)).split(") ")[1].split(" ");
    const utime = Number(stat[11]);
    assert.ok(utime >= 50 && utime <= 200, `utime ${utime} ticks`);
    const ps = await m.run(`ps -o time= -p ${pid}`);
    assert.match(ps.stdout, /^00:00:0[1-3]\n$/);
    await p.kill(9);
    await p.done;
  });
});
