// string.h, strings.h, ctype.h and errno's texts against glibc (src/tests/libc/{string,errno,
// xpg_strerror}.c, built natively and in Typix): every function, every byte's class, every errno.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { LibcDiff, sameOutput } from "./libc_support.js";

const d = new LibcDiff();
before(() => d.start());
after(() => d.stop());

test("string.h and strings.h functions on edge cases; ctype's classes of every byte and EOF", async () => {
  sameOutput(assert, await d.program("string"));
});

test("every errno: strerror, strerrorname_np, strerrordesc_np, GNU strerror_r, %m and perror's lines", async () => {
  sameOutput(assert, await d.program("errno"));
});

test("strerror_r without _GNU_SOURCE is POSIX's: ERANGE when cut, EINVAL for an unknown number", async () => {
  sameOutput(assert, await d.program("xpg_strerror"));
});
