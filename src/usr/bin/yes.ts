// yes: output a string repeatedly until killed (GNU coreutils).
import { write } from "../../lib/libc/unistd.js";
import { Tool, parseOpts } from "../lib/common.js";

const HELP = `Usage: yes [STRING]...
  or:  yes OPTION
Repeatedly output a line with all specified STRING(s), or 'y'.

      --help        display this help and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "+" });
  if (typeof p === "number") return p;
  const line = (p.operands.length ? p.operands.join(" ") : "y") + "\n";
  const block = line.repeat(Math.max(1, Math.floor(8192 / line.length)));
  for (;;) if ((await write(1, block)) < 0) return 1;
}
