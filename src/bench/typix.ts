// The figures measured inside Typix: each comes from a program running in a booted machine —
// the benchmark helper /usr/lib/typix/bench (a system program, on the kernel's thread) and
// user programs built from src/bench/programs (each in its own Worker) — or, for boot_ms, from
// booting machines. A figure whose program fails (a missing driver or libc call) is null, with
// the program's own message as the reason.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { boot, type Machine } from "../index.js";
import { median, parseFigures } from "./stats.js";
import type { Figure } from "./native.js";

export const HELPER = "/usr/lib/typix/bench";

/** The bytes of a Typix user executable made from a compiled benchmark program. */
export function benchExecutable(name: string): Uint8Array {
  const js = readFileSync(fileURLToPath(new URL(`./programs/${name}.js`, import.meta.url)), "utf8");
  return new TextEncoder().encode("\x7fTJS\n" + js.replace(/\/\/# sourceMappingURL=.*$/m, ""));
}

/**
 * Run argv in m `runs` times and take the median of figure `key` from its output. Several runs
 * measure the steady state: the first run of a path also pays for compiling it (JIT).
 */
async function figure(m: Machine, argv: string[], key: string, runs = 1): Promise<Figure> {
  const values: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const r = await m.spawn(argv);
      const v = parseFigures(r.stdout).get(key);
      if (r.status !== 0 || v === undefined) {
        const why = (r.stderr.trim().split("\n").pop() || `exit status ${r.status}`).slice(0, 120);
        return { value: null, note: why };
      }
      values.push(v);
    }
    return { value: median(values) };
  } catch (e) {
    return { value: null, note: String((e as Error).message) };
  }
}

export interface TypixFigures {
  getpidInline: Figure;
  getpidWorker: Figure;
  zeroToNull: Figure;
  pipe: Figure;
  spawnWait: Figure;
}

/** Run every in-machine benchmark in one fresh machine. */
export async function typixFigures(): Promise<TypixFigures> {
  const m = await boot();
  try {
    const getpidInline = await figure(m, [HELPER, "getpid", "1000000", "9"], "getpid_ns");
    await m.writeFile("/usr/local/bin/getpid_worker", benchExecutable("getpid_worker"), 0o755);
    const getpidWorker = await figure(m, ["/usr/local/bin/getpid_worker", "200000", "9"], "getpid_ns");
    const zeroToNull = await figure(m, [HELPER, "dd", String(64 * 1024), "16384"], "gbps", 3);
    const pipe = await figure(m, [HELPER, "pipe", String(64 * 1024), "16384"], "gbps", 3);
    const spawnWait = await figure(m, [HELPER, "spawn", "500"], "spawn_wait_us");
    return { getpidInline, getpidWorker, zeroToNull, pipe, spawnWait };
  } finally {
    await m.shutdown();
  }
}

/** boot_ms: wall time from calling boot() until it returns (the kernel is up and init started), median over n boots. */
export async function bootFigure(n = 11): Promise<Figure & { kernelMs: number }> {
  const wall: number[] = [];
  const kernel: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const m = await boot();
    wall.push(performance.now() - t0);
    kernel.push(m.bootMs);
    await m.shutdown();
  }
  return { value: median(wall), kernelMs: median(kernel) };
}
