// The printf engine against glibc's output for the same format strings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { format } from "./stdio_printf.js";

const cases: [string, unknown[], string][] = [
  ["%d|%5d|%-5d|%05d|%+d|% d", [42, 42, 42, 42, 42, 42], "42|   42|42   |00042|+42| 42"],
  ["%x %X %#x %#o %o %u", [255, 255, 255, 8, 8, -1], "ff FF 0xff 010 10 4294967295"],
  ["%lu %ld %lld %hhd %hd", [-1, -1n, 2n ** 62n, 300, 70000], "18446744073709551615 -1 4611686018427387904 44 4464"],
  ["%.3d|%.0d|%8.3d|%-8.3x|%#.0o", [5, 0, -5, 10, 0], "005||    -005|00a     |0"],
  ["%f %.2f %.0f %.0f %.0f %.1f", [3.14159, 2.675, 0.5, 1.5, 2.5, 0.05], "3.141590 2.67 0 2 2 0.1"],
  ["%e %E %.0e %g %g %g %g %G", [12345.678, 0.000123, 5e10, 100000, 1000000, 0.0001, 0.00001, 1e-10],
    "1.234568e+04 1.230000E-04 5e+10 100000 1e+06 0.0001 1e-05 1E-10"],
  ["%#g %g %.3g %10.4f|%-10.2e|", [1, 3.0, 3.14159, 3.14159, 1234.5], "1.00000 3 3.14     3.1416|1.23e+03  |"],
  ["%s|%10s|%-10s|%.2s|%c", ["abc", "hi", "hi", "hello", 65], "abc|        hi|hi        |he|A"],
  ["%5s|", ["é"], "   é|"],
  ["%p %p %%", [0, 4096], "(nil) 0x1000 %"],
  ["%a %a %.2a %A", [1, 0.1, 1.999, -2.5], "0x1p+0 0x1.999999999999ap-4 0x1.00p+1 -0X1.4P+1"],
  ["%*d|%-*d|%.*f|%*d", [5, 1, 5, 1, 2, 3.14159, -4, 7], "    1|1    |3.14|7   "],
  ["%2$s %1$s", ["a", "b"], "b a"],
  ["%f %e %g %05f", [Infinity, -Infinity, NaN, Infinity], "inf -inf nan   inf"],
  ["%5.1f|%05.1f|%-+7.2f|%08.2f", [-0.0, 3.14, 2, -1.5], " -0.0|003.1|+2.00  |-0001.50"],
  ["%.0f %.3f", [1e21, 1e-5], "1000000000000000000000 0.000"],
  ["%'d %zu %jd %y", [1234567, 5, 6], "1,234,567 5 6 %y"],
  ["%.3s|%s", [null, undefined], "|(null)"],
  ["%m", [], "Success"],
];

test("printf conversions match glibc", () => {
  for (const [fmt, args, want] of cases) {
    assert.equal(format(fmt, args, "Success"), want, fmt);
  }
});
