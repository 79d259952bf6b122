// Human-readable sizes as GNU's -h prints them (powers of 1024, rounded up, one decimal below 10).
export function humanSize(n: number): string {
  if (n < 1024) return String(n);
  const units = "KMGTPEZY";
  let v = n;
  let u = -1;
  do { v /= 1024; u++; } while (v >= 1024 && u < units.length - 1);
  if (v < 10) {
    let r = Math.ceil(v * 10 - 1e-9) / 10;
    if (r >= 10) return `10${units[u]}`;
    if (r >= 1024 && u < units.length - 1) { r = 1; u++; }
    return `${r.toFixed(1)}${units[u]}`;
  }
  const r = Math.ceil(v - 1e-9);
  if (r >= 1024 && u < units.length - 1) return `1.0${units[u + 1]}`;
  return `${r}${units[u]}`;
}
