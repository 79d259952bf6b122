// linux/kernel, linux/kstrtox and linux/minmax: Linux's parsing conventions (-EINVAL, -ERANGE,
// result untouched on failure) and the byte-buffer printf family.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as K from "./kernel.js";
import { EINVAL, ERANGE } from "../uapi/errno.js";
import { findSymbol } from "../../kernel/module/ksyms.js";

const parse = (fn: (s: string, base: number, res: { value: number }) => number, s: string, base = 0) => {
  const res = { value: 12345 };
  const r = fn(s, base, res);
  return r === 0 ? res.value : r === -EINVAL ? "EINVAL" : r === -ERANGE ? "ERANGE" : r;
};

test("kstrtoint: sign, base prefixes, one trailing newline, ranges", () => {
  const cases: [string, number, number | string][] = [
    ["5", 10, 5], ["5\n", 10, 5], ["-42", 10, -42], ["+7", 10, 7], ["0x1f", 0, 31], ["0X1F", 16, 31], ["1f", 16, 31],
    ["017", 0, 15], ["0", 0, 0], ["-0", 10, 0], ["2147483647", 10, 2147483647], ["-2147483648", 10, -2147483648],
    ["2147483648", 10, "ERANGE"], ["-2147483649", 10, "ERANGE"], ["99999999999999999999999", 10, "ERANGE"],
    ["five", 10, "EINVAL"], ["", 10, "EINVAL"], ["5\n\n", 10, "EINVAL"], [" 5", 10, "EINVAL"], ["5 ", 10, "EINVAL"],
    ["0x", 16, "EINVAL"], ["08", 0, "EINVAL"], ["12a", 10, "EINVAL"], ["--1", 10, "EINVAL"], ["0x10", 10, "EINVAL"],
  ];
  for (const [s, base, want] of cases) assert.equal(parse(K.kstrtoint, s, base), want, JSON.stringify(s));
});

test("the other widths: unsigned refuse a minus sign, u8/s8/u16/uint/ul bounds", () => {
  assert.equal(parse(K.kstrtouint, "-1", 10), "EINVAL");
  assert.equal(parse(K.kstrtouint, "4294967295", 10), 4294967295);
  assert.equal(parse(K.kstrtouint, "4294967296", 10), "ERANGE");
  assert.equal(parse(K.kstrtou8, "255", 10), 255);
  assert.equal(parse(K.kstrtou8, "256", 10), "ERANGE");
  assert.equal(parse(K.kstrtos8, "-128", 10), -128);
  assert.equal(parse(K.kstrtos8, "128", 10), "ERANGE");
  assert.equal(parse(K.kstrtou16, "0xffff", 0), 0xffff);
  assert.equal(parse(K.kstrtoul, "18446744073709551616", 10), "ERANGE");
  assert.equal(parse(K.kstrtol, "-9007199254740991", 10), -9007199254740991);
  assert.equal(parse(K.kstrtoull, "+10", 8), 8);
});

test("kstrtobool: y/n/1/0/on/off by their first characters", () => {
  const b = (s: string) => { const r = { value: null as unknown as boolean }; return K.kstrtobool(s, r) === 0 ? r.value : "EINVAL"; };
  assert.deepEqual(["y", "Yes", "1", "on\n", "ON", "n", "No", "0", "off", "oF", "o", "x", "", "true"].map(b),
    [true, true, true, true, true, false, false, false, false, false, "EINVAL", "EINVAL", "EINVAL", "EINVAL"]);
});

test("simple_strtoul/simple_strtol stop at the first non-digit and say where", () => {
  const end = { value: -1 };
  assert.equal(K.simple_strtoul("123abc", end, 10), 123);
  assert.equal(end.value, 3);
  assert.equal(K.simple_strtoul("0x1fz", end, 0), 31);
  assert.equal(end.value, 4);
  assert.equal(K.simple_strtol("-17 rest", end, 10), -17);
  assert.equal(end.value, 3);
  assert.equal(K.simple_strtoul("zz", end, 10), 0);
  assert.equal(end.value, 0);
});

test("sprintf, snprintf, scnprintf write UTF-8 and a NUL, never past the end; kasprintf allocates", () => {
  const buf = new Uint8Array(8).fill(0xff);
  assert.equal(K.sprintf(buf, "%d-%s", 42, "ab"), 5);
  assert.deepEqual([...buf.subarray(0, 6)], [0x34, 0x32, 0x2d, 0x61, 0x62, 0]);
  assert.equal(K.snprintf(buf, 4, "%s", "abcdef"), 6); // what it would have written
  assert.deepEqual([...buf.subarray(0, 4)], [0x61, 0x62, 0x63, 0]);
  assert.equal(K.scnprintf(buf, 4, "%s", "abcdef"), 3); // what it wrote
  assert.equal(K.scnprintf(buf, 0, "%s", "abcdef"), 0);
  assert.equal(K.sprintf(buf.subarray(2), "%05x", 255), 5); // buf + 2
  assert.equal(new TextDecoder().decode(buf.subarray(0, 7)), "ab000ff");
  const big = new Uint8Array(4);
  assert.equal(K.sprintf(big, "%s", "toolong"), 7);
  assert.deepEqual([...big], [0x74, 0x6f, 0x6f, 0]);
  const s = K.kasprintf(0xcc0, "dev%d", 3)!;
  assert.deepEqual([...s], [0x64, 0x65, 0x76, 0x33, 0]);
});

test("minmax: min_t converts to the named C type first", () => {
  assert.equal(K.min(3, -1), -1);
  assert.equal(K.max3(1, 9, 4), 9);
  assert.equal(K.clamp(15, 0, 10), 10);
  assert.equal(K.min_t("size_t", -1, 10), 10); // (size_t)-1 is huge
  assert.equal(K.min_t("int", -1, 10), -1);
  assert.equal(K.max_t("u8", 256, 3), 3); // (u8)256 is 0
  assert.equal(K.DIV_ROUND_UP(10, 4), 3);
  assert.equal(K.ARRAY_SIZE([1, 2, 3]), 3);
});

test("the headers the names are registered under", () => {
  assert.equal(findSymbol("kstrtoint")?.header, "linux/kstrtox");
  assert.equal(findSymbol("min_t")?.header, "linux/minmax");
  assert.equal(findSymbol("scnprintf")?.header, "linux/kernel");
  assert.equal(findSymbol("kstrtoint")?.gpl, false);
});
