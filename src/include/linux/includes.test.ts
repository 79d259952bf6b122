// The include graph: closures follow Linux's headers (module.h reaches printk through
// moduleparam.h and kernel.h; miscdevice.h reaches kobject and sysfs through device.h).
import { test } from "node:test";
import assert from "node:assert/strict";
import { HEADER_INCLUDES, headerClosure } from "./includes.js";
import { loadKernelHeaders, coreSymbols } from "../../kbuild/headers.js";
import { MODULE_MACROS } from "../../kernel/module/macros.js";

test("closures: the header itself and what it includes, transitively", () => {
  const k = headerClosure("linux/kernel");
  for (const h of ["linux/kernel", "linux/printk", "linux/kstrtox", "linux/minmax"]) assert.ok(k.has(h), h);
  assert.ok(!k.has("linux/fs"));
  const mod = headerClosure("linux/module");
  for (const h of ["linux/init", "linux/moduleparam", "linux/export", "linux/kobject", "linux/sysfs", "linux/kernel", "linux/printk"]) assert.ok(mod.has(h), h);
  const misc = headerClosure("linux/miscdevice");
  for (const h of ["linux/device", "linux/kobject", "linux/sysfs", "linux/mutex", "linux/spinlock"]) assert.ok(misc.has(h), h);
  assert.ok(headerClosure("linux/fs").has("linux/wait"));
  assert.ok(headerClosure("linux/cdev").has("linux/kobject"));
  assert.ok(headerClosure("linux/sched").has("linux/capability"));
  assert.deepEqual([...headerClosure("linux/nonexistent")], ["linux/nonexistent"]);
  // A cycle (delay → sched → ... ) ends.
  assert.ok(headerClosure("linux/delay").has("linux/sched"));
});

test("every header in the graph names headers that exist: registered ones or the macro headers", async () => {
  await loadKernelHeaders();
  const known = new Set([...coreSymbols().map((s) => s.header!), ...Object.keys(MODULE_MACROS),
    // slab.ts registers linux/vmalloc, but its names went to linux/slab first.
    "linux/vmalloc"]);
  for (const [h, incs] of Object.entries(HEADER_INCLUDES)) {
    assert.ok(known.has(h), `${h} is not a header`);
    for (const i of incs) assert.ok(known.has(i), `${h} includes unknown ${i}`);
  }
  // Every registered header has an entry.
  for (const h of new Set(coreSymbols().map((s) => s.header!))) assert.ok(h in HEADER_INCLUDES, `${h} has no entry`);
});
