// nproc: print the number of processing units available (GNU coreutils: --all, --ignore=N):
// the CPUs in the process's affinity mask.
import { sys, scoped, then, u8 } from "../../lib/libc/internal/sys.js";
import * as NR from "../../lib/libc/sys/syscall.js";
import { Tool, parseOpts } from "../lib/common.js";

const HELP = `Usage: nproc [OPTION]...
Print the number of processing units available to the current process,
which may be less than the number of online processors

      --all       print the number of installed processors
      --ignore=N  if possible, exclude N processing units
      --help        display this help and exit
      --version     output version information and exit
`;

function affinityCount() {
  return scoped((s) => {
    const p = s.buf(128);
    return then(sys(NR.__NR_sched_getaffinity, 0, 128, p), (n) => {
      if (n < 0) return 1;
      let c = 0;
      for (const b of u8().subarray(p, p + n)) for (let x = b; x; x &= x - 1) c++;
      return c;
    });
  });
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("nproc", HELP);
  const p = await parseOpts(t, argv, { short: "", long: { all: "all", ignore: "ignore:" } });
  if (typeof p === "number") return p;
  if (p.operands.length) return t.usage(`extra operand '${p.operands[0]}'`);
  let ignore = 0;
  for (const [k, v] of p.opts) {
    if (k === "ignore") {
      if (!/^\d+$/.test(v)) { await t.error(`invalid number: '${v}'`); return 1; }
      ignore = Number(v);
    }
  }
  const n = await affinityCount();
  t.out.text(`${Math.max(1, n - ignore)}\n`);
  return t.finish();
}
