// Figures of C programs (WebAssembly executables): getpid from C through the trap, and the wall
// time of running a small C program (exec, Worker start, instantiation, exit), both built with
// the test toolchain helper (tests/wasm_support.ts) and guarded as the driver does; then gcc in
// the machine (the first compile after boot, which starts the compiler, and warm ones), and a
// compute-bound program built by that gcc -O2 against the same source built by the host's, and
// fork+exit+wait and pthread_create+join from a C program built there; then a C module built
// there (make's time), the cost of a read calling into it, and its insmod+rmmod.
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { boot } from "../index.js";
import { buildC } from "../tests/wasm_support.js";
import { parseFigures, median } from "./stats.js";
import type { Figure } from "./native.js";

export interface CFigures { getpidC: Figure; execC: Figure }
export interface CompilerFigures {
  gccFirst: Figure; gccWarm: Figure; compute: Figure; computeNative: Figure; computeRatio: Figure; forkWait: Figure; threadJoin: Figure;
  moduleBuild: Figure; fopCall: Figure; insmodRmmod: Figure;
}

const COMPUTE = fileURLToPath(new URL("../../src/bench/programs/compute.c", import.meta.url));
const FORK_WAIT = fileURLToPath(new URL("../../src/bench/programs/fork_wait.c", import.meta.url));
const program = (name: string) => readFileSync(fileURLToPath(new URL(`../../src/bench/programs/${name}`, import.meta.url)), "utf8");
const NULLC_MAKEFILE = "obj-m += nullc.o\n\nall:\n\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\n";

/** A C module built in the machine (warm compiler): make's time, then its figures (modbench.c). */
async function moduleFigures(m: Awaited<ReturnType<typeof boot>>, none: (n: string) => Figure) {
  await m.run("mkdir -p /home/user/nullc");
  await m.writeFile("/home/user/nullc/nullc.c", program("nullc.c"));
  await m.writeFile("/home/user/nullc/modbench.c", program("modbench.c"));
  await m.writeFile("/home/user/nullc/Makefile", NULLC_MAKEFILE);
  await m.run("chown -R user:user /home/user/nullc", { user: "root" });
  const builds: number[] = [];
  for (let i = 0; i < 3; i++) {
    await m.run("make clean >/dev/null 2>&1; rm -f *.o *.ko", { cwd: "/home/user/nullc" });
    const t0 = performance.now();
    const r = await m.run("make", { cwd: "/home/user/nullc" });
    if (r.status !== 0) { const n = none(r.stderr.slice(0, 120)); return { moduleBuild: n, fopCall: n, insmodRmmod: n }; }
    builds.push(performance.now() - t0);
  }
  const r = await m.run("gcc -O2 modbench.c -o modbench && ./modbench nullc.ko", { cwd: "/home/user/nullc", user: "root" });
  const f = parseFigures(r.stdout);
  const fig = (k: string): Figure => (f.has(k) ? { value: f.get(k)! } : none(r.stderr.slice(0, 120) || `exit status ${r.status}`));
  return { moduleBuild: { value: median(builds) }, fopCall: fig("c_fop_call_ns"), insmodRmmod: fig("c_insmod_rmmod_ms") };
}
const HELLO = "#include <stdio.h>\n\nint main(void)\n{\n\tprintf(\"hello, world\\n\");\n\treturn 0;\n}\n";

/** gcc in a fresh machine: the first compile, the median of warm ones, and C's compute speed. */
export async function compilerFigures(): Promise<CompilerFigures> {
  const m = await boot();
  const none = (note: string): Figure => ({ value: null, note });
  try {
    await m.writeFile("/home/user/hello.c", HELLO);
    await m.writeFile("/home/user/compute.c", readFileSync(COMPUTE, "utf8"));
    await m.writeFile("/home/user/fork_wait.c", readFileSync(FORK_WAIT, "utf8"));
    await m.run("chown user:user /home/user/hello.c /home/user/compute.c /home/user/fork_wait.c", { user: "root" });
    const gcc = async () => {
      const t0 = performance.now();
      const r = await m.run("gcc hello.c -o hello", { cwd: "/home/user" });
      if (r.status !== 0) throw new Error(r.stderr.slice(0, 120));
      return performance.now() - t0;
    };
    const first = await gcc();
    const warm: number[] = [];
    for (let i = 0; i < 7; i++) warm.push(await gcc());
    const fw = await m.run("gcc -O2 fork_wait.c -o fork_wait -lpthread && ./fork_wait", { cwd: "/home/user" });
    const fwFigures = parseFigures(fw.stdout);
    const procs = {
      forkWait: fwFigures.has("fork_wait_ms") ? { value: fwFigures.get("fork_wait_ms")! } : none(fw.stderr.slice(0, 120)),
      threadJoin: fwFigures.has("thread_join_ms") ? { value: fwFigures.get("thread_join_ms")! } : none(fw.stderr.slice(0, 120)),
    };
    const modules = await moduleFigures(m, none);
    const built = await m.run("gcc -O2 compute.c -o compute", { cwd: "/home/user" });
    if (built.status !== 0) return { gccFirst: { value: first }, gccWarm: { value: median(warm) }, compute: none(built.stderr.slice(0, 120)), computeNative: none("not run"), computeRatio: none("not run"), ...procs, ...modules };
    const inTypix = parseFigures((await m.run("./compute", { cwd: "/home/user" })).stdout).get("compute_ms");
    let native: number | undefined;
    const dir = mkdtempSync(join(tmpdir(), "typix-compute-"));
    try {
      execFileSync("gcc", ["-O2", "-o", join(dir, "compute"), COMPUTE]);
      native = parseFigures(execFileSync(join(dir, "compute"), { encoding: "utf8" })).get("compute_ms");
    } catch (e) {
      native = undefined;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const fig = (v: number | undefined, why: string): Figure => (v === undefined ? none(why) : { value: v });
    return {
      gccFirst: { value: first }, gccWarm: { value: median(warm) },
      compute: fig(inTypix, "no compute_ms from ./compute"), computeNative: fig(native, "the host's gcc failed"),
      computeRatio: fig(inTypix !== undefined && native ? inTypix / native : undefined, "not measured"),
      ...procs, ...modules,
    };
  } catch (e) {
    const note = String((e as Error).message).slice(0, 120);
    return { gccFirst: none(note), gccWarm: none(note), compute: none(note), computeNative: none(note), computeRatio: none(note), forkWait: none(note), threadJoin: none(note), moduleBuild: none(note), fopCall: none(note), insmodRmmod: none(note) };
  } finally {
    await m.shutdown();
  }
}

export async function cFigures(): Promise<CFigures> {
  let getpid: Uint8Array, hello: Uint8Array;
  try {
    getpid = await buildC(readFileSync(fileURLToPath(new URL("../../src/bench/programs/getpid_c.c", import.meta.url)), "utf8"));
    hello = await buildC("int main(void) { return 0; }");
  } catch (e) {
    const note = String((e as Error).message).slice(0, 120);
    return { getpidC: { value: null, note }, execC: { value: null, note } };
  }
  const m = await boot();
  try {
    await m.writeFile("/usr/local/bin/getpid_c", getpid, 0o755);
    await m.writeFile("/usr/local/bin/hello_c", hello, 0o755);
    const r = await m.spawn(["/usr/local/bin/getpid_c", "200000", "9"]);
    const v = parseFigures(r.stdout).get("getpid_ns");
    const getpidC: Figure = v === undefined ? { value: null, note: r.stderr.slice(0, 120) || `exit status ${r.status}` } : { value: v };
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      await m.spawn(["/usr/local/bin/hello_c"]);
      times.push(performance.now() - t0);
    }
    return { getpidC, execC: { value: median(times.slice(1)) } };
  } finally {
    await m.shutdown();
  }
}
