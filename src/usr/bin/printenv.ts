// printenv: print all or part of the environment (GNU coreutils: -0). A missing variable
// makes the status 1.
import { environ } from "../../lib/libc/stdlib.js";
import { Tool, parseOpts } from "../lib/common.js";

const HELP = `Usage: printenv [OPTION]... [VARIABLE]...
Print the values of the specified environment VARIABLE(s).
If no VARIABLE is specified, print name and value pairs for them all.

  -0, --null     end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("printenv", HELP, 2);
  const p = await parseOpts(t, argv, { short: "0", long: { null: "0" } });
  if (typeof p === "number") return p;
  const end = p.opts.length ? "\0" : "\n";
  const env = environ();
  if (p.operands.length === 0) {
    for (const e of env) t.out.text(e + end);
    return t.finish(0);
  }
  let missing = 0;
  for (const name of p.operands) {
    const hits = name.includes("=") ? [] : env.filter((e) => e.startsWith(name + "="));
    if (hits.length === 0) missing++;
    for (const h of hits) t.out.text(h.slice(name.length + 1) + end);
  }
  return t.finish(missing ? 1 : 0);
}
