// strace across an execve made by the traced program itself (env, nice, a shell's exec): the
// program the execve starts waits until the tracer has seen the execve return, then runs
// traced, whether it is a system program or a user program in its own Worker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { installProgram } from "./harness.js";

async function withM(fn: (m: Machine) => Promise<void>): Promise<void> {
  const m = await boot();
  try { await fn(m); } finally { await m.shutdown(); }
}

/** A call line, its alignment aside (the environment's address changes its length). */
const L = (call: string, ret: string) => `${call} = ${ret}`;
/** Lines with the environment's address and size normalised, and the spaces before "= " squashed. */
const norm = (s: string) => s.replace(/0x[0-9a-f]+ \/\* \d+ vars \*\//g, "ENVP").replace(/\) +=/g, ") =").split("\n");

test("strace env true: env's execvp tries PATH, the last execve starts true, traced to its exit", () => withM(async (m) => {
  const r = await m.run("strace -o /tmp/log -e trace=execve,exit_group env true; echo rc=$?; cat /tmp/log");
  assert.deepEqual(norm(r.stdout), [
    "rc=0",
    L(`execve("/usr/bin/env", ["env", "true"], ENVP)`, "0"),
    ...["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin"].map((d) => L(`execve("${d}/true", ["true"], ENVP)`, "-1 ENOENT (No such file or directory)")),
    L(`execve("/bin/true", ["true"], ENVP)`, "0"),
    L("exit_group(0)", "?"),
    "+++ exited with 0 +++",
    "",
  ]);
}));

test("strace of a shell that execs a user program, and of nice running one, with -f", () => withM(async (m) => {
  await installProgram(m, "hello");
  const r = await m.run(`strace -e trace=execve,write,exit_group sh -c "exec hello a"`);
  assert.equal(r.status, 3);
  assert.equal(r.stdout, "hello from hello pid>0:true args:a\n");
  assert.deepEqual(norm(r.stderr), [
    L(`execve("/bin/sh", ["sh", "-c", "exec hello a"], ENVP)`, "0"),
    L(`execve("/usr/local/bin/hello", ["hello", "a"], ENVP)`, "0"),
    L(`write(1, "hello from hello pid>0:true args"..., 35)`, "35"),
    L("exit_group(3)", "?"),
    "+++ exited with 3 +++",
    "",
  ]);
  const f = await m.run(`strace -f -o /tmp/log -e trace=execve,exit_group sh -c "nice hello; echo done"; cat /tmp/log`);
  const log = norm(f.stdout);
  assert.deepEqual(log.slice(0, 2), ["hello from hello pid>0:true args:", "done"]);
  const child = /^(\d+) +execve\("\/usr\/bin\/nice"/m.exec(f.stdout)?.[1];
  assert.ok(child, f.stdout);
  assert.deepEqual(log.filter((l) => l.startsWith(child)).map((l) => l.slice(child.length).trimStart()), [
    'execve("/usr/bin/nice", ["nice", "hello"], ENVP) = 0',
    'execve("/usr/local/sbin/hello", ["hello"], ENVP) = -1 ENOENT (No such file or directory)',
    'execve("/usr/local/bin/hello", ["hello"], ENVP) = 0',
    "exit_group(3) = ?",
    "+++ exited with 3 +++",
  ]);
}));
