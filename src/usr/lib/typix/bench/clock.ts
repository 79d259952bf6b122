// The benchmark helper's clock and statistics. The clock is read in the program itself, as a C
// program reads clock_gettime(CLOCK_MONOTONIC) through the vDSO: it does not enter the kernel.

/** Monotonic time in nanoseconds. */
export function nowNs(): number {
  return performance.now() * 1e6;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** A positive integer argument, or the default. */
export function intArg(s: string | undefined, dflt: number): number {
  const n = s === undefined ? dflt : Number(s);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`invalid number '${s}'`);
  return n;
}
