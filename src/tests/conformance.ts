// Conformance tables: each line is a system call as sysrun (conformance/sysrun.ts) takes it,
// "=>", and what Linux returns for it ("3", "-1 ENOENT", or for dump/field lines the printed
// value). runTable runs the calls in a user program and returns the mismatches.
import type { Machine } from "../index.js";
import { runProgram } from "./harness.js";

export async function runTable(m: Machine, table: string, user: "user" | "root" = "user"): Promise<string[]> {
  const rows = table.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const calls = rows.map((r) => r.split("=>")[0].trim());
  const expected = rows.map((r) => (r.split("=>")[1] ?? "").trim());
  const res = await runProgram(m, "sysrun", [], { user, stdin: calls.join("\n") + "\n", cwd: "/" });
  const got = res.stdout.split("\n").filter(Boolean);
  const problems: string[] = [];
  if (res.status !== 0) problems.push(`sysrun exited with ${res.status}: ${res.stderr}`);
  rows.forEach((_, i) => {
    const line = got[i] ?? "(missing)";
    const value = line.replace(/^\d+ .*? = /, "");
    if (value !== expected[i]) problems.push(`${i + 1}: ${calls[i]}  =>  expected ${expected[i]}, got ${line}`);
  });
  return problems;
}
