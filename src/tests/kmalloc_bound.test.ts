// The kernel heap shares the machine's RAM: a module allocating in a loop gets NULL once the
// memory is used up (with Linux's page allocation failure warning), never the host's memory,
// and what it frees is available again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";
import { buildModule } from "../kbuild/build.js";

const HOG = `import { kmalloc, kfree, GFP_KERNEL, type KBuffer } from "linux/slab";
import { pr_info } from "linux/printk";
import { module_init, module_exit, MODULE_LICENSE } from "linux/module";
const held: KBuffer[] = [];
function hog_init(): number {
  for (;;) {
    const p = kmalloc(4 << 20, GFP_KERNEL);
    if (!p) break;
    held.push(p);
  }
  pr_info(\`hog: got \${held.length * 4} MiB\`);
  for (const p of held) kfree(p);
  held.length = 0;
  return 0;
}
module_init(hog_init);
module_exit(() => {});
MODULE_LICENSE("GPL");
`;

test("kmalloc in a loop returns NULL within the machine's RAM, with the allocation-failure warning; freed memory returns", async () => {
  const r = await buildModule({ name: "hog", source: HOG });
  assert.ok(r.ko, r.messages.join("\n"));
  const m = await boot();
  try {
    await m.writeFile("/tmp/hog.ko", r.ko);
    for (let round = 0; round < 2; round++) {
      assert.equal((await m.run("insmod /tmp/hog.ko && rmmod hog", { user: "root" })).status, 0);
    }
    const log = await m.dmesg();
    const got = [...log.matchAll(/hog: got (\d+) MiB/g)].map((x) => Number(x[1]));
    assert.equal(got.length, 2);
    assert.ok(got[0] > 256 && got[0] <= 512, String(got[0]));
    assert.equal(got[1], got[0]); // all of it came back
    assert.match(log, /\] insmod: page allocation failure: order:10, mode:0xcc0\(GFP_KERNEL\), nodemask=\(null\),cpuset=\/,mems_allowed=0\n/);
    assert.equal((await m.run("echo alive")).stdout, "alive\n");
  } finally {
    await m.shutdown();
  }
});
