// getopt: POSIX parsing with GNU permutation and GNU's messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTrapBackend, type LibcState } from "./arch/trap.js";
import { getopt, setOptind } from "./getopt.js";
import * as g from "./getopt.js";

function fakeProcess(env: string[] = []): { stderr: string[] } {
  const mem = new Uint8Array(1 << 21);
  const state: LibcState = { errno: 0, environ: env };
  const out = { stderr: [] as string[] };
  setTrapBackend({
    enter(nr, a0, a1, a2) {
      if (nr === 9) return 1 << 20; // mmap: the scratch area
      if (nr === 1) { if (a0 === 2) out.stderr.push(new TextDecoder().decode(mem.slice(a1, a1 + a2))); return a2; }
      return -38;
    },
    takeSignals: () => null,
    bytes: () => mem,
    view: () => new DataView(mem.buffer),
    state: () => state,
  });
  return out;
}

async function all(argv: string[], opts: string): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const c = await getopt(argv, opts);
    if (c === -1) break;
    seen.push(c === "?" || c === ":" ? `${c}${g.optopt}` : g.optarg === null ? c : `${c}=${g.optarg}`);
  }
  return seen;
}

test("options, clusters, attached and separate arguments, and --", async () => {
  fakeProcess();
  const argv = ["prog", "-ab", "-cfoo", "-c", "bar", "--", "-x"];
  assert.deepEqual(await all(argv, "abc:"), ["a", "b", "c=foo", "c=bar"]);
  assert.equal(g.optind, 6);
  assert.equal(argv[g.optind], "-x");
});

test("operands are permuted after the options unless the string starts with '+'", async () => {
  fakeProcess();
  const argv = ["prog", "file1", "-a", "file2", "-c", "v", "file3"];
  assert.deepEqual(await all(argv, "ac:"), ["a", "c=v"]);
  assert.deepEqual(argv.slice(g.optind), ["file1", "file2", "file3"]);
  fakeProcess();
  const argv2 = ["prog", "file1", "-a"];
  assert.deepEqual(await all(argv2, "+a"), []);
  assert.equal(g.optind, 1);
  fakeProcess(["POSIXLY_CORRECT=1"]);
  assert.deepEqual(await all(["prog", "x", "-a"], "a"), []);
});

test("GNU messages for an unknown option and a missing argument", async () => {
  const p = fakeProcess();
  assert.deepEqual(await all(["ls", "-z", "-c"], "c:"), ["?z", "?c"]);
  assert.deepEqual(p.stderr, ["ls: invalid option -- 'z'\n", "ls: option requires an argument -- 'c'\n"]);
  const q = fakeProcess();
  assert.deepEqual(await all(["ls", "-z", "-c"], ":c:"), ["?z", ":c"]);
  assert.deepEqual(q.stderr, []);
  setOptind(1);
});
