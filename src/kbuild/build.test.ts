// kbuild: a module's declarations go to .modinfo and .exports, bad imports are compile
// errors with file:line:col, and modpost's checks print Linux's messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildModule } from "./build.js";
import { readKo } from "../kernel/module/format.js";

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
  assert.match(img.text.code, /EXPORT_SYMBOL_GPL\("core_hello", core_hello\)/);
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
