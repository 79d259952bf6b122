// Signals, non-local jumps, assert and abort against glibc (src/tests/libc/{signal,jump,abort}.c,
// built natively and in Typix), the exit status included: 128+N for a program a signal ended.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { LibcDiff, sameOutput } from "./libc_support.js";

const d = new LibcDiff();
before(() => d.start());
after(() => d.stop());

test("sigaction flags, sigprocmask/sigpending, sigsuspend, alarm+pause, strsignal/psignal, then default actions", async () => {
  sameOutput(assert, await d.program("signal"));
  for (const sig of ["15", "11", "2", "6"]) {
    const r = await d.program("signal", { args: [sig] });
    assert.equal(r.native.status, 128 + Number(sig));
    sameOutput(assert, r);
  }
});

test("setjmp/longjmp through nested calls, sigsetjmp/siglongjmp out of a handler with and without the mask", async () => {
  sameOutput(assert, await d.program("jump"));
});

test("assert's message and SIGABRT (134); abort with a handler, ignored or blocked; atexit order; _Exit", async () => {
  for (const what of ["assert", "abort", "handled", "ignored", "blocked", "atexit", "_Exit", "none"]) {
    const r = await d.program("abort", { args: [what] });
    sameOutput(assert, r);
  }
  const r = await d.program("abort", { args: ["assert"] });
  assert.equal(r.typix.status, 134);
  assert.match(r.typix.stderr, /^abort: abort\.c:\d+: check: Assertion `x > 0 && "x must be positive"' failed\.\n$/);
});
