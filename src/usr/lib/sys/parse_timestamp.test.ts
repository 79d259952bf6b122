// util-linux's time values (dmesg --since/--until): the forms util-linux 2.38 accepts and rejects.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTimestamp } from "./parse_timestamp.js";

const NOW = Date.UTC(2026, 11, 6, 19, 30, 15) * 1000 + 250_000; // Sunday 2026-12-06 19:30:15.25
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s) * 1000;

test("absolute dates and times, as util-linux reads them (UTC)", () => {
  const cases: [string, number][] = [
    ["now", NOW], ["today", at(2026, 12, 6)], ["yesterday", at(2026, 12, 5)], ["tomorrow", at(2026, 12, 7)],
    ["2026-12-06 10:00:00", at(2026, 12, 6, 10)], ["2026-12-06T10:00:30", at(2026, 12, 6, 10, 0, 30)],
    ["2026-12-06 10:05", at(2026, 12, 6, 10, 5)], ["2026-12-6", at(2026, 12, 6)], ["26-12-06 10:00:00", at(2026, 12, 6, 10)],
    ["12:00", at(2026, 12, 6, 12)], ["23:59:59", at(2026, 12, 6, 23, 59, 59)], ["20261206100000", at(2026, 12, 6, 10)],
    ["Sun 2026-12-06", at(2026, 12, 6)], ["sunday 2026-12-06 08:00", at(2026, 12, 6, 8)],
  ];
  for (const [s, want] of cases) assert.equal(parseTimestamp(s, NOW), want, s);
});

test("relative times: -N UNIT, +N UNIT, N UNIT ago, fractions and several units", () => {
  const cases: [string, number][] = [
    ["-5min", NOW - 300e6], ["+1h", NOW + 3600e6], ["1h30min ago", NOW - 5400e6], ["1 h 30 min ago", NOW - 5400e6],
    ["- 5min", NOW - 300e6], ["+ 5 min", NOW + 300e6], ["-3d 2h", NOW - (3 * 86400 + 7200) * 1e6],
    ["-1.5h", NOW - 5400e6], ["-.5h", NOW - 1800e6], ["-1s5ms", NOW - 1_005_000], ["-100us", NOW - 100],
    ["-2w", NOW - 2 * 604800e6], ["-1 month", NOW - 2629800e6], ["-1y", NOW - 31557600e6], ["-1m", NOW - 60e6],
  ];
  for (const [s, want] of cases) assert.equal(parseTimestamp(s, NOW), want, s);
});

test("what util-linux rejects is rejected", () => {
  for (const s of ["foo", "", " now", "NOW", "5min", "-5", "-0", "5 ago", "-5min ago", "+1h ago", "-1M", "-1 mins", "-1hrs",
    "-1ns", "-1.h", "-1h -5min", "1h 30min", "12:00:01.5", "@1700000000", "20261206", "2026-13-01", "2026-12-06 25:00",
    "2026-12-06 10:00:00 UTC", "Mon 2026-12-06", "yesterday 10:00", "10:00 2026-12-06"]) {
    assert.equal(parseTimestamp(s, NOW), null, JSON.stringify(s));
  }
});
