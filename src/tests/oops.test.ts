// Oopses end to end: an exception in a module's write is an oops in Linux's layout, the writer
// dies of SIGSEGV (its shell prints "Segmentation fault"), the kernel is tainted D and the
// machine goes on; faddr2line and gdb turn the RIP back into the module's source line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";
import { loadOopsy, lineOf, log, tainted } from "./oops_support.js";

test("a NULL read in a module's write: the oops, SIGSEGV, taint D, and the machine goes on", async () => {
  const m = await boot();
  try {
    await loadOopsy(m);
    assert.equal(await tainted(m), 4096); // O: an out-of-tree module
    const r = await m.run("/bin/echo null > /dev/oopsy; echo after $?");
    assert.match(r.stderr, /Segmentation fault/);
    assert.equal(r.stdout, "after 139\n");
    const l = await log(m);
    const lines = l.slice(l.indexOf("BUG: kernel NULL")).split("\n");
    assert.equal(lines[0], "BUG: kernel NULL pointer dereference, address: 0000000000000000");
    assert.equal(lines[1], "#PF: supervisor read access in kernel mode");
    assert.equal(lines[2], "#PF: error_code(0x0000) - not-present page");
    assert.equal(lines[4], "Oops: 0000 [#1] PREEMPT SMP");
    assert.match(lines[5], /^CPU: 0 PID: \d+ Comm: echo Tainted: G           O       6\.6\.0-typix #1$/);
    assert.match(lines[6], /^Hardware name: /);
    const rip = /^RIP: 0010:(oopsy_write\+0x[0-9a-f]+\/0x[0-9a-f]+) \[oopsy\]$/.exec(lines[7]);
    assert.ok(rip, lines[7]);
    assert.equal(lines[8], "Call Trace:");
    assert.equal(lines[9], " <TASK>");
    assert.equal(lines[10], ` ${rip[1]} [oopsy]`);
    const end = lines.indexOf(" </TASK>");
    const trace = lines.slice(10, end);
    assert.ok(trace.some((f) => /^ vfs_write\+0x[0-9a-f]+\/0x[0-9a-f]+$/.test(f)), trace.join("\n"));
    assert.match(trace[trace.length - 2], /^ do_syscall_64\+/);
    assert.equal(trace[trace.length - 1], " entry_SYSCALL_64_after_hwframe+0x6e/0xd8");
    assert.equal(lines[end + 1], "Modules linked in: oopsy(O)");
    assert.equal(lines[end + 2], "CR2: 0000000000000000");
    assert.equal(lines[end + 3], "---[ end trace 0000000000000000 ]---");
    // Tainted: O (4096) from loading, D (128) from the oops.
    assert.equal(await tainted(m), 4096 + 128);
    // The machine keeps serving, and the next oops says it is tainted, in fixed columns.
    assert.equal((await m.run("echo still here")).stdout, "still here\n");
    await m.run("/bin/echo set > /dev/oopsy");
    const l2 = await log(m);
    assert.match(l2, /#PF: supervisor write access in kernel mode\n#PF: error_code\(0x0002\) - not-present page\nPGD 0 P4D 0 \nOops: 0002 \[#2\] PREEMPT SMP\nCPU: 0 PID: \d+ Comm: echo Tainted: G      D    O       6\.6\.0-typix #1\n/);
    // faddr2line and gdb name the source line.
    const f = await m.run(`faddr2line /tmp/oopsy.ko ${rip[1]}`);
    assert.equal(f.stdout, `${rip[1]}:\noopsy_write at oopsy.ko.ts:${lineOf("null")}\n`.replace("oopsy.ko.ts", "oopsy.ts"));
    const g = await m.run(`gdb -batch -ex 'list *(${rip[1].replace(/\/.*/, "")})' /tmp/oopsy.ko`);
    const gl = g.stdout.split("\n");
    assert.equal(gl[0], "Reading symbols from /tmp/oopsy.ko...");
    assert.match(gl[1], new RegExp(`^0x[0-9a-f]+ is in oopsy_write \\(oopsy\\.ts:${lineOf("null")}\\)\\.$`));
    assert.ok(gl.includes(`${lineOf("null")}\t  if (word === "null") return nothing!.value; // LINE:null`), g.stdout);
    const size = /\/(0x[0-9a-f]+)$/.exec(rip[1])![1];
    const wrong = await m.run(`faddr2line /tmp/oopsy.ko ${rip[1].replace(size, "0x1")}`);
    assert.match(wrong.stdout, /^skipping oopsy_write address at 0x[0-9a-f]+ due to size mismatch \(0x1 != 0x[0-9a-f]+\)$/m);
    assert.notEqual(wrong.status, 0);
  } finally {
    await m.shutdown();
  }
});

test("calling a NULL function pointer and a thrown error: instruction fetch, general protection fault", async () => {
  const m = await boot();
  try {
    await loadOopsy(m);
    await m.run("/bin/echo call > /dev/oopsy");
    await m.run("/bin/echo gpf > /dev/oopsy");
    const l = await log(m);
    assert.match(l, /#PF: supervisor instruction fetch in kernel mode\n#PF: error_code\(0x0010\) - not-present page\nPGD 0 P4D 0 \nOops: 0010 \[#1\] PREEMPT SMP\n/);
    assert.match(l, /\ngeneral protection fault: 0000 \[#2\] PREEMPT SMP\nCPU: 0 PID: \d+ Comm: echo Tainted: G      D    O       6\.6\.0-typix #1\n/);
  } finally {
    await m.shutdown();
  }
});

test("BUG() and BUG_ON(): kernel BUG at FILE:LINE!, invalid opcode, the task killed", async () => {
  const m = await boot();
  try {
    await loadOopsy(m);
    const r = await m.run("/bin/echo bug > /dev/oopsy; /bin/echo bug_on > /dev/oopsy; echo $?");
    assert.equal(r.stdout, "139\n");
    const l = await log(m);
    assert.match(l, new RegExp(`------------\\[ cut here \\]------------\nkernel BUG at oopsy\\.ts:${lineOf("bug")}!\ninvalid opcode: 0000 \\[#1\\] PREEMPT SMP\nCPU: 0 PID: \\d+ Comm: echo `));
    assert.match(l, new RegExp(`kernel BUG at oopsy\\.ts:${lineOf("bug_on")}!\ninvalid opcode: 0000 \\[#2\\] PREEMPT SMP\n`));
    assert.match(l, /\nRIP: 0010:oopsy_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[oopsy\]\n/);
    assert.equal(await tainted(m), 4096 + 128);
  } finally {
    await m.shutdown();
  }
});

test("WARN_ON, WARN_ONCE and WARN: cut here, WARNING line with the source line, taint W, the task goes on", async () => {
  const m = await boot();
  try {
    await loadOopsy(m);
    const r = await m.run("/bin/echo warn > /dev/oopsy && echo ok");
    assert.equal(r.stdout, "ok\n");
    let l = await log(m);
    const at = l.indexOf("------------[ cut here ]------------");
    const lines = l.slice(at).split("\n");
    assert.match(lines[1], new RegExp(`^WARNING: CPU: 0 PID: \\d+ at oopsy\\.ts:${lineOf("warn")} oopsy_write\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[oopsy\\]$`));
    assert.equal(lines[2], "Modules linked in: oopsy(O)");
    assert.match(lines[3], /^CPU: 0 PID: \d+ Comm: echo Tainted: G           O       6\.6\.0-typix #1$/);
    assert.match(lines[5], /^RIP: 0010:oopsy_write\+/);
    assert.equal(lines[6], "Call Trace:");
    assert.ok(lines.slice(7).includes("---[ end trace 0000000000000000 ]---"));
    assert.equal(await tainted(m), 4096 + 512);
    await m.run("/bin/echo warn_once > /dev/oopsy; /bin/echo warn_once > /dev/oopsy; /bin/echo warnmsg > /dev/oopsy");
    l = await log(m);
    assert.equal(l.split(`at oopsy.ts:${lineOf("warn_once")} `).length - 1, 1);
    assert.match(l, new RegExp(`------------\\[ cut here \\]------------\noopsy: bad count 8\nWARNING: CPU: 0 PID: \\d+ at oopsy\\.ts:${lineOf("warnmsg")} `));
    assert.match(l, /Comm: echo Tainted: G        W  O       6\.6\.0-typix #1/);
  } finally {
    await m.shutdown();
  }
});

test("dump_stack prints the CPU line and the call trace", async () => {
  const m = await boot();
  try {
    await loadOopsy(m);
    await m.run("/bin/echo dump > /dev/oopsy");
    assert.match(await log(m), /\nCPU: 0 PID: \d+ Comm: echo Tainted: G           O       6\.6\.0-typix #1\nHardware name: [^\n]+\nCall Trace:\n <TASK>\n oopsy_write\+0x[0-9a-f]+\/0x[0-9a-f]+ \[oopsy\]\n/);
    assert.equal(await tainted(m), 4096);
  } finally {
    await m.shutdown();
  }
});
