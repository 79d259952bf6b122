// dirname: strip the last component from file names (GNU coreutils: -z).
import { Tool, parseOpts, dirName } from "../lib/common.js";

const HELP = `Usage: dirname [OPTION] NAME...
Output each NAME with its last non-slash component and trailing slashes
removed; if NAME contains no /'s, output '.' (meaning the current directory).

  -z, --zero     end each output line with NUL, not newline
      --help     display this help and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "z", long: { zero: "z" } });
  if (typeof p === "number") return p;
  if (!p.operands.length) return t.usage("missing operand");
  const nl = p.opts.length ? "\0" : "\n";
  for (const n of p.operands) t.out.text(dirName(n) + nl);
  return t.finish();
}
