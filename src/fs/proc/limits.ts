// /proc/PID/limits: the process's resource limits as Linux's proc_pid_limits prints them, a
// header and one line per RLIMIT_* in number order: the name padded to 25 columns, the soft
// and hard limits to 20 ("unlimited" for RLIM_INFINITY), then the unit padded to 10 (nothing
// for the two priority limits, which have none).
import type { Task } from "../../kernel/task.js";
import { RLIM_INFINITY, RLIM_NLIMITS } from "../../kernel/proc_state.js";
import { rlimit } from "../../kernel/sys_rlimit.js";

const LIMITS: [string, string | null][] = [
  ["Max cpu time", "seconds"], ["Max file size", "bytes"], ["Max data size", "bytes"],
  ["Max stack size", "bytes"], ["Max core file size", "bytes"], ["Max resident set", "bytes"],
  ["Max processes", "processes"], ["Max open files", "files"], ["Max locked memory", "bytes"],
  ["Max address space", "bytes"], ["Max file locks", "locks"], ["Max pending signals", "signals"],
  ["Max msgqueue size", "bytes"], ["Max nice priority", null], ["Max realtime priority", null],
  ["Max realtime timeout", "us"],
];

const value = (v: bigint) => (v === RLIM_INFINITY ? "unlimited" : v.toString()).padEnd(20);

export function limitsShow(t: Task): string {
  let out = `${"Limit".padEnd(25)} ${"Soft Limit".padEnd(20)} ${"Hard Limit".padEnd(20)} ${"Units".padEnd(10)}\n`;
  for (let i = 0; i < RLIM_NLIMITS; i++) {
    const [name, unit] = LIMITS[i];
    const r = rlimit(t.leader, i);
    out += `${name.padEnd(25)} ${value(r.cur)} ${value(r.max)} ${unit === null ? "" : unit.padEnd(10)}\n`;
  }
  return out;
}
