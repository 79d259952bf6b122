// The heap holds objects weakly and the collector finds the unreferenced ones: what a dropped
// object leaves (its record, its bytes, its accounts), what a kept one or a view keeps, and
// that allocations save no stacks when neither KASAN nor kmemleak wants them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { kmalloc, kfree, slabUsage, slabRecords, slabLiveObjects, slabDebug, GFP_KERNEL, KBuffer, type SlabRecord } from "../include/linux/slab.js";
import { fullCollection } from "./kmemleak_gc.js";

const recordAt = (kaddr: bigint): SlabRecord => [...slabRecords()].find((r) => r.kaddr === kaddr)!;

test("a dropped object is collected, yet stays allocated: counted, its bytes kept, until kfree", async () => {
  const before = slabUsage();
  let kept: KBuffer | null = kmalloc(40, GFP_KERNEL)!;
  let view: KBuffer | null = kmalloc(50, GFP_KERNEL)!.subarray(10, 20);
  const lost = (() => { const b = kmalloc(100, GFP_KERNEL)!; b.fill(0x41); return b.kaddr; })();
  assert.equal(await fullCollection(), true);
  assert.equal((globalThis as { gc?: unknown }).gc, undefined); // the collector is not left to others
  const r = recordAt(lost);
  assert.equal(r.deref(), undefined);
  assert.deepEqual([r.length, r.freed, [...r.bytes().subarray(0, 4)]], [100, false, [0x41, 0x41, 0x41, 0x41]]);
  assert.deepEqual(slabUsage(), { objects: before.objects + 3, bytes: before.bytes + 190 });
  assert.ok(slabLiveObjects().includes(r)); // KASAN's shadow still sees the leaked object
  // What code can reach is there: the kept pointer, and the object behind a view.
  assert.equal(recordAt(kept.kaddr).deref(), kept);
  assert.ok(slabLiveObjects().includes(kept));
  assert.equal(recordAt(view.object.kaddr).deref(), view.object);
  kfree(kept);
  kfree(view.object);
  assert.deepEqual(slabUsage(), { objects: before.objects + 1, bytes: before.bytes + 100 });
  kept = view = null;
  await fullCollection();
  assert.equal([...slabRecords()].filter((x) => x.length === 40 || x.length === 50).length, 0);
});

test("with KASAN and kmemleak both off, kmalloc and kfree save no stacks", () => {
  const saved = { ...slabDebug };
  try {
    slabDebug.kasan = slabDebug.kmemleak = false;
    const a = kmalloc(8, GFP_KERNEL)!;
    kfree(a);
    assert.deepEqual([a.allocTrack, a.freeTrack], [null, null]);
    slabDebug.kmemleak = true;
    const b = kmalloc(8, GFP_KERNEL)!;
    kfree(b);
    assert.ok(b.allocTrack && b.freeTrack);
    slabDebug.kmemleak = false;
    slabDebug.kasan = true;
    const c = kmalloc(8, GFP_KERNEL)!;
    assert.ok(c.allocTrack);
    kfree(c);
  } finally {
    Object.assign(slabDebug, saved);
  }
});
