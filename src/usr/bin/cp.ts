// cp: copy files and directories (GNU coreutils: -r -R -a -p -d -P -L -f -v -n -t -T).
import { S_ISDIR } from "../../lib/libc/sys/stat.js";
import { Tool, parseOpts, quote } from "../lib/common.js";
import { copyTree, getUmask, lstatOf, statOf, operandPairs, type CopyOpts } from "../lib/fsops.js";

const HELP = `Usage: cp [OPTION]... [-T] SOURCE DEST
  or:  cp [OPTION]... SOURCE... DIRECTORY
  or:  cp [OPTION]... -t DIRECTORY SOURCE...
Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.

Mandatory arguments to long options are mandatory for short options too.
  -a, --archive                same as -dR --preserve=all
  -d                           same as --no-dereference --preserve=links
  -f, --force                  if an existing destination file cannot be
                                 opened, remove it and try again
  -L, --dereference            always follow symbolic links in SOURCE
  -n, --no-clobber             do not overwrite an existing file
  -P, --no-dereference         never follow symbolic links in SOURCE
  -p                           same as --preserve=mode,ownership,timestamps
  -R, -r, --recursive          copy directories recursively
  -t, --target-directory=DIRECTORY  copy all SOURCE arguments into DIRECTORY
  -T, --no-target-directory    treat DEST as a normal file
  -v, --verbose                explain what is being done
      --help        display this help and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "adfLnPpRrt:Tv", long: { archive: "a", force: "f", dereference: "L", "no-clobber": "n",
    "no-dereference": "P", recursive: "R", "target-directory": "t:", "no-target-directory": "T", verbose: "v" } });
  if (typeof p === "number") return p;
  const o: CopyOpts = { recursive: false, preserve: false, noDeref: false, force: false, verbose: false, umask: await getUmask() };
  let deref: boolean | null = null, noClobber = false, target: string | null = null, noTarget = false;
  for (const [k, v] of p.opts) {
    switch (k) {
      case "a": o.recursive = o.preserve = true; deref = false; break;
      case "d": case "P": deref = false; break;
      case "L": deref = true; break;
      case "f": o.force = true; break;
      case "n": noClobber = true; break;
      case "p": o.preserve = true; break;
      case "R": case "r": o.recursive = true; break;
      case "t": target = v; break;
      case "T": noTarget = true; break;
      case "v": o.verbose = true; break;
    }
  }
  // Symlinks are copied as links under -R unless -L says otherwise.
  o.noDeref = deref === null ? o.recursive : !deref;
  const pairs = await operandPairs(t, p.operands, target, noTarget);
  if (typeof pairs === "number") return pairs;
  for (const [src, dst] of pairs) {
    const st = o.noDeref ? await lstatOf(src) : await statOf(src);
    if (!st) { await t.error(`cannot stat ${quote(src)}: ${t.errText}`); continue; }
    const dst0 = await statOf(dst);
    if (dst0 && dst0.st_ino === st.st_ino && dst0.st_dev === st.st_dev) {
      await t.error(`${quote(src)} and ${quote(dst)} are the same file`);
      continue;
    }
    if (dst0 && noClobber && !S_ISDIR(dst0.st_mode)) continue;
    if (S_ISDIR(st.st_mode) && o.recursive && (dst + "/").startsWith(src.replace(/\/*$/, "/"))) {
      await t.error(`cannot copy a directory, ${quote(src)}, into itself, ${quote(dst)}`);
      continue;
    }
    if (!(await copyTree(t, src, dst, st, o))) t.status = 1;
  }
  return t.finish();
}
