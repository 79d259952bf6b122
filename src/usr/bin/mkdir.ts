// mkdir: make directories (GNU coreutils: -p, -m MODE, -v).
import { mkdir, chmod, S_ISDIR } from "../../lib/libc/sys/stat.js";
import { errno, EEXIST } from "../../lib/libc/errno.js";
import { Tool, parseOpts, quote } from "../lib/common.js";
import { applyMode } from "../lib/mode.js";
import { getUmask, statOf } from "../lib/fsops.js";

const HELP = `Usage: mkdir [OPTION]... DIRECTORY...
Create the DIRECTORY(ies), if they do not already exist.

Mandatory arguments to long options are mandatory for short options too.
  -m, --mode=MODE   set file mode (as in chmod), not a=rwx - umask
  -p, --parents     no error if existing, make parent directories as needed,
                    with their file modes unaffected by any -m option.
  -v, --verbose     print a message for each created directory
      --help        display this help and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "m:pv", long: { mode: "m:", parents: "p", verbose: "v" } });
  if (typeof p === "number") return p;
  let modeExpr: string | null = null, parents = false, verbose = false;
  for (const [k, v] of p.opts) {
    if (k === "m") modeExpr = v; else if (k === "p") parents = true; else if (k === "v") verbose = true;
  }
  if (!p.operands.length) return t.usage("missing operand");
  const um = await getUmask();
  let mode: number | null = null;
  if (modeExpr !== null) {
    mode = applyMode(modeExpr, 0o777, true, um);
    if (mode === null) { await t.error(`invalid mode ${quote(modeExpr)}`); return 1; }
  }
  const make = async (dir: string, m: number | null, quiet: boolean): Promise<boolean> => {
    if ((await mkdir(dir, m ?? 0o777)) < 0) {
      if (quiet && errno === EEXIST) {
        const st = await statOf(dir);
        if (st && S_ISDIR(st.st_mode)) return true;
      }
      await t.error(`cannot create directory ${quote(dir)}: ${t.errText}`);
      return false;
    }
    if (m !== null && (m & ~0o777 || (m & um))) await chmod(dir, m);
    if (verbose) t.out.text(`${t.name}: created directory ${quote(dir)}\n`);
    return true;
  };
  for (const d of p.operands) {
    if (parents) {
      const parts = d.split("/");
      let ok = true;
      for (let i = 1; i < parts.length && ok; i++) {
        const pre = parts.slice(0, i).join("/");
        if (pre === "" || parts[i - 1] === "" || parts[i - 1] === ".") continue;
        const st = await statOf(pre);
        if (st) continue;
        ok = await make(pre, (0o777 & ~um) | 0o300, true);
      }
      if (ok) await make(d.replace(/(.)\/+$/, "$1"), mode, true);
    } else await make(d, mode, false);
  }
  return t.finish();
}
