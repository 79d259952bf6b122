// Fuzzing a machine with random system calls from an unprivileged process (the program
// tests/conformance/fuzz_syscalls.ts), in batches by seed, and checking after each batch what must
// always hold: the machine answers, /proc reads, and the kernel log has no oops, BUG or WARNING
// from a plain system call. `npm run fuzz` runs it long (src/fuzz.ts); a CI test runs it short.
import type { Machine } from "../index.js";
import { installProgram } from "./harness.js";

export interface FuzzFailure { seed: number; what: string; last: string }

const BAD_LOG = /\b(Oops|BUG:|WARNING:|general protection fault|Call Trace:)/;

/** Run one batch: COUNT calls from SEED as uid 1000. Returns what went wrong, or null. */
export async function fuzzBatch(m: Machine, seed: number, count: number): Promise<FuzzFailure | null> {
  const prog = await installProgram(m, "fuzz_syscalls", "/usr/local/bin/fuzz_syscalls");
  const before = (await m.dmesg()).split("\n").length;
  // A directory and a log of its own per batch: the calls may chmod, rename or unlink what they find.
  const dir = `/tmp/fuzz.${seed}`;
  const r = await m.run(`mkdir -p ${dir} && cd ${dir} && ${prog} ${seed} ${count} 3>${dir}.last`, { timeout: 60_000 });
  const last = (await m.run(`tail -n 1 ${dir}.last; rm -rf ${dir} ${dir}.last`)).stdout.trim();
  if (!/^calls \d+\n$/.test(r.stdout) && r.status !== 0 && !r.lockup && r.status < 128) {
    return { seed, what: `the fuzzer did not run: ${JSON.stringify(r)}`, last };
  }
  const log = (await m.dmesg()).split("\n").slice(before - 1);
  const bad = log.find((l) => BAD_LOG.test(l));
  if (bad) return { seed, what: log.slice(log.indexOf(bad), log.indexOf(bad) + 12).join("\n"), last };
  const alive = await m.run("echo alive; head -1 /proc/meminfo >/dev/null && cat /proc/self/stat >/dev/null && echo procfs");
  if (alive.stdout !== "alive\nprocfs\n") return { seed, what: `the machine stopped answering: ${JSON.stringify(alive)}`, last };
  if (r.lockup) return { seed, what: r.lockup.join("\n"), last };
  return null;
}
