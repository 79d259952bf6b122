// System-wide figures shared by sysinfo(2) and /proc: the load averages (Linux's calc_load:
// every 5 s, an exponential average of the runnable and uninterruptible tasks, in 11-bit fixed
// point) and the memory totals of the machine.
import { allTasks } from "./pid.js";
import { TASK_RUNNING, TASK_UNINTERRUPTIBLE } from "./sched.js";
import { monotonicNs } from "./timekeeping.js";

export const FSHIFT = 11;
const FIXED_1 = 1 << FSHIFT;
const EXP = [1884, 2014, 2037];
const LOAD_FREQ_NS = 5_000_000_000n;

const avenrun = [0, 0, 0];
let lastUpdate = 0n;

function activeTasks(): number {
  let n = 0;
  for (const t of allTasks()) {
    if (t.exitState === 0 && (t.state === TASK_RUNNING || t.state === TASK_UNINTERRUPTIBLE) && t.pid !== 1) n++;
  }
  return n;
}

/** avenrun[0..2] in FSHIFT fixed point, brought up to date. */
export function loadAverages(): number[] {
  const now = monotonicNs();
  let periods = Number((now - lastUpdate) / LOAD_FREQ_NS);
  if (periods > 0) {
    lastUpdate += BigInt(periods) * LOAD_FREQ_NS;
    const active = activeTasks() * FIXED_1;
    periods = Math.min(periods, 10000);
    for (let p = 0; p < periods; p++) {
      for (let i = 0; i < 3; i++) {
        let v = avenrun[i] * EXP[i] + active * (FIXED_1 - EXP[i]);
        if (active >= avenrun[i]) v += FIXED_1 - 1;
        avenrun[i] = Math.floor(v / FIXED_1);
      }
    }
  }
  return [...avenrun];
}

/** The machine's memory, bytes (MemTotal). */
export const TOTALRAM_BYTES = 512 * 1024 * 1024;

/** Memory mapped by the processes' address spaces, bytes (shared address spaces counted once). */
export function usedRamBytes(): number {
  const seen = new Set<unknown>();
  let used = 0;
  for (const t of allTasks()) {
    if (!t.mm || seen.has(t.mm)) continue;
    seen.add(t.mm);
    for (const a of t.mm.areas) used += a.end - a.start;
  }
  return Math.min(used, TOTALRAM_BYTES);
}
