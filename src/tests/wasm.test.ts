// C programs as WebAssembly executables, as a user sees them: built at test time with clang
// (tests/wasm_support.ts) from tests/wasm/cprogs.c, installed in a booted machine and run
// from the shell: arguments and environment, exit status, /proc/PID/maps, signal handlers,
// kills, faults and their shell messages, exec's ENOEXEC for bad modules, strace.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";
import { buildC, testProgramSource } from "./wasm_support.js";
import { checkWasmProgram, compileWasmProgram, wasmCacheStats } from "../kernel/wasm_module.js";

let m: Machine;
let prog: Uint8Array;

before(async () => {
  prog = await buildC(testProgramSource());
  m = await boot();
  await m.writeFile("/tmp/t", prog, 0o755);
});
after(async () => { await m?.shutdown(); });

test("a C program gets argc, argv, envp and auxv as 32-bit words, and exits with main's status", async () => {
  const r = await m.run("cd /tmp && FOO=bar ./t args 'x y' z; echo status=$?");
  assert.equal(r.stdout, "4 ./t args x y z\nFOO=bar\npagesz 4096\nrandom 1\nexecfn ./t\nstatus=7\n");
});

test("/proc/PID/maps of a running C program shows its data, heap start and stack", async () => {
  const r = await m.run("/tmp/t maps");
  const lines = r.stdout.trim().split("\n");
  assert.match(lines[0], /^00400000-[0-9a-f]{8} rw-p 00000000 [0-9a-f]{2}:[0-9a-f]{2} \d+ +\/tmp\/t$/);
  assert.match(r.stdout, /^3f800000-40000000 rw-p 00000000 00:00 0 +\[stack\]$/m);
  assert.equal(r.status, 0);
});

test("a handler installed with rt_sigaction runs, with siginfo for SA_SIGINFO", async () => {
  const r = await m.run("/tmp/t sigself");
  assert.equal(r.stdout, "handler saw 10\nsiginfo handler saw 1212\n");
});

test("kill -USR1 wakes a C program in pause() and runs its handler", async () => {
  let ready: () => void = () => {};
  const started = new Promise<void>((res) => (ready = res));
  let out = "";
  const p = m.start(["/tmp/t", "sigwait"], { onOutput: (_fd, d) => { out += new TextDecoder().decode(d); if (out.includes("ready")) ready(); } });
  await started;
  await p.kill(10);
  const r = await p.done;
  assert.equal(r.stdout, "ready\nwoken by 10\n");
  assert.equal(r.status, 0);
});

test("SIGKILL and SIGINT end a C program spinning without system calls at once", async () => {
  for (const sig of [9, 2]) {
    let ready: () => void = () => {};
    const started = new Promise<void>((res) => (ready = res));
    const p = m.start(["/tmp/t", "spin"], { onOutput: () => ready() });
    await started;
    const t0 = performance.now();
    await p.kill(sig);
    const r = await p.done;
    assert.equal(r.status, 128 + sig);
    assert.ok(performance.now() - t0 < 2000);
  }
});

test("faults are signals with the shell's messages", async () => {
  const cases: [string, string, number][] = [
    ["nullstore", "Segmentation fault", 139],
    ["nullload", "Segmentation fault", 139],
    ["nearnull", "Segmentation fault", 139],
    ["wildstore", "", 0],
    ["div0", "Floating point exception", 136],
    ["trap", "Illegal instruction", 132],
    ["recurse", "Segmentation fault", 139],
  ];
  for (const [mode, msg, status] of cases) {
    const r = await m.run(`/tmp/t ${mode}; echo status=$?`);
    assert.match(r.stdout, new RegExp(`status=${status}\\n$`), mode);
    if (msg) assert.match(r.stderr, new RegExp(msg), mode);
  }
});

test("a truncated module, one importing anything else and a broken one fail exec with ENOEXEC", async () => {
  const other = await buildC("__attribute__((import_module(\"env\"), import_name(\"evil\"))) void evil(void);\nint main(void) { evil(); return 0; }", { guard: false });
  await m.writeFile("/tmp/trunc", prog.subarray(0, prog.length >> 1), 0o755);
  await m.writeFile("/tmp/other", other, 0o755);
  await m.writeFile("/tmp/junk", new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff, 0xff, 0xff]), 0o755);
  for (const f of ["trunc", "other", "junk"]) {
    const r = await m.run(`/tmp/${f}; echo status=$?`);
    assert.match(r.stderr, new RegExp(`/tmp/${f}: cannot execute binary file: Exec format error`), f);
    assert.match(r.stdout, /status=126\n$/, f);
  }
});

test("strace shows a C program's calls", async () => {
  const r = await m.run("strace /tmp/t 2>&1 >/dev/null");
  assert.match(r.stdout, /^execve\("\/tmp\/t", \["\/tmp\/t"\], 0x[0-9a-f]+ \/\* \d+ vars \*\/\) = 0$/m);
  assert.match(r.stdout, /^write\(1, "hello from C\\n", 13\) += 13$/m);
  assert.match(r.stdout, /^exit_group\(0\) += \?$/m);
});

test("a C program runs again and again from the shell", async () => {
  const t0 = performance.now();
  const r = await m.run("/tmp/t; /tmp/t; /tmp/t");
  assert.equal(r.stdout, "hello from C\n".repeat(3));
  assert.ok(performance.now() - t0 < 3000);
});

test("exec's check: only the ABI's imports and exports, and the compiled module is cached per file version", async () => {
  const good = checkWasmProgram(prog, await WebAssembly.compile(prog));
  assert.ok(good && good.dataEnd > 0x400000 && good.dataEnd < 0x500000);
  const evil = await buildC("__attribute__((import_module(\"env\"), import_name(\"evil\"))) void evil(void);\nint main(void) { evil(); return 0; }", { guard: false });
  assert.equal(checkWasmProgram(evil, await WebAssembly.compile(evil)), null);
  const inode = {};
  const before = wasmCacheStats.compiles;
  const a = await compileWasmProgram(inode, { size: prog.length, mtime: 1, ctime: 1 }, prog);
  const b = await compileWasmProgram(inode, { size: prog.length, mtime: 1, ctime: 1 }, prog);
  assert.ok(a && b && a.mod === b.mod);
  assert.equal(wasmCacheStats.compiles, before + 1);
  const c = await compileWasmProgram(inode, { size: prog.length, mtime: 2, ctime: 2 }, prog);
  assert.ok(c && c.mod !== a.mod);
  assert.equal(wasmCacheStats.compiles, before + 2);
  assert.equal(await compileWasmProgram({}, { size: 5, mtime: 0, ctime: 0 }, prog.subarray(0, 5)), null);
});
