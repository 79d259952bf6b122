// `npm run bench`: Typix's benchmark. Measures system-call round trips (on the kernel's thread
// and from a Worker), /dev/zero to /dev/null and pipe throughput, spawn+wait and boot time inside
// Typix, next to the same measurements made natively on the host (C built with gcc, and dd);
// and a grader's figures: cold boot, restoring a snapshot, a 20-submission module-grading suite.
// Prints a table with each figure's target and PASS/MISS; with --json, one JSON object only.
// See docs/BENCHMARKS.md.
import { cFigures, compilerFigures } from "./c_programs.js";
import { nativeFigures } from "./native.js";
import { typixFigures, bootFigure } from "./typix.js";
import { table, json, type Row } from "./report.js";
import { bootColdFigure, bootKeptWarmFigure, restoreFigures, gradingSuiteFigure } from "./grading.js";

async function main(): Promise<void> {
  const asJson = process.argv.includes("--json");
  const log = (s: string) => { if (!asJson) process.stderr.write(s); };
  log("native reference figures...\n");
  const nat = nativeFigures();
  log("Typix figures...\n");
  const ty = await typixFigures();
  log("C programs...\n");
  const cf = await cFigures();
  log("gcc in the machine...\n");
  const cc = await compilerFigures();
  log("boot...\n");
  const bootFig = await bootFigure();
  const bootCold = bootColdFigure();
  const bootKept = await bootKeptWarmFigure();
  log("snapshots...\n");
  const restore = await restoreFigures();
  log("grading suite...\n");
  const suite = await gradingSuiteFigure();
  const suiteS = { ...suite, value: suite.value === null ? null : suite.value / 1000 };
  const rows: Row[] = [
    { key: "getpid_inline_ns", label: "getpid, system program", unit: "ns", figure: ty.getpidInline,
      target: { kind: "max", bound: nat.getpid.value, what: "native" } },
    { key: "getpid_worker_ns", label: "getpid, Worker program", unit: "ns", figure: ty.getpidWorker,
      target: { kind: "max", bound: 1000, what: "1000 ns" } },
    { key: "getpid_c_ns", label: "getpid, C program", unit: "ns", figure: cf.getpidC,
      target: { kind: "max", bound: 1000, what: "1000 ns" } },
    { key: "exec_c_ms", label: "run a small C program", unit: "ms", figure: cf.execC },
    { key: "gcc_first_ms", label: "gcc hello.c, the first after boot", unit: "ms", figure: cc.gccFirst,
      target: { kind: "max", bound: 3000, what: "3000 ms" } },
    { key: "gcc_warm_ms", label: "gcc hello.c, compiler warm", unit: "ms", figure: cc.gccWarm,
      target: { kind: "max", bound: 500, what: "500 ms" } },
    { key: "c_compute_ms", label: "compute-bound C (gcc -O2 in the machine)", unit: "ms", figure: cc.compute },
    { key: "c_compute_native_ms", label: "the same, host gcc -O2", unit: "ms", figure: cc.computeNative },
    { key: "c_compute_ratio", label: "compute-bound C, Typix / native", unit: "x", figure: cc.computeRatio,
      target: { kind: "max", bound: 1.5, what: "1.5x native" } },
    { key: "c_fork_wait_ms", label: "fork+exit+wait from C", unit: "ms", figure: cc.forkWait,
      target: { kind: "max", bound: 5, what: "5 ms" } },
    { key: "c_thread_join_ms", label: "pthread_create+join from C", unit: "ms", figure: cc.threadJoin },
    { key: "c_module_build_ms", label: "make of a C module, compiler warm", unit: "ms", figure: cc.moduleBuild,
      target: { kind: "max", bound: 2000, what: "2000 ms" } },
    { key: "c_fop_call_ns", label: "a read's call into a C module", unit: "ns", figure: cc.fopCall,
      target: { kind: "max", bound: 200, what: "200 ns" } },
    { key: "c_insmod_rmmod_ms", label: "insmod+rmmod of a C module", unit: "ms", figure: cc.insmodRmmod,
      target: { kind: "max", bound: 5, what: "5 ms" } },
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
    { key: "boot_ms", label: "boot (warm: not the first in the process)", unit: "ms", figure: bootFig,
      target: { kind: "max", bound: 100, what: "100 ms" } },
    { key: "boot_cold_ms", label: "boot (the first in a process)", unit: "ms", figure: bootCold },
    { key: "boot_kept_warm_ms", label: "boot({ keepWarm: true }), a machine booted ahead", unit: "ms", figure: bootKept },
    { key: "restore_ms", label: "boot from a snapshot kept warm", unit: "ms", figure: restore.warm,
      target: { kind: "max", bound: 10, what: "10 ms" } },
    { key: "restore_cold_ms", label: "boot from a snapshot, keepWarm false", unit: "ms", figure: restore.cold },
    { key: "grading_suite_s", label: "README's module grader, 20 submissions, 2 at a time", unit: "s", figure: suiteS,
      target: { kind: "max", bound: 5, what: "5 s" } },
  ];
  if (asJson) process.stdout.write(json(rows) + "\n");
  else process.stdout.write(table(rows, [`boot_ms is wall time from boot() to its return; of it, the kernel's own start-up (Machine.bootMs) took ${bootFig.kernelMs.toFixed(2)} ms.`]));
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`bench: ${(e as Error)?.stack ?? e}\n`);
  process.exit(1);
});
