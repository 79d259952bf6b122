// stdio against glibc: printf's conversions and hard floating-point values, snprintf, sscanf and
// scanf, stdio on files, and buffering of mixed printf and write(2) on pipes and files
// (src/tests/libc/{printf,scanf,fileio,buffering,stdin}.c, built natively and in Typix); stdin
// through a pipe on both sides.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { LibcDiff, sameOutput } from "./libc_support.js";

const d = new LibcDiff();
before(async () => {
  await d.start();
});
after(() => d.stop());

test("printf: every conversion, flag, width, precision and length modifier; %e %f %g %a on hard values; snprintf", async () => {
  sameOutput(assert, await d.program("printf"));
});

test("sscanf's conversions and return values; scanf on stdin up to EOF", async () => {
  sameOutput(assert, await d.program("scanf", { stdin: "12 -34 word\n2.5e1 notanumber tail" }));
});

test("files: fgets, getline, getdelim, ungetc, fread/fwrite, fseek/ftell, modes and errors", async () => {
  sameOutput(assert, await d.program("fileio"));
});

test("buffering: printf mixed with write(2) on a pipe and on files; setvbuf; exit, _exit and return", async () => {
  sameOutput(assert, await d.program("buffering"));
  for (const a of ["exit", "_exit", "return", "stderr"]) sameOutput(assert, await d.program("buffering", { args: [a] }));
});

test("stdin from a pipe through scanf, getchar, ungetc, fgets, getline and fread mixed; ESPIPE; write errors on /dev/full", async () => {
  const stdin = "42\nnext line here\nword rest of line\n0123456789tail\nline a\nlast no newline";
  sameOutput(assert, await d.program("stdin", { stdin }));
});
