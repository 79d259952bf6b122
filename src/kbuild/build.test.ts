// kbuild: a module's declarations go to .modinfo and .exports, bad imports are compile
// errors with file:line:col, and modpost's checks print Linux's messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildModule } from "./build.js";
import { readKo } from "../kernel/module/format.js";
import { boot } from "../index.js";

test("declarations become .modinfo, imports and exports", async () => {
  const r = await buildModule({ name: "core-lib", source: `import { pr_info } from "linux/printk";
import { MODULE_LICENSE, EXPORT_SYMBOL_GPL, MODULE_DESCRIPTION } from "linux/module";
function core_hello(): number { pr_info("hi\\n"); return 1; }
EXPORT_SYMBOL_GPL(core_hello);
MODULE_LICENSE("GPL v2");
MODULE_DESCRIPTION("core");
` });
  assert.deepEqual(r.messages, []);
  const img = readKo(r.ko!);
  assert.deepEqual(img.modinfo.map(([k]) => k), ["description", "license", "srcversion", "depends", "name", "vermagic"]);
  assert.equal(img.modinfo.find(([k]) => k === "name")![1], "core_lib");
  assert.deepEqual(img.imports, ["pr_info"]);
  assert.deepEqual(img.exports, [{ name: "core_hello", gpl: true }]);
  assert.match(img.text.code as string, /EXPORT_SYMBOL_GPL\("core_hello", core_hello\)/);
  assert.deepEqual(r.exports, [{ name: "core_hello", module: "core_lib", gpl: true }]);
  const user = await buildModule({ name: "user", symvers: r.exports, source: `declare function core_hello(): number;
import { MODULE_LICENSE } from "linux/module";
MODULE_LICENSE("GPL");
core_hello;
` });
  assert.deepEqual(user.messages, []);
  assert.equal(readKo(user.ko!).modinfo.find(([k]) => k === "depends")![1], "core_lib");
});

test("compile errors and modpost checks", async () => {
  const bad = await buildModule({ name: "bad", source: `import { MODULE_LICENSE } from "linux/module";\nimport { pr_info, no_such } from "linux/printk";\nimport { x } from "linux/nonexistent";\nMODULE_LICENSE("GPL");\n` });
  assert.equal(bad.ko, null);
  assert.deepEqual(bad.messages, [
    "bad.ts:2:19: error TS2305: Module '\"linux/printk\"' has no exported member 'no_such'.",
    "bad.ts:3:19: error TS2307: Cannot find module 'linux/nonexistent' or its corresponding type declarations.",
  ]);
  const nolic = await buildModule({ name: "nolic", source: `import { pr_info } from "linux/printk";\npr_info("x");\n` });
  assert.deepEqual([nolic.ko, nolic.messages], [null, ["ERROR: modpost: missing MODULE_LICENSE() in nolic.o"]]);
  const gpl = await buildModule({ name: "prop", source: `import { MODULE_LICENSE } from "linux/module";\nimport { class_create } from "linux/device";\nMODULE_LICENSE("Proprietary");\nclass_create;\n` });
  assert.deepEqual([gpl.ko, gpl.messages], [null, ["FATAL: modpost: GPL-incompatible module prop.ko uses GPL-only symbol 'class_create'"]]);
});

test("module_param_cb: the module's own ops over a variable; an array's count shows before any write", async () => {
  const r = await buildModule({ name: "cbmod", source: `import { pr_info } from "linux/printk";
import { module_init, module_param_cb, module_param_array, MODULE_LICENSE } from "linux/module";
import { param_set_int, param_get_int, type kernel_param_ops, type kernel_param } from "linux/moduleparam";
let level = 1;
const ops: kernel_param_ops = {
  set(val: string | null, kp: kernel_param) { const r = param_set_int(val, kp); pr_info("level set to %d\\n", level); return r; },
  get: param_get_int,
};
module_param_cb(level, ops, level, 0o644);
let arr = [0, 0, 0, 0]; let n = 2;
module_param_array(arr, "int", n, 0o444);
module_init(() => { pr_info("init level=%d n=%d\\n", level, n); return 0; });
MODULE_LICENSE("GPL");
` });
  assert.deepEqual(r.messages, []);
  assert.ok(!readKo(r.ko!).modinfo.some(([k, v]) => k === "parmtype" && v.startsWith("level:")));
  const m = await boot();
  try {
    await m.writeFile("/tmp/cbmod.ko", r.ko!);
    const x = await m.run("insmod /tmp/cbmod.ko level=5 && cat /sys/module/cbmod/parameters/level /sys/module/cbmod/parameters/arr"
      + " && echo 7 > /sys/module/cbmod/parameters/level && dmesg -t | tail -3", { user: "root" });
    assert.equal(x.stdout, "5\n0,0\nlevel set to 5\ninit level=5 n=2\nlevel set to 7\n");
  } finally {
    await m.shutdown();
  }
});

test("jiffies reads live; schedule_timeout sleeps its jiffies in the state set, and only yields in TASK_RUNNING", async () => {
  const r = await buildModule({ name: "ticks", source: `import { pr_info } from "linux/printk";
import { jiffies, HZ, msecs_to_jiffies } from "linux/jiffies";
import { msleep } from "linux/delay";
import { schedule_timeout, schedule_timeout_interruptible, set_current_state, TASK_INTERRUPTIBLE } from "linux/sched";
import { module_init, MODULE_LICENSE } from "linux/module";
module_init(async () => {
  const a = jiffies, o = { jiffies };
  await msleep(100);
  pr_info("ticks: after msleep(100): %s %s\\n", jiffies - a >= HZ / 20 ? "advanced" : "stuck", o.jiffies === a ? "kept" : "changed");
  const left = await schedule_timeout_interruptible(msecs_to_jiffies(40));
  set_current_state(TASK_INTERRUPTIBLE);
  pr_info("ticks: left %d, running: %d\\n", left, await schedule_timeout(0));
  return 0;
});
MODULE_LICENSE("GPL");
` });
  assert.deepEqual(r.messages, []);
  assert.match(readKo(r.ko!).text.code as string, /__ksym\.jiffies - a/);
  const m = await boot();
  try {
    await m.writeFile("/tmp/ticks.ko", r.ko!);
    const x = await m.run("insmod /tmp/ticks.ko && dmesg -t | grep ticks: | grep -v taints", { user: "root" });
    assert.equal(x.stdout, "ticks: after msleep(100): advanced kept\nticks: left 0, running: 0\n");
  } finally {
    await m.shutdown();
  }
});

test("unnamed locks get the names C gives them: &variable, &dev->member, the DEFINE_'s variable", async () => {
  const r = await buildModule({ name: "lk", source: `import { spin_lock_init } from "linux/spinlock";
import { mutex_init, DEFINE_MUTEX } from "linux/mutex";
import { MODULE_LICENSE } from "linux/module";
const lock = spin_lock_init();
const big = DEFINE_MUTEX();
const dev = { lock: DEFINE_MUTEX("given") };
export function reinit(): void { dev.lock = mutex_init(); }
lock; big;
MODULE_LICENSE("GPL");
` });
  assert.deepEqual(r.messages, []);
  const code = readKo(r.ko!).text.code as string;
  assert.match(code, /const lock = spin_lock_init\(undefined, "lock"\);/);
  assert.match(code, /const big = DEFINE_MUTEX\("big"\);/);
  assert.match(code, /DEFINE_MUTEX\("given"\)/);
  assert.match(code, /dev\.lock = mutex_init\(undefined, "dev->lock"\);/);
});
