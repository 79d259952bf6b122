// Kernel taint flags (/proc/sys/kernel/tainted and the "Tainted:" field of oopses).
export const TAINT_FLAGS: readonly [string, number][] = [
  ["P", 1], ["F", 2], ["S", 4], ["R", 8], ["M", 16], ["B", 32], ["U", 64], ["D", 128], ["A", 256],
  ["W", 512], ["C", 1024], ["I", 2048], ["O", 4096], ["E", 8192], ["L", 16384], ["K", 32768],
  ["X", 65536], ["T", 131072], ["N", 262144],
];
export const TAINT_PROPRIETARY_MODULE = 1, TAINT_DIE = 128, TAINT_WARN = 512, TAINT_OOT_MODULE = 4096,
  TAINT_UNSIGNED_MODULE = 8192, TAINT_SOFTLOCKUP = 16384;

let tainted = 0;
export function addTaint(flag: number): void { tainted |= flag; }
export function getTaint(): number { return tainted; }
export function setTaint(v: number): void { tainted = v; }

/**
 * The "Tainted:" string of an oops (print_tainted): "Not tainted", or "Tainted: " then one
 * column per flag in the table's order, its letter when set and a space when not (the first
 * column is "P" or "G").
 */
export function taintString(): string {
  if (tainted === 0) return "Not tainted";
  let s = "Tainted: " + (tainted & 1 ? "P" : "G");
  for (const [letter, v] of TAINT_FLAGS.slice(1)) s += tainted & v ? letter : " ";
  return s;
}
