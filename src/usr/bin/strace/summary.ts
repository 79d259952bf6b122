// -c: the table strace prints at the end: time, seconds, usecs/call, calls, errors per call,
// sorted by time, between dashed lines, then the total.
export interface Count { calls: number; errors: number; seconds: number }

export function summaryTable(counts: Map<string, Count>): string {
  const rows = [...counts.entries()].sort((a, b) => b[1].seconds - a[1].seconds || b[1].calls - a[1].calls || (a[0] < b[0] ? -1 : 1));
  const total = rows.reduce((s, [, c]) => ({ calls: s.calls + c.calls, errors: s.errors + c.errors, seconds: s.seconds + c.seconds }), { calls: 0, errors: 0, seconds: 0 });
  const width = Math.max(16, ...rows.map(([n]) => n.length));
  const dashes = ["------", "-----------", "-----------", "---------", "---------", "-".repeat(width)].join(" ");
  const usecs = (c: Count) => (c.calls ? Math.floor((c.seconds * 1e6) / c.calls) : 0);
  const row = (pct: string, c: Count, name: string) =>
    `${pct.padStart(6)} ${c.seconds.toFixed(6).padStart(11)} ${String(usecs(c)).padStart(11)} ${String(c.calls).padStart(9)} ${(c.errors ? String(c.errors) : "").padStart(9)} ${name}`;
  const out = ["% time     seconds  usecs/call     calls    errors syscall", dashes];
  for (const [name, c] of rows) out.push(row((total.seconds ? (c.seconds * 100) / total.seconds : 0).toFixed(2), c, name));
  out.push(dashes, row("100.00", total, "total"));
  return out.join("\n") + "\n";
}
