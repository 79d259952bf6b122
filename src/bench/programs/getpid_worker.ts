// A user program for the benchmark (run in its own Worker): getpid() in a tight loop, timed in
// batches; prints "getpid_ns <median ns per call over the batches>". Arguments: calls per
// batch, number of batches. The clock is the program's own (performance.now, as a vDSO clock
// read would be in C): it does not enter the kernel.
import { getpid, write } from "unistd";

export default async function main(argv: string[]): Promise<number> {
  const calls = Number(argv[1] ?? 200000);
  const batches = Number(argv[2] ?? 9);
  const per: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) {
      const r = getpid();
      if (typeof r !== "number") await r;
    }
    per.push(((performance.now() - t0) * 1e6) / calls);
  }
  per.sort((x, y) => x - y);
  await write(1, `getpid_ns ${per[per.length >> 1].toFixed(2)}\n`);
  return 0;
}
