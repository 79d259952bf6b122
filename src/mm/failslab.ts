// failslab: fault injection for the slab allocator (Linux's mm/failslab.c and lib/fault-inject.c,
// written anew), so that a module's error paths can be tried. The attributes are those of
// Documentation/fault-injection: /sys/kernel/debug/failslab/{probability, interval, times,
// space, verbose, ignore-gfp-wait, cache-filter, task-filter}, or the boot option
// failslab=<interval>,<probability>,<space>,<times>. As in Linux, ignore-gfp-wait is Y at first,
// so GFP_KERNEL allocations (which may sleep) fail only once it is set to N.
import { printk, KERN } from "../kernel/printk.js";
import { bootParams } from "../kernel/params.js";
import { initcall } from "../kernel/initcall.js";
import { debugfsCreateDir, debugfsCreateFile, boolText, parseBool } from "../fs/debugfs.js";
import { saveStack, dumpSavedStack } from "../kernel/stacktrace.js";
import { EINVAL } from "../include/uapi/errno.js";

const __GFP_DIRECT_RECLAIM = 0x400, __GFP_NOFAIL = 0x8000;

/** struct fault_attr, failslab's. */
export const failslab = {
  probability: 0, interval: 1, times: 1, space: 0, verbose: 2, count: 0,
  ignoreGfpWait: true, cacheFilter: false, taskFilter: false,
};

bootParams.register("failslab", (v) => {
  const [interval, probability, space, times] = (v ?? "").split(",").map((x) => Number(x));
  if ([interval, probability, space, times].some((x) => !Number.isInteger(x))) {
    printk(KERN(4) + `FAULT_INJECTION: failed to parse arguments\n`);
    return;
  }
  Object.assign(failslab, { interval, probability, space, times });
});

/** should_failslab: whether this allocation of `size` bytes from `cache` is made to fail. */
export function shouldFailSlab(_cache: string, size: number, flags: number): boolean {
  const a = failslab;
  if (a.probability === 0 && a.space === 0) return false; // the common case, at once
  if (flags & __GFP_NOFAIL) return false;
  if (a.ignoreGfpWait && flags & __GFP_DIRECT_RECLAIM) return false;
  if (a.cacheFilter || a.taskFilter) return false; // no cache or task is marked to fail
  if (a.times === 0) return false;
  if (a.space > size) { a.space -= size; return false; }
  if (a.interval > 1 && ++a.count % a.interval !== 0) return false;
  if (a.probability <= Math.floor(Math.random() * 100)) return false;
  if (a.verbose > 0) {
    printk(KERN(5) + "FAULT_INJECTION: forcing a failure.\n");
    printk(KERN(5) + `name failslab, interval ${a.interval}, probability ${a.probability}, space ${a.space}, times ${a.times}\n`);
    if (a.verbose > 1) dumpSavedStack(saveStack());
  }
  if (a.times !== -1) a.times--;
  return true;
}

function intAttr(key: "probability" | "interval" | "times" | "space" | "verbose", min: number, max: number) {
  return {
    show: () => `${failslab[key]}\n`,
    store: (text: string) => {
      const v = Number(text.trim());
      if (!/^-?(0x[0-9a-f]+|\d+)$/i.test(text.trim()) || !Number.isInteger(v) || v < min || v > max) return -EINVAL;
      failslab[key] = v;
    },
  };
}
function boolAttr(key: "ignoreGfpWait" | "cacheFilter" | "taskFilter") {
  return {
    show: () => boolText(failslab[key]),
    store: (text: string) => {
      const v = parseBool(text);
      if (v === null) return -EINVAL;
      failslab[key] = v;
    },
  };
}

initcall("late", "failslab_debugfs", () => {
  const dir = debugfsCreateDir("failslab", null, 0o700);
  // Unsigned longs and atomic_t's as debugfs makes them: any number of the type is taken.
  debugfsCreateFile("probability", 0o600, dir, intAttr("probability", 0, 2 ** 53));
  debugfsCreateFile("interval", 0o600, dir, intAttr("interval", 0, 2 ** 53));
  debugfsCreateFile("times", 0o600, dir, intAttr("times", -(2 ** 31), 2 ** 31 - 1));
  debugfsCreateFile("space", 0o600, dir, intAttr("space", -(2 ** 31), 2 ** 31 - 1));
  debugfsCreateFile("verbose", 0o600, dir, intAttr("verbose", 0, 2 ** 32 - 1));
  debugfsCreateFile("ignore-gfp-wait", 0o600, dir, boolAttr("ignoreGfpWait"));
  debugfsCreateFile("cache-filter", 0o600, dir, boolAttr("cacheFilter"));
  debugfsCreateFile("task-filter", 0o600, dir, boolAttr("taskFilter"));
});
