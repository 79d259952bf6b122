// Differential tests of Typix's C library: one C program built twice, natively with the host's
// gcc against glibc and inside a booted Typix machine with its gcc against src/libc, run the
// same way (argv[0] "./NAME", the same arguments, stdin through a pipe, the same files in the
// working directory, TZ=UTC and LANG=C) and both results returned for the test to compare.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { boot, type Machine } from "../index.js";

export interface CResult { stdout: string; stderr: string; status: number }
export interface CRunOptions {
  args?: string[];
  stdin?: string;
  /** Files placed in the working directory (relative names) before the run. */
  files?: Record<string, string>;
  env?: Record<string, string>;
}

/** The program sources live in src/tests/libc (they are not copied to dist). */
export function libcSource(name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return readFileSync(join(here, "..", "..", "src", "tests", "libc", name), "utf8");
}

const BASE_ENV = { TZ: "UTC", LANG: "C", LC_ALL: "C" };
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const GUEST_ROOT = "/home/user/libc";

export class LibcDiff {
  m!: Machine;
  private host = mkdtempSync(join(tmpdir(), "typix-libc-"));

  async start(): Promise<void> {
    this.m = await boot();
    const r = await this.m.run(`mkdir -p ${GUEST_ROOT}`);
    if (r.status !== 0) throw new Error(r.stderr);
  }

  async stop(): Promise<void> {
    await this.m?.shutdown();
    rmSync(this.host, { recursive: true, force: true });
  }

  /** Compiles NAME.c on both sides (each in its own directory); throws with the diagnostics on failure. */
  async build(name: string, source: string, libs: string[] = []): Promise<void> {
    const hd = join(this.host, name);
    mkdirSync(hd, { recursive: true });
    writeFileSync(join(hd, `${name}.c`), source);
    const n = spawnSync("gcc", ["-O0", "-w", `${name}.c`, "-o", name, ...libs], { cwd: hd, encoding: "utf8" });
    if (n.status !== 0) throw new Error(`native gcc failed:\n${n.stderr}`);
    const gd = `${GUEST_ROOT}/${name}`;
    await this.m.writeFile(`${gd}/${name}.c`, source, { mkdir: true, uid: "user", gid: "user" });
    const t = await this.m.run(`gcc -O0 -w ${name}.c -o ${name} ${libs.join(" ")}`, { cwd: gd });
    if (t.status !== 0) throw new Error(`Typix gcc failed:\n${t.stderr}`);
  }

  private built = new Set<string>();
  /** Builds src/tests/libc/NAME.c on both sides the first time, then runs it (see run). */
  async program(name: string, opts: CRunOptions = {}, libs: string[] = []): Promise<{ native: CResult; typix: CResult }> {
    if (!this.built.has(name)) { await this.build(name, libcSource(`${name}.c`), libs); this.built.add(name); }
    return this.run(name, opts);
  }

  /** Runs a built program on both sides. */
  async run(name: string, opts: CRunOptions = {}): Promise<{ native: CResult; typix: CResult }> {
    const args = opts.args ?? [];
    const env = { ...BASE_ENV, ...opts.env };
    const hd = join(this.host, name), gd = `${GUEST_ROOT}/${name}`;
    for (const [f, text] of Object.entries(opts.files ?? {})) {
      writeFileSync(join(hd, f), text);
      await this.m.writeFile(`${gd}/${f}`, text, { uid: "user", gid: "user" });
    }
    const n = spawnSync(`./${name}`, args, {
      cwd: hd, encoding: "utf8", timeout: 20_000, input: opts.stdin ?? "",
      env: { PATH: "/usr/bin:/bin", HOME: hd, ...env },
    });
    const native = {
      stdout: n.stdout, stderr: n.stderr,
      status: n.signal ? 128 + (signalNumbers[n.signal] ?? 0) : n.status ?? -1,
    };
    // stdin comes through a pipe on both sides; without stdin the program is the shell's only
    // command, so the shell itself prints nothing about how it ended.
    let cmd = [`./${name}`, ...args.map(q)].join(" ");
    if (opts.stdin !== undefined) {
      await this.m.writeFile(`${gd}/.stdin`, opts.stdin, { uid: "user", gid: "user" });
      cmd = `cat .stdin | ${cmd}`;
    } else cmd = `exec ${cmd} </dev/null`;
    const r = await this.m.run(cmd, { cwd: gd, env, timeout: 60_000 });
    return { native, typix: { stdout: r.stdout, stderr: r.stderr, status: r.status } };
  }
}

const signalNumbers: Record<string, number> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8,
  SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15,
};

/** Both sides printed the same; the native side must have printed something (else nothing was tested). */
export function sameOutput(assert: { equal: (a: unknown, b: unknown, m?: string) => void; ok: (v: unknown, m?: string) => void },
  r: { native: CResult; typix: CResult }): void {
  assert.ok(r.native.stdout.length > 0 || r.native.stderr.length > 0, "the native program printed nothing");
  assert.equal(r.typix.stdout, r.native.stdout);
  assert.equal(r.typix.stderr, r.native.stderr);
  assert.equal(r.typix.status, r.native.status);
}
