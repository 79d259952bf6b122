// stdlib and stdio on a fake process (a trap backend with memory, brk, mmap and write):
// strtol's endptr and errors, glibc's rand sequence, the allocator, and stdio buffering.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setTrapBackend, type LibcState } from "./arch/trap.js";
import { strtol, strtoul, atoi, strtod, rand, srand, malloc, free, realloc, calloc, setenv, getenv, unsetenv } from "./stdlib.js";
import { printf, fflush, stdout, fputs, stderr, setvbuf, _IONBF } from "./stdio.js";
import { flushAll } from "./stdio_file.js";
import { errno, ERANGE, EINVAL } from "./errno.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

function fakeProcess() {
  const mem = new Uint8Array(8 << 20);
  const state: LibcState = { errno: 0, environ: ["HOME=/root"] };
  const out = { writes: [] as [number, string][], brk: 4 << 20, mmapTop: 8 << 20 };
  setTrapBackend({
    enter(nr, a0, a1, a2) {
      switch (nr) {
        case NR.__NR_mmap: out.mmapTop -= (a1 + 4095) & ~4095; return out.mmapTop;
        case NR.__NR_munmap: return 0;
        case NR.__NR_brk: if (a0 && a0 < 6 << 20) out.brk = a0; return out.brk;
        case NR.__NR_write: out.writes.push([a0, new TextDecoder().decode(mem.slice(a1, a1 + a2))]); return a2;
        case NR.__NR_ioctl: return -25; // not a terminal
        default: return -38;
      }
    },
    takeSignals: () => null,
    bytes: () => mem,
    view: () => new DataView(mem.buffer),
    state: () => state,
  });
  return { out, state, mem };
}

test("strtol: bases, endptr, overflow and bad bases", () => {
  fakeProcess();
  const end = { value: -1 };
  assert.equal(strtol("  -0x1fz", end, 0), -31); assert.equal(end.value, 7);
  assert.equal(strtol("0777", end, 0), 511);
  assert.equal(strtol("0x", end, 16), 0); assert.equal(end.value, 1);
  assert.equal(strtol("abc", end, 10), 0); assert.equal(end.value, 0);
  assert.equal(strtol("99999999999999999999", end, 10), 9223372036854775807); assert.equal(errno, ERANGE);
  assert.equal(strtol("5", end, 1), 0); assert.equal(errno, EINVAL);
  assert.equal(strtoul("-1", null, 10), 18446744073709551615);
  assert.equal(atoi("  42abc"), 42);
  assert.equal(atoi("4294967297"), 1);
  assert.equal(strtod("1.5e3xyz", end), 1500); assert.equal(end.value, 5);
  assert.equal(strtod("0x1p4", end), 16);
});

test("rand follows glibc's sequence", () => {
  fakeProcess();
  srand(1);
  assert.deepEqual([rand(), rand(), rand()], [1804289383, 846930886, 1681692777]);
  srand(42);
  assert.equal(rand(), 71876166);
});

test("malloc, free, realloc and calloc reuse and keep contents", async () => {
  const { mem } = fakeProcess();
  const a = await malloc(100), b = await malloc(100);
  assert.ok(a > 0 && b > a && a % 16 === 0);
  mem.set([1, 2, 3], a);
  const a2 = await realloc(a, 5000);
  assert.deepEqual([...mem.slice(a2, a2 + 3)], [1, 2, 3]);
  await free(b);
  const c = await calloc(10, 10);
  assert.ok(mem.slice(c, c + 100).every((x) => x === 0));
  const big = await malloc(1 << 20);
  assert.ok(big > 6 << 20, "large blocks are mmap'd");
  await free(big);
  await free(a2);
  await free(c);
});

test("environment and buffered stdout flushed at exit", async () => {
  const { out, state } = fakeProcess();
  assert.equal(getenv("HOME"), "/root");
  setenv("A", "1", 0); setenv("A", "2", 0);
  assert.equal(getenv("A"), "1");
  unsetenv("A");
  assert.equal(getenv("A"), null);
  await printf("%s %d\n", "hi", 5);
  await fputs("err\n", stderr);
  assert.deepEqual(out.writes, [[2, "err\n"]], "stdout on a non-terminal is fully buffered; stderr is not");
  assert.equal((state.atexit as unknown[]).length, 1, "stdio registers its flush with atexit");
  await flushAll();
  assert.deepEqual(out.writes[1], [1, "hi 5\n"]);
  setvbuf(stdout, null, _IONBF, 0);
  await printf("x");
  assert.deepEqual(out.writes[2], [1, "x"]);
  await fflush(null);
});
