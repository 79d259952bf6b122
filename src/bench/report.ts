// The benchmark's output: the figures with their targets and PASS/MISS as a table, or the
// bare numbers as one JSON object (--json).
import type { Figure } from "./native.js";

export interface Row {
  key: string;
  label: string;
  unit: string;
  figure: Figure;
  /** "max" (at most) or "min" (at least) and the bound; none for reference figures. */
  target?: { kind: "max" | "min"; bound: number | null; what: string };
}

function fmt(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return "n/a";
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit}`;
}

function verdict(r: Row): string {
  if (!r.target) return "";
  const v = r.figure.value;
  if (v === null) return "UNAVAILABLE";
  if (r.target.bound === null) return "NO TARGET (native n/a)";
  const ok = r.target.kind === "max" ? v <= r.target.bound : v >= r.target.bound;
  return ok ? "PASS" : "MISS";
}

function targetText(r: Row): string {
  if (!r.target) return "(reference)";
  const op = r.target.kind === "max" ? "<=" : ">=";
  return `${op} ${r.target.what}`;
}

/** The table, with notes for unavailable figures. */
export function table(rows: Row[], extra: string[] = []): string {
  const cells = rows.map((r) => [r.key, fmt(r.figure.value, r.unit), targetText(r), verdict(r)]);
  const head = ["figure", "measured", "target", "result"];
  const w = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((s, i) => s.padEnd(w[i])).join("  ").trimEnd();
  const out = [line(head), line(w.map((n) => "-".repeat(n))), ...cells.map(line)];
  const notes = rows.filter((r) => r.figure.value === null).map((r) => `${r.key}: unavailable: ${r.figure.note ?? "no reason given"}`);
  return [...out, "", ...notes, ...extra].join("\n").trimEnd() + "\n";
}

/** The JSON object: every key, a number or null. */
export function json(rows: Row[]): string {
  const o: Record<string, number | null> = {};
  for (const r of rows) o[r.key] = r.figure.value === null ? null : Number(r.figure.value.toFixed(3));
  return JSON.stringify(o);
}
