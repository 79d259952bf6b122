// Hardened usercopy end to end: copy_from_user into a NULL or too small heap buffer, and
// copy_to_user out of one, print Linux's usercopy line and oops (kernel BUG at mm/usercopy.c);
// the task dies of SIGSEGV (its shell says "Segmentation fault"), the kernel is tainted D, and
// the machine goes on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { kdbgMachine, logged, taint, stillServes, lineIndex } from "./kdebug_support.js";

const cases = [
  ["printf 'null  ' > /dev/kdbg", "usercopy: Kernel memory overwrite attempt detected to null address (offset 0, size 6)!", "null_copy"],
  [`printf '${"overflow".padEnd(100, " ")}' > /dev/kdbg`, "usercopy: Kernel memory overwrite attempt detected to SLUB object 'kmalloc-16' (offset 0, size 100)!", "overflow"],
  ["printf exposure > /dev/kdbg; dd if=/dev/kdbg bs=100 count=1 status=none", "usercopy: Kernel memory exposure attempt detected from SLUB object 'kmalloc-8' (offset 0, size 100)!", "kdbg_read"],
] as const;

for (const [cmd, line, fn] of cases) {
  test(`usercopy: ${line.slice(0, 70)}...`, async () => {
    const m = await kdbgMachine();
    try {
      const r = await logged(m, `sh -c "${cmd}"; echo status $?`);
      assert.match(r.stderr, /Segmentation fault/);
      assert.equal(r.stdout, "status 139\n");
      const l = r.lines;
      const i = lineIndex(l, /^usercopy: /);
      assert.equal(l[i], line);
      assert.deepEqual(l.slice(i + 1, i + 4), ["------------[ cut here ]------------", "kernel BUG at mm/usercopy.c:102!", "invalid opcode: 0000 [#1] PREEMPT SMP"]);
      assert.match(l[i + 4], /^CPU: 0 PID: \d+ Comm: (sh|dd) Tainted: G {11}O/);
      // As in Linux, the BUG is in usercopy_abort; the module's function is in the call trace.
      const rip = lineIndex(l, /^RIP: 0010:/);
      assert.match(l[rip], /^RIP: 0010:usercopy_abort\+0x[0-9a-f]+\/0x[0-9a-f]+$/);
      lineIndex(l.slice(rip), new RegExp(`^ ${fn}\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[kdbg\\]$`));
      assert.ok(l.includes("Modules linked in: kdbg(O)"), l.join("\n"));
      assert.equal(await taint(m), 4096 | 128);
      await stillServes(m);
    } finally {
      await m.shutdown();
    }
  });
}

test("usercopy: a copy that fits is left alone", async () => {
  const m = await kdbgMachine();
  try {
    const r = await logged(m, "printf keep > /dev/kdbg; printf keep > /dev/kdbg; echo $?");
    assert.deepEqual([r.stdout, r.lines], ["0\n", []]);
    assert.equal(await taint(m), 4096);
  } finally {
    await m.shutdown();
  }
});
