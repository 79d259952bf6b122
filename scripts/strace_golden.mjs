// Regenerates src/tests/golden/strace_calls.expected: compiles strace_calls.c with gcc, runs it
// under Linux's strace, and keeps the normalised lines between its two marker calls (the same
// normalisation src/tests/strace_golden.test.ts applies to Typix's strace). Needs gcc, strace
// and ptrace on the host, and a built tree (npx tsc -p .) for the normaliser.
//   node scripts/strace_golden.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { normalise } = await import(join(root, "dist/tests/golden/normalise.js"));
const src = join(root, "src/tests/golden/strace_calls.c");
const out = join(root, "src/tests/golden/strace_calls.expected");

const dir = mkdtempSync(join(tmpdir(), "strace-golden-"));
try {
  rmSync("/tmp/sg", { recursive: true, force: true });
  execFileSync("gcc", ["-O0", "-Wall", "-Werror", "-o", join(dir, "strace_calls"), src], { stdio: "inherit" });
  const log = join(dir, "log");
  execFileSync("strace", ["-o", log, join(dir, "strace_calls")], { stdio: "inherit", cwd: "/" });
  const version = execFileSync("strace", ["-V"], { encoding: "utf8" }).split("\n")[0];
  const lines = normalise(readFileSync(log, "utf8"));
  writeFileSync(out, lines.join("\n") + "\n");
  console.log(`${out}: ${lines.length} lines from ${version}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
