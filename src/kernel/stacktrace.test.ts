// The debugging machinery's frames stay out of reports in the bundled kernel too: every
// function its files declare is in HIDDEN_FUNCTIONS.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { HIDDEN_FILES, HIDDEN_FUNCTIONS } from "./stacktrace.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const DIRS = ["kernel", "mm", "include/linux", "kernel/module"];

test("every function and class of the hidden files is hidden by name", () => {
  const missing: string[] = [];
  for (const name of HIDDEN_FILES) {
    const file = DIRS.map((d) => `${SRC}${d}/${name}.ts`).find(existsSync);
    assert.ok(file, name);
    const text = readFileSync(file, "utf8");
    const decls = text.matchAll(/(?:^\s*(?:export )?class\s+([A-Za-z_$][\w$]*)|function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(|(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]*)?=>)/gm);
    for (const m of decls) {
      const fn = m[1] ?? m[2] ?? m[3];
      if (!HIDDEN_FUNCTIONS.has(fn)) missing.push(`${name}: ${fn}`);
    }
  }
  assert.deepEqual(missing, []);
});
