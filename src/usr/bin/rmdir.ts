// rmdir: remove empty directories (GNU coreutils: -p, -v, --ignore-fail-on-non-empty).
import { rmdir } from "../../lib/libc/unistd.js";
import { errno, ENOTEMPTY, EEXIST } from "../../lib/libc/errno.js";
import { Tool, parseOpts, quote, dirName } from "../lib/common.js";

const HELP = `Usage: rmdir [OPTION]... DIRECTORY...
Remove the DIRECTORY(ies), if they are empty.

      --ignore-fail-on-non-empty
                    ignore each failure to remove a non-empty directory
  -p, --parents     remove DIRECTORY and its ancestors;
                    e.g., 'rmdir -p a/b' is similar to 'rmdir a/b a'

  -v, --verbose     output a diagnostic for every directory processed
      --help        display this help and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "pv", long: { parents: "p", verbose: "v", "ignore-fail-on-non-empty": "ignore" } });
  if (typeof p === "number") return p;
  const has = (k: string) => p.opts.some(([o]) => o === k);
  const parents = has("p"), verbose = has("v"), ignore = has("ignore");
  if (!p.operands.length) return t.usage("missing operand");
  const remove = async (d: string, parent = false): Promise<boolean> => {
    if (verbose) t.out.text(`${t.name}: removing directory, ${quote(d)}\n`);
    if ((await rmdir(d)) < 0) {
      if (ignore && (errno === ENOTEMPTY || errno === EEXIST)) return false;
      await t.error(`failed to remove ${parent ? "directory " : ""}${quote(d)}: ${t.errText}`);
      return false;
    }
    return true;
  };
  for (const d of p.operands) {
    if (!(await remove(d)) || !parents) continue;
    let cur = d.replace(/\/+$/, "");
    for (;;) {
      const up = dirName(cur);
      if (up === cur || up === "." || up === "/") break;
      if (!(await remove(up, true))) break;
      cur = up;
    }
  }
  return t.finish();
}
