// The host's reference figures: the C programs in src/bench/native compiled with gcc into a
// temporary directory and run, and the host's dd. Without gcc (or dd) a figure is null, with
// the reason kept for the table.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseFigures } from "./stats.js";

/** A measured figure, or null with why. */
export interface Figure { value: number | null; note?: string }

const SOURCES = fileURLToPath(new URL("../../src/bench/native/", import.meta.url));

function hasTool(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** Compile and run the native programs; the directory is removed afterwards. */
export function nativeFigures(): Record<"getpid" | "pipe" | "spawn" | "dd", Figure> {
  const dd = hostDd();
  if (!hasTool("gcc")) {
    const none = { value: null, note: "gcc not found" };
    return { getpid: none, pipe: none, spawn: none, dd };
  }
  const dir = mkdtempSync(join(tmpdir(), "typix-bench-"));
  try {
    const run = (name: string, key: string, args: string[] = []): Figure => {
      const src = join(SOURCES, `${name}.c`);
      if (!existsSync(src)) return { value: null, note: `${src} missing` };
      const exe = join(dir, name);
      try {
        execFileSync("gcc", ["-O2", "-o", exe, src], { stdio: ["ignore", "ignore", "pipe"] });
        const out = execFileSync(exe, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        const v = parseFigures(out).get(key);
        return v === undefined ? { value: null, note: `${name}: no ${key} in its output` } : { value: v };
      } catch (e) {
        return { value: null, note: `${name}: ${String((e as Error).message).split("\n")[0]}` };
      }
    };
    return {
      getpid: run("getpid", "getpid_ns"),
      pipe: run("pipe", "pipe_gbps"),
      spawn: run("spawn", "spawn_wait_us"),
      dd,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `dd if=/dev/zero of=/dev/null bs=64K count=16384` on the host: bytes / seconds / 1e9 from its report. */
export function hostDd(): Figure {
  if (!hasTool("dd")) return { value: null, note: "dd not found" };
  const r = spawnSync("dd", ["if=/dev/zero", "of=/dev/null", "bs=64K", "count=16384"], {
    encoding: "utf8", env: { ...process.env, LC_ALL: "C" },
  });
  const m = /^(\d+) bytes .*copied, ([0-9.e+-]+) s,/m.exec(r.stderr ?? "");
  if (r.status !== 0 || !m) return { value: null, note: "dd: unexpected output" };
  return { value: Number(m[1]) / Number(m[2]) / 1e9 };
}
