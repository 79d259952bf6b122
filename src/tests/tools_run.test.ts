// End-to-end tests of /usr/bin/time (GNU time's default format) and watch (procps's header,
// repeated runs until killed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

type M = Awaited<ReturnType<typeof boot>>;
async function withMachine(fn: (m: M) => Promise<void>): Promise<void> {
  const m = await boot();
  try { await fn(m); } finally { await m.shutdown(); }
}

test("/usr/bin/time prints GNU time's default format and the command's status", () => withMachine(async (m) => {
  const r = await m.run("/usr/bin/time true");
  assert.equal(r.status, 0);
  assert.match(r.stderr, /^\d+\.\d\duser \d+\.\d\dsystem \d+:\d\d\.\d\delapsed (\d+|\?)%CPU \(0avgtext\+0avgdata \d+maxresident\)k\n\d+inputs\+\d+outputs \(\d+major\+\d+minor\)pagefaults \d+swaps\n$/);
  const f = await m.run("/usr/bin/time false");
  assert.equal(f.status, 1);
  assert.match(f.stderr, /^Command exited with non-zero status 1\n/);
}));

test("watch -n runs the command again under its header until killed; -t leaves the header out", () => withMachine(async (m) => {
  const r = await m.run("watch -n 0.2 echo hi > /tmp/w & sleep 1; kill $!; wait; cat /tmp/w; watch -t -n 0.2 echo t > /tmp/t & sleep 0.5; kill $!; cat /tmp/t");
  const screens = r.stdout.split("\x1b[H\x1b[2J").filter(Boolean);
  assert.ok(screens.length >= 3, r.stdout);
  assert.match(screens[0], /^Every 0\.2s: echo hi +\S+: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n\nhi\n/);
  assert.ok(screens.some((s) => s === "t\n"), r.stdout);
}));
