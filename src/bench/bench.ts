// `npm run bench`: Typix's benchmark. Measures system-call round trips (on the kernel's thread
// and from a Worker), /dev/zero to /dev/null and pipe throughput, spawn+wait and boot time inside
// Typix, next to the same measurements made natively on the host (C built with gcc, and dd).
// Prints a table with each figure's target and PASS/MISS; with --json, one JSON object only.
// See docs/BENCHMARKS.md.
import { nativeFigures } from "./native.js";
import { typixFigures, bootFigure } from "./typix.js";
import { table, json, type Row } from "./report.js";

async function main(): Promise<void> {
  const asJson = process.argv.includes("--json");
  const log = (s: string) => { if (!asJson) process.stderr.write(s); };
  log("native reference figures...\n");
  const nat = nativeFigures();
  log("Typix figures...\n");
  const ty = await typixFigures();
  log("boot...\n");
  const bootFig = await bootFigure();
  const rows: Row[] = [
    { key: "getpid_inline_ns", label: "getpid, system program", unit: "ns", figure: ty.getpidInline,
      target: { kind: "max", bound: nat.getpid.value, what: "native" } },
    { key: "getpid_worker_ns", label: "getpid, Worker program", unit: "ns", figure: ty.getpidWorker,
      target: { kind: "max", bound: 1000, what: "1000 ns" } },
    { key: "getpid_native_ns", label: "getpid, host C", unit: "ns", figure: nat.getpid },
    { key: "zero_to_null_gbps", label: "/dev/zero -> /dev/null", unit: "GB/s", figure: ty.zeroToNull,
      target: { kind: "min", bound: nat.dd.value, what: "native" } },
    { key: "zero_to_null_native_gbps", label: "host dd", unit: "GB/s", figure: nat.dd },
    { key: "pipe_gbps", label: "pipe", unit: "GB/s", figure: ty.pipe,
      target: { kind: "min", bound: nat.pipe.value, what: "native" } },
    { key: "pipe_native_gbps", label: "host pipe", unit: "GB/s", figure: nat.pipe },
    { key: "spawn_wait_us", label: "posix_spawn+waitpid", unit: "us", figure: ty.spawnWait,
      target: { kind: "max", bound: 1000, what: "1000 us" } },
    { key: "spawn_wait_native_us", label: "host posix_spawn+waitpid", unit: "us", figure: nat.spawn },
    { key: "boot_ms", label: "boot", unit: "ms", figure: bootFig,
      target: { kind: "max", bound: 100, what: "100 ms" } },
  ];
  if (asJson) process.stdout.write(json(rows) + "\n");
  else process.stdout.write(table(rows, [`boot_ms is wall time from boot() to its return; of it, the kernel's own start-up (Machine.bootMs) took ${bootFig.kernelMs.toFixed(2)} ms.`]));
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`bench: ${(e as Error)?.stack ?? e}\n`);
  process.exit(1);
});
