// `npm run fuzz [-- --seeds N --from S --calls C]`: random system calls from an unprivileged
// process, batch by batch (one seed each) on one machine, with the invariants of
// tests/fuzz_support.ts checked after every batch; a failing seed is printed with the kernel's
// report and the last call made, and replays with --from SEED --seeds 1.
import { boot } from "../index.js";
import { fuzzBatch } from "./fuzz_support.js";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const from = option("from", 1), seeds = option("seeds", 50), calls = option("calls", 2000);
const t0 = performance.now();
let failures = 0;
let m = await boot();
for (let seed = from; seed < from + seeds; seed++) {
  const f = await fuzzBatch(m, seed, calls);
  if (!f) continue;
  failures++;
  console.log(`seed ${seed}: last call: ${f.last}\n${f.what}\n`);
  await m.shutdown();
  m = await boot(); // a clean machine for the next seed
}
await m.shutdown();
const s = (performance.now() - t0) / 1000;
console.log(`${seeds * calls} calls in ${seeds} batches from seed ${from}: ${failures} failing, ${s.toFixed(1)} s (${Math.round((seeds * calls) / s)} calls/s)`);
process.exitCode = failures ? 1 : 0;
