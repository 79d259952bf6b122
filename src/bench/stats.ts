// Small statistics for the benchmark: the median of a list of samples.

/** The median of xs (the mean of the two middle values for an even count); NaN when empty. */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Parse "key value" lines (what the benchmark programs print) into a map. */
export function parseFigures(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)\s+(-?[0-9.]+(?:e[-+]?[0-9]+)?)\s*$/i.exec(line.trim());
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}
