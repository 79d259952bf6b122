// unistd, fcntl, sys/stat, dirent and getopt against glibc (src/tests/libc/{files,getopt}.c, built
// natively and in Typix): file calls and their errno names on a tree made in the working
// directory, readdir sorted; getopt/getopt_long/getopt_long_only with their messages naming
// argv[0] ("./getopt" on both sides); system and popen (vfork and execve of /bin/sh from C).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { LibcDiff, sameOutput } from "./libc_support.js";

const d = new LibcDiff();
before(() => d.start());
after(() => d.stop());

test("open/read/write/lseek/pread/dup/fcntl/stat/link/symlink/rename/unlink/rmdir/readdir/pipe and their errors", async () => {
  sameOutput(assert, await d.program("files"));
});

test("getopt, getopt_long and getopt_long_only: permutation, --, arguments, abbreviations, error messages", async () => {
  const r = await d.program("getopt");
  assert.match(r.native.stderr, /^\.\/getopt: /m); // the messages are there to compare
  sameOutput(assert, r);
});

test("system's and pclose's status words (exit codes, a signal, 127), popen reading and writing", async () => {
  const r = await d.program("process");
  assert.match(r.native.stdout, /exit 3: raw 0x300 exited 1 status 3/);
  sameOutput(assert, r);
});
