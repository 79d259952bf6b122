// stdlib against glibc (src/tests/libc/{stdlib,env}.c, built natively and in Typix): the strto*
// family, strtod/strtof on hard decimal and hexadecimal strings, qsort/bsearch, the random
// generators' sequences for given seeds, the environment, realpath, mkstemp and mkdtemp.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { LibcDiff, sameOutput } from "./libc_support.js";

const d = new LibcDiff();
before(() => d.start());
after(() => d.stop());

test("strtol/strtoll/strtoull/strtod/strtof, atoi, qsort, bsearch, rand/random/rand_r/initstate/*rand48, div", async () => {
  sameOutput(assert, await d.program("stdlib"));
});

test("getenv/setenv/unsetenv/putenv/clearenv, realpath through links and errors, mkstemp and mkdtemp", async () => {
  sameOutput(assert, await d.program("env"));
});
