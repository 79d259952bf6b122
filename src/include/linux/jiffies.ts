// "linux/jiffies": the tick count at HZ=250 (as Typix's coarse clocks, kernel/sys_time.ts),
// starting 300 s before the 32-bit wrap as Linux's INITIAL_JIFFIES. `jiffies` is a live ES
// binding refreshed by the tick and by every call here; get_jiffies_64() reads it exactly.
// Modules read `jiffies` live too: it is exported as a getter, and kbuild turns a module's reads
// of an imported `let` into reads through its symbol table.
import { monotonicNs } from "../../kernel/timekeeping.js";
import { exportHeader } from "../../kernel/module/ksyms.js";

export const HZ = 250;
export const MAX_JIFFY_OFFSET = 0x3fffffffffffff;
export const INITIAL_JIFFIES = 0x100000000 - 300 * HZ;
const TICK_NS = 1_000_000_000n / BigInt(HZ);

export let jiffies = INITIAL_JIFFIES;
export function get_jiffies_64(): number {
  jiffies = INITIAL_JIFFIES + Number(monotonicNs() / TICK_NS);
  return jiffies;
}
setInterval(get_jiffies_64, 1000 / HZ).unref?.();

export const msecs_to_jiffies = (m: number) => (m < 0 ? MAX_JIFFY_OFFSET : Math.ceil((m * HZ) / 1000));
export const usecs_to_jiffies = (u: number) => (u < 0 ? MAX_JIFFY_OFFSET : Math.ceil((u * HZ) / 1e6));
export const jiffies_to_msecs = (j: number) => Math.floor((j * 1000) / HZ);
export const jiffies_to_usecs = (j: number) => Math.floor((j * 1e6) / HZ);
export const time_after = (a: number, b: number) => b - a < 0;
export const time_before = (a: number, b: number) => a - b < 0;
export const time_after_eq = (a: number, b: number) => a - b >= 0;
export const time_before_eq = (a: number, b: number) => b - a >= 0;
export const time_is_before_jiffies = (a: number) => time_after(get_jiffies_64(), a);
export const time_is_after_jiffies = (a: number) => time_before(get_jiffies_64(), a);

export const api = {
  HZ, MAX_JIFFY_OFFSET, INITIAL_JIFFIES, get_jiffies_64, msecs_to_jiffies, usecs_to_jiffies, jiffies_to_msecs,
  jiffies_to_usecs, time_after, time_before, time_after_eq, time_before_eq, time_is_before_jiffies, time_is_after_jiffies,
  get jiffies(): number { return get_jiffies_64(); },
};
exportHeader("linux/jiffies", api);
