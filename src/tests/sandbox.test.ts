// The JavaScript sandbox: a program a guest user writes cannot reach the host — no host
// modules, globals or code generation that leads out, only the system-call trap; programs the
// image ships keep their host libraries, and a modified copy of one loses them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withMachine, installProgram } from "./harness.js";

test("every escape a hostile user program tries is blocked; its console goes to its stdout", async () => {
  const marker = join(tmpdir(), `typix-escape-${process.pid}-${Date.now()}`);
  try {
    await withMachine(async (m) => {
      const prog = await installProgram(m, "escape", "/home/user/escape");
      const r = await m.run(`${prog} ${marker} | grep -v ': blocked$'; echo status=$?`);
      assert.equal(r.stderr, "");
      // grep prints only the console line: every attempt said "blocked".
      assert.equal(r.stdout, "console.log writes to stdout\nstatus=0\n");
      const all = await m.run(`${prog} ${marker} | wc -l`);
      assert.equal(all.stdout.trim(), "24"); // 23 attempts and the console line
    });
    assert.equal(existsSync(marker), false);
  } finally {
    rmSync(marker, { force: true });
  }
});

test("a program importing a host module cannot be loaded: it dies with the loader's error", async () => {
  await withMachine(async (m) => {
    await m.writeFile("/tmp/fsprog", "\x7fTJS\nimport { writeFileSync } from \"node:fs\";\nexport default function main() { writeFileSync(\"/tmp/x\", \"\"); return 0; }\n", 0o755);
    const r = await m.run("/tmp/fsprog; echo status=$?");
    assert.match(r.stderr, /^Uncaught Error: Cannot find package 'node:fs' imported from program\n/);
    assert.match(r.stdout, /^status=139\n$/);
  });
});

test("an image program links the host's TypeScript; a modified copy of it runs sandboxed", async () => {
  await withMachine(async (m) => {
    await m.writeFile("/tmp/h.ts", "import { write } from \"unistd\";\nexport default async function main() { await write(1, \"hi\\n\"); return 0; }\n");
    let r = await m.run("cp /usr/lib/typix/tscc /tmp/tscc && /tmp/tscc /tmp/h.ts -o /tmp/h && /tmp/h");
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, "hi\n");
    r = await m.run("echo '// changed' >> /tmp/tscc; /tmp/tscc /tmp/h.ts -o /tmp/h2; echo status=$?");
    assert.match(r.stderr, /Cannot find package 'typescript' imported from program/);
    assert.equal(r.stdout, "status=139\n");
  });
});

/** A module whose init tries the ways out of the kernel's thread, printing one line per try. */
const ESCAPING_MODULE = `import { pr_info } from "linux/printk";
import { module_init, MODULE_LICENSE } from "linux/module";
const g = globalThis as any;
const tries: Record<string, () => unknown> = {
  "process": () => g.process.pid,
  "Function process": () => new Function("return process.pid")(),
  "constructor process": () => pr_info.constructor("return process.pid")(),
  "eval import": () => (0, eval)("import('node:fs')"),
  "Function import": () => new Function("return import('node:child_process')")(),
  "fetch": () => g.fetch("http://127.0.0.1:1/"),
};
module_init(async () => {
  for (const [name, f] of Object.entries(tries)) {
    let line = "ESCAPED";
    try {
      const v = await f();
      if (v === undefined || v === null) line = "blocked";
    } catch {
      line = "blocked";
    }
    pr_info("escape: %s: %s\\n", name, line);
  }
  return 0;
});
MODULE_LICENSE("GPL");
`;

test("a kernel module cannot reach the host either: no process, no import() of host modules", async () => {
  const { buildModule } = await import("../kbuild/build.js");
  const built = await buildModule({ name: "escape", source: ESCAPING_MODULE });
  assert.deepEqual(built.messages, []);
  await withMachine(async (m) => {
    await m.writeFile("/tmp/escape.ko", built.ko!);
    const r = await m.run("sudo insmod /tmp/escape.ko && dmesg | grep -o 'escape: [^:]*: .*'");
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, ["process", "Function process", "constructor process", "eval import", "Function import", "fetch"]
      .map((n) => `escape: ${n}: blocked\n`).join(""));
  });
});
