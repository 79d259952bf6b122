// time.h against glibc with TZ=UTC (src/tests/libc/time.c, built natively and in Typix): gmtime,
// localtime, mktime's normalisation, timegm, strftime's conversions and flags, asctime, ctime,
// strptime.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { LibcDiff, sameOutput } from "./libc_support.js";

const d = new LibcDiff();
before(() => d.start());
after(() => d.stop());

test("gmtime/localtime/mktime/timegm and strftime (every conversion, E/O, flags - _ 0 ^ # and widths) on many timestamps", async () => {
  sameOutput(assert, await d.program("time"));
});
