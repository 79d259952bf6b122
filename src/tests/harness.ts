// Helpers for tests that run user programs: a program under src/tests/conformance (compiled
// by the build to dist/tests/conformance/NAME.js, its libc imports left as header names) is
// installed into the machine as a Typix executable ("\x7fTJS\n" + its module text) and run
// in its own Worker, as a user would run a program they built.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { boot, type Machine, type RunOptions, type RunResult, type BootConfig, type Process } from "../index.js";

/** The bytes of a Typix user executable made from a compiled test program. */
export function userExecutable(name: string): Uint8Array {
  const js = readFileSync(fileURLToPath(new URL(`./conformance/${name}.js`, import.meta.url)), "utf8");
  const text = js.replace(/\/\/# sourceMappingURL=.*$/m, "");
  return new TextEncoder().encode("\x7fTJS\n" + text);
}

/** Install the compiled program `name` at guestPath (default /usr/local/bin/NAME), mode 0755. */
export async function installProgram(m: Machine, name: string, guestPath = `/usr/local/bin/${name}`): Promise<string> {
  await m.writeFile(guestPath, userExecutable(name), 0o755);
  return guestPath;
}

/** Install and run a conformance program with arguments. */
export async function runProgram(m: Machine, name: string, args: string[] = [], opts: RunOptions = {}): Promise<RunResult> {
  const path = await installProgram(m, name);
  return m.spawn([path, ...args], opts);
}

/** Start the conformance program `spin` and return once it is looping (it has printed its line). */
export async function startSpinning(m: Machine): Promise<Process> {
  const path = await installProgram(m, "spin");
  let spinning: () => void = () => {};
  const started = new Promise<void>((r) => (spinning = r));
  const p = m.start([path], { onOutput: () => spinning() });
  await started;
  return p;
}

/** Boot a machine for the duration of fn. */
export async function withMachine<T>(fn: (m: Machine) => Promise<T>, config?: BootConfig): Promise<T> {
  const m = await boot(config);
  try {
    return await fn(m);
  } finally {
    await m.shutdown();
  }
}
