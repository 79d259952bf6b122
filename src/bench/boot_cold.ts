// One cold boot: run as a fresh Node process, it prints how long its first boot() took
// (Node loading the kernel's code included), as `boot_cold_ms N`.
import { boot } from "../index.js";

const t0 = performance.now();
const m = await boot();
const ms = performance.now() - t0;
await m.shutdown();
process.stdout.write(`boot_cold_ms ${ms.toFixed(3)}\n`);
