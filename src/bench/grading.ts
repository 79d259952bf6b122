// The grader's figures: a cold boot (the first in a process), a machine from a snapshot (kept
// warm, and without a warm one), and the README's module grader over a 20-submission suite, two
// submissions at a time (2 cores), preparation and snapshot included.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { boot } from "../index.js";
import { median, parseFigures } from "./stats.js";
import { loadReadmeGrader, answerModule } from "./readme_grader.js";
import type { Figure } from "./native.js";

const BOOT_COLD = fileURLToPath(new URL("./boot_cold.js", import.meta.url));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** boot_cold_ms: the first boot() of a fresh Node process, median over n processes. */
export function bootColdFigure(n = 5): Figure {
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = spawnSync(process.execPath, [BOOT_COLD], { encoding: "utf8", timeout: 60_000 });
    const v = parseFigures(r.stdout ?? "").get("boot_cold_ms");
    if (r.status !== 0 || v === undefined) return { value: null, note: (r.stderr || `exit status ${r.status}`).trim().split("\n").pop()!.slice(0, 120) };
    values.push(v);
  }
  return { value: median(values) };
}

/** boot_kept_warm_ms: boot({ keepWarm: true }) when the machine booted ahead is ready, median over n boots. */
export async function bootKeptWarmFigure(n = 11): Promise<Figure> {
  const values: number[] = [];
  for (let i = 0; i <= n; i++) {
    await pause(400); // the spare's boot, which a test's own work would cover
    const t0 = performance.now();
    const m = await boot({ keepWarm: true });
    if (i > 0) values.push(performance.now() - t0); // the first had no spare to take
    await m.shutdown();
  }
  return { value: median(values) };
}

/**
 * restore_ms: boot({ from }) of a prepared snapshot when the machine kept warm is ready (as in a
 * suite, where each test outlasts a boot); restore_cold_ms: the same with keepWarm false.
 */
export async function restoreFigures(n = 11): Promise<{ warm: Figure; cold: Figure }> {
  const base = await boot();
  await base.writeFile("/home/user/ex/notes", "prepared\n", { uid: "user", gid: "user", mkdir: true });
  const snap = await base.snapshot();
  await base.shutdown();
  const time = async (keepWarm: boolean) => {
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      await pause(400); // the spare's boot, which a test's own work would cover
      const t0 = performance.now();
      const m = await boot({ from: snap, keepWarm });
      values.push(performance.now() - t0);
      await m.shutdown();
    }
    return { value: median(values) };
  };
  const warm = await time(true);
  const cold = await time(false);
  return { warm, cold };
}

/** grading_suite_ms: the README's grader over 20 submissions (half right, half wrong), two at a time. */
export async function gradingSuiteFigure(tests = 20, parallel = 2): Promise<Figure> {
  const t0 = performance.now();
  try {
    const grade = await loadReadmeGrader();
    const subs = Array.from({ length: tests }, (_, i) => ({ src: answerModule(i % 2 ? "41" : "42"), right: i % 2 === 0 }));
    let next = 0;
    const worker = async () => {
      while (next < subs.length) {
        const s = subs[next++];
        const passed = await grade(s.src).then(() => true, () => false);
        if (passed !== s.right) throw new Error(`a ${s.right ? "right" : "wrong"} submission was graded ${passed ? "right" : "wrong"}`);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return { value: performance.now() - t0 };
  } catch (e) {
    return { value: null, note: String((e as Error).message).slice(0, 120) };
  }
}
