// "linux/delay": msleep/ssleep sleep (async, other tasks run); udelay/ndelay/mdelay busy-wait
// as Linux's do, so they are for short delays only (the whole kernel waits).
import { WaitQueue } from "../../kernel/wait.js";
import { mightSleep } from "./might_sleep.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

async function sleepMs(ms: number, interruptible: boolean): Promise<number> {
  const t = mightSleep();
  const end = performance.now() + ms;
  const wq = new WaitQueue();
  try { await wq.waitEventTimeout(t, () => false, ms, interruptible); } catch { /* a signal ends it early */ }
  return Math.max(0, Math.ceil(end - performance.now()));
}
export async function msleep(ms: number): Promise<void> { await sleepMs(ms, false); }
/** msleep_interruptible: the milliseconds left when a signal ended the sleep, else 0. */
export const msleep_interruptible = (ms: number) => sleepMs(ms, true);
export const ssleep = (s: number) => msleep(s * 1000);
export const usleep_range = (min: number, _max: number) => msleep(min / 1000);
function spin(ms: number): void { const end = performance.now() + ms; while (performance.now() < end) { /* busy wait */ } }
export const ndelay = (ns: number) => spin(ns / 1e6);
export const udelay = (us: number) => spin(us / 1000);
export const mdelay = (ms: number) => spin(ms);

export const api = { msleep, msleep_interruptible, ssleep, usleep_range, ndelay, udelay, mdelay };
exportHeader("linux/delay", api);
