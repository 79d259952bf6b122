// The kernel's clocks: CLOCK_MONOTONIC counts from boot (so it equals the uptime), and
// CLOCK_REALTIME is the wall-clock time at boot plus that, plus whatever settimeofday or
// clock_settime moved it by. Timers that must fire at a monotonic time use armTimer, which
// copes with host timers' 24.8-day limit.
import { uptimeUsec } from "./printk.js";

export const NSEC_PER_SEC = 1_000_000_000n;

/** performance.now() at boot, found from the uptime on first use. */
let perfAtBoot: number | null = null;

function bootPerf(): number {
  if (perfAtBoot === null) perfAtBoot = performance.now() - uptimeUsec() / 1000;
  return perfAtBoot;
}

/** Nanoseconds since boot (CLOCK_MONOTONIC, CLOCK_BOOTTIME). */
export function monotonicNs(): bigint {
  return BigInt(Math.floor((performance.now() - bootPerf()) * 1e6));
}

/** settimeofday/clock_settime move CLOCK_REALTIME by this much. */
let realtimeOffsetNs = 0n;

/** Nanoseconds since the epoch (CLOCK_REALTIME). */
export function realtimeNs(): bigint {
  return BigInt(Math.floor((performance.timeOrigin + bootPerf()) * 1e6)) + monotonicNs() + realtimeOffsetNs;
}

/** Set CLOCK_REALTIME to ns since the epoch. */
export function setRealtimeNs(ns: bigint): void {
  realtimeOffsetNs += ns - realtimeNs();
}

const MAX_HOST_DELAY_MS = 0x7fffffff;

/** Call fn after ms milliseconds, however long (the host's timers stop at 2^31-1 ms). Returns a cancel function. */
export function afterMs(ms: number, fn: () => void): () => void {
  return armTimer(monotonicNs() + BigInt(Math.max(0, Math.ceil(Math.min(ms, 2 ** 62 / 1e6) * 1e6))), fn);
}

/** Call fn once CLOCK_MONOTONIC reaches deadlineNs. Returns a cancel function. */
export function armTimer(deadlineNs: bigint, fn: () => void): () => void {
  let handle: ReturnType<typeof setTimeout> | null = null;
  const arm = () => {
    const leftNs = deadlineNs - monotonicNs();
    if (leftNs <= 0n) { handle = null; fn(); return; }
    const ms = Math.min(MAX_HOST_DELAY_MS, Math.ceil(Number(leftNs) / 1e6));
    handle = setTimeout(arm, ms);
  };
  const leftNs = deadlineNs - monotonicNs();
  handle = setTimeout(arm, Math.max(0, Math.min(MAX_HOST_DELAY_MS, Math.ceil(Number(leftNs) / 1e6))));
  return () => { if (handle) clearTimeout(handle); handle = null; };
}
