// uname: print system information (GNU coreutils: -a -s -n -r -v -m -p -i -o). As on Debian,
// the processor and hardware platform are "unknown", and -a leaves them out.
import { Tool, parseOpts } from "../lib/common.js";
import { uname } from "../lib/sys/kernel.js";

const HELP = `Usage: uname [OPTION]...
Print certain system information.  With no OPTION, same as -s.

  -a, --all                print all information, in the following order,
                             except omit -p and -i if unknown:
  -s, --kernel-name        print the kernel name
  -n, --nodename           print the network node hostname
  -r, --kernel-release     print the kernel release
  -v, --kernel-version     print the kernel version
  -m, --machine            print the machine hardware name
  -p, --processor          print the processor type (non-portable)
  -i, --hardware-platform  print the hardware platform (non-portable)
  -o, --operating-system   print the operating system
      --help        display this help and exit
      --version     output version information and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("uname", HELP);
  const p = await parseOpts(t, argv, {
    short: "asnrvmpio",
    long: { all: "a", "kernel-name": "s", nodename: "n", "kernel-release": "r", "kernel-version": "v", machine: "m",
      processor: "p", "hardware-platform": "i", "operating-system": "o" },
  });
  if (typeof p === "number") return p;
  if (p.operands.length) return t.usage(`extra operand '${p.operands[0]}'`);
  const u = await uname();
  if (!u) { await t.error(`cannot get system name: ${t.errText}`); return 1; }
  const f = new Set(p.opts.map(([k]) => k));
  const all = f.has("a");
  if (f.size === 0) f.add("s");
  const parts: string[] = [];
  if (all || f.has("s")) parts.push(u.sysname);
  if (all || f.has("n")) parts.push(u.nodename);
  if (all || f.has("r")) parts.push(u.release);
  if (all || f.has("v")) parts.push(u.version);
  if (all || f.has("m")) parts.push(u.machine);
  if (f.has("p")) parts.push("unknown");
  if (f.has("i")) parts.push("unknown");
  if (all || f.has("o")) parts.push("GNU/Linux");
  t.out.text(parts.join(" ") + "\n");
  return t.finish();
}
