// The layering rule of DESIGN.md: system programs (src/usr) reach the kernel only through
// the system-call entry, so they import nothing but libc (and their own files); libc imports
// nothing from the kernel but the uapi headers. The toolchain (usr/toolchain: cc and kbuild)
// may also import the TypeScript compiler and "llvm" (the C compiler's Worker), libraries the host
// provides to user programs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^"'`]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)]
    .map((m) => m[1] ?? m[2]);
}

function target(file: string, spec: string): string {
  return relative(SRC, resolve(dirname(file), spec)).replace(/\\/g, "/");
}

function hostLibrary(file: string, spec: string): boolean {
  return ["typescript", "binaryen", "llvm"].includes(spec) && relative(SRC, file).startsWith("usr/toolchain/");
}

test("system programs import nothing but libc and the uapi headers", () => {
  const bad: string[] = [];
  for (const f of tsFiles(join(SRC, "usr"))) {
    if (f.endsWith("programs.ts")) continue; // the image's program table, not a program
    for (const spec of imports(f)) {
      const t = spec.startsWith(".") ? target(f, spec) : spec;
      if (!(t.startsWith("lib/libc/") || t.startsWith("usr/") || t.startsWith("include/uapi/") || hostLibrary(f, t))) bad.push(`${relative(SRC, f)}: ${spec}`);
    }
  }
  assert.deepEqual(bad, []);
});

test("libc imports nothing from the kernel but the uapi headers", () => {
  const bad: string[] = [];
  for (const f of tsFiles(join(SRC, "lib/libc"))) {
    for (const spec of imports(f)) {
      const t = spec.startsWith(".") ? target(f, spec) : spec;
      if (!(t.startsWith("lib/libc/") || t.startsWith("include/uapi/"))) bad.push(`${relative(SRC, f)}: ${spec}`);
    }
  }
  assert.deepEqual(bad, []);
});
