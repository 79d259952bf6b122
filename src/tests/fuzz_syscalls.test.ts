// A short, fixed-seed run of the system-call fuzzer (tests/fuzz_support.ts; `npm run fuzz` runs
// it long): random calls with hostile arguments from uid 1000 never oops the kernel, and the
// machine keeps answering.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withMachine } from "./harness.js";
import { fuzzBatch } from "./fuzz_support.js";

test("10,000 random system calls from a user: no oops, the machine answers", async () => {
  await withMachine(async (m) => {
    for (let seed = 1; seed <= 5; seed++) {
      const f = await fuzzBatch(m, seed, 2000);
      assert.equal(f, null, f ? `seed ${f.seed}: last call: ${f.last}\n${f.what}` : "");
    }
  });
});
