// tty: print the file name of the terminal on standard input (GNU coreutils; -s prints
// nothing). "not a tty" and status 1 when standard input is not a terminal.
import { ttyname, isatty } from "../../lib/libc/unistd.js";
import { Tool, parseOpts } from "../lib/common.js";

const HELP = `Usage: tty [OPTION]...
Print the file name of the terminal connected to standard input.

  -s, --silent, --quiet   print nothing, only return an exit status
      --help        display this help and exit
      --version     output version information and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("tty", HELP, 2);
  const p = await parseOpts(t, argv, { short: "s", long: { silent: "s", quiet: "s" } });
  if (typeof p === "number") return p;
  if (p.operands.length) return t.usage(`extra operand '${p.operands[0]}'`);
  if (p.opts.length) return (await isatty(0)) ? 0 : 1;
  const name = await ttyname(0);
  t.out.text((name ?? "not a tty") + "\n");
  return t.finish(name ? 0 : 1);
}
