// The soft-lockup detector (Linux's kernel/watchdog.c). A task spinning in spin_lock's
// contended path on a lock nobody releases keeps the CPU busy in the kernel without ever
// getting the lock; the watchdog samples every 2*thresh/5 seconds and, once a task has been
// spinning for more than 2*watchdog_thresh seconds, reports
//   watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [hello-test:42]
// with the modules, the CPU line, RIP and the call trace of where it spins, taints L, and
// reports again each further 2*thresh seconds (or panics with softlockup_panic). Everything
// else keeps running: the spinning task yields between its tries. kernel.watchdog_thresh
// (0-60, 0 disables) is a sysctl and a boot option, as are softlockup_panic and nosoftlockup.
import type { Task } from "./task.js";
import { printk, KERN } from "./printk.js";
import { addTaint, TAINT_SOFTLOCKUP, taintString } from "./taint.js";
import { utsname } from "./utsname.js";
import { bootParams } from "./params.js";
import { HARDWARE_NAME, SYSCALL_ENTRY_FRAME, oopsHooks, panic, traceLines } from "./panic.js";
import { procCreate } from "../fs/proc/root.js";
import { parseInts } from "../fs/proc/sysctl.js";
import { Errno } from "./errors.js";
import { EINVAL } from "../include/uapi/errno.js";

export const watchdogSettings = { thresh: 10, softlockupPanic: 0, softEnabled: true };
bootParams.register("watchdog_thresh", (v) => {
  if (v !== undefined && /^\d+$/.test(v) && Number(v) <= 60) watchdogSettings.thresh = Number(v);
});
bootParams.register("softlockup_panic", (v) => { watchdogSettings.softlockupPanic = v === undefined ? 1 : Number(v) ? 1 : 0; });
bootParams.register("nosoftlockup", () => { watchdogSettings.softEnabled = false; });

/** A task in a contended spin: since when, where (its stack), when it was last reported. */
interface Spinner { t: Task; since: number; reportedAt: number; stack: string }
const spinning = new Map<Task, Spinner>();
let sampler: ReturnType<typeof setInterval> | null = null;

const threshMs = () => watchdogSettings.thresh * 2 * 1000;

function sample(): void {
  const now = performance.now();
  if (!watchdogSettings.softEnabled || watchdogSettings.thresh === 0) return;
  for (const s of spinning.values()) {
    if (now - s.reportedAt <= threshMs()) continue;
    s.reportedAt = now;
    report(s, Math.floor((now - s.since) / 1000));
  }
}

function report(s: Spinner, secs: number): void {
  const frames = traceLines(s.stack).map((f) => f.replace(/^spin_lock\+/, "_raw_spin_lock+"));
  if (frames.length && frames[frames.length - 1].startsWith("do_syscall_64")) frames.push(SYSCALL_ENTRY_FRAME);
  const mods = oopsHooks.modulesLinkedIn();
  const lines = [
    `watchdog: BUG: soft lockup - CPU#0 stuck for ${secs}s! [${s.t.comm}:${s.t.pid}]`,
    `Modules linked in:${mods ? " " + mods : ""}`,
    `CPU: 0 PID: ${s.t.pid} Comm: ${s.t.comm} ${taintString()} ${utsname.release} ${utsname.version.split(" ")[0]}`,
    HARDWARE_NAME,
    `RIP: 0010:${frames[0] ?? "_raw_spin_lock"}`,
    "Call Trace:",
    " <TASK>",
    ...frames.map((f) => ` ${f}`),
    " </TASK>",
  ];
  printk(KERN(0) + lines[0] + "\n");
  for (const l of lines.slice(1)) printk(KERN(4) + l + "\n");
  addTaint(TAINT_SOFTLOCKUP);
  if (watchdogSettings.softlockupPanic) panic("softlockup: hung tasks");
}

function restartSampler(): void {
  if (sampler) clearInterval(sampler);
  sampler = null;
  if (spinning.size === 0) return;
  // The sample period: 2*thresh/5 seconds (4 s for the default 10).
  sampler = setInterval(sample, Math.max(100, (watchdogSettings.thresh || 10) * 400));
  (sampler as { unref?: () => void }).unref?.();
}

/**
 * t starts spinning on a held lock; the returned function says it stopped (it got the lock).
 * `stack` is where it spins (captured by the caller).
 */
export function softlockupWatch(t: Task, stack: string): () => void {
  const now = performance.now();
  spinning.set(t, { t, since: now, reportedAt: now, stack });
  if (spinning.size === 1) restartSampler();
  return () => {
    spinning.delete(t);
    if (spinning.size === 0) restartSampler();
  };
}

/*
 * /proc/sys/kernel/watchdog_thresh: "%d\n", 0-60 (EINVAL otherwise); softlockup_panic: 0 or 1;
 * soft_watchdog: 0 or 1.
 */
const intSysctl = (name: string, get: () => number, set: (v: number) => void, max: number) =>
  procCreate(`sys/kernel/${name}`, 0o644, {
    show: () => `${get()}\n`,
    write: (text) => {
      const v = parseInts(text, 1)[0];
      if (v < 0 || v > max) throw new Errno(EINVAL);
      set(v);
    },
  });
intSysctl("watchdog_thresh", () => watchdogSettings.thresh, (v) => { watchdogSettings.thresh = v; restartSampler(); }, 60);
intSysctl("softlockup_panic", () => watchdogSettings.softlockupPanic, (v) => { watchdogSettings.softlockupPanic = v; }, 1);
intSysctl("soft_watchdog", () => (watchdogSettings.softEnabled ? 1 : 0), (v) => { watchdogSettings.softEnabled = v === 1; }, 1);
