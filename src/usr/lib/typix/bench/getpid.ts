// bench getpid CALLS BATCHES: getpid() through libc in a tight loop on the kernel's thread,
// timed per batch; prints the median ns per call as "getpid_ns N".
import { getpid } from "../../../../lib/libc/unistd.js";
import { nowNs, median, intArg } from "./clock.js";

export async function benchGetpid(args: string[]): Promise<string> {
  const calls = intArg(args[0], 1_000_000);
  const batches = intArg(args[1], 9);
  const per: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = nowNs();
    for (let i = 0; i < calls; i++) {
      const r = getpid();
      // At the end of its time slice the task yields: the call then returns a promise.
      if (typeof r !== "number") await r;
    }
    per.push((nowNs() - t0) / calls);
  }
  return `getpid_ns ${median(per).toFixed(2)}\n`;
}
