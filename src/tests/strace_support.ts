// Helpers for tests of strace's output: a call line aligned as strace aligns it, sysrun's calls
// traced into a log, and a comparison of lines in which ADDR stands for any address.
import assert from "node:assert/strict";
import type { Machine } from "../index.js";

/** A call line as strace aligns it: "= " at column 40, or one space after a longer call. */
export const L = (call: string, ret: string) => `${(call + " ").padEnd(40)}= ${ret}`;

/** Run sysrun (at prog) over calls, one per line, under `strace -o -e trace=...`: the log's lines. */
export async function traced(m: Machine, prog: string, trace: string, calls: string[], user: "user" | "root" = "user"): Promise<string[]> {
  await m.writeFile("/tmp/calls", calls.join("\n") + "\n");
  const r = await m.run(`strace -o /tmp/log -e trace=${trace} ${prog} < /tmp/calls`, { user });
  assert.equal(r.status, 0, r.stderr);
  return (await m.readTextFile("/tmp/log")).split("\n");
}

/**
 * Lines equal to the expected ones, where ADDR stands for any address (addresses vary per run,
 * and so does the padding before "=" on their lines).
 */
export function same(actual: string[], expected: string[]): void {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const unpad = (s: string) => s.replace(/\) +=/, ") =");
  const norm = actual.map((a, i) => {
    const e = expected[i];
    if (e === undefined || !e.includes("ADDR")) return a;
    const re = new RegExp("^" + unpad(e).split("ADDR").map(esc).join("0x[0-9a-f]+") + "$");
    return re.test(unpad(a)) ? e : a;
  });
  assert.deepEqual(norm, expected);
}
