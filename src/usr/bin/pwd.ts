// pwd: print the name of the working directory (GNU coreutils: -L uses $PWD when it names the
// same directory, -P (the default) resolves it).
import { getcwd } from "../../lib/libc/unistd.js";
import { getenv } from "../../lib/libc/stdlib.js";
import { Tool, parseOpts } from "../lib/common.js";
import { statOf } from "../lib/fsops.js";

const HELP = `Usage: pwd [OPTION]...
Print the full filename of the current working directory.

  -L, --logical   use PWD from environment, even if it contains symlinks
  -P, --physical  avoid all symlinks
      --help     display this help and exit

If no option is specified, -P is assumed.
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "LP", long: { logical: "L", physical: "P" } });
  if (typeof p === "number") return p;
  let logical = false;
  for (const [k] of p.opts) logical = k === "L";
  if (p.operands.length) await t.warn("ignoring non-option arguments");
  if (logical) {
    const env = getenv("PWD");
    if (env && env.startsWith("/") && !/(^|\/)\.\.?(\/|$)/.test(env)) {
      const a = await statOf(env), b = await statOf(".");
      if (a && b && a.st_ino === b.st_ino && a.st_dev === b.st_dev) { t.out.text(env + "\n"); return t.finish(); }
    }
  }
  const cwd = await getcwd();
  if (cwd === null) { await t.error(`cannot determine current directory: ${t.errText}`); return 1; }
  t.out.text(cwd + "\n");
  return t.finish();
}
