// mv: move (rename) files (GNU coreutils: -f -n -v -t -T); across file systems it copies and removes.
import { rename } from "../../lib/libc/stdio.js";
import { errno, EXDEV } from "../../lib/libc/errno.js";
import { S_ISDIR } from "../../lib/libc/sys/stat.js";
import { Tool, parseOpts, quote } from "../lib/common.js";
import { copyTree, removeTree, getUmask, lstatOf, operandPairs } from "../lib/fsops.js";

const HELP = `Usage: mv [OPTION]... [-T] SOURCE DEST
  or:  mv [OPTION]... SOURCE... DIRECTORY
  or:  mv [OPTION]... -t DIRECTORY SOURCE...
Rename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.

Mandatory arguments to long options are mandatory for short options too.
  -f, --force                  do not prompt before overwriting
  -n, --no-clobber             do not overwrite an existing file
  -t, --target-directory=DIRECTORY  move all SOURCE arguments into DIRECTORY
  -T, --no-target-directory    treat DEST as a normal file
  -v, --verbose                explain what is being done
      --help        display this help and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "fint:Tv", long: { force: "f", "no-clobber": "n", "target-directory": "t:", "no-target-directory": "T", verbose: "v" } });
  if (typeof p === "number") return p;
  let noClobber = false, target: string | null = null, noTarget = false, verbose = false;
  for (const [k, v] of p.opts) {
    if (k === "n") noClobber = true; else if (k === "f" || k === "i") noClobber = false;
    else if (k === "t") target = v; else if (k === "T") noTarget = true; else if (k === "v") verbose = true;
  }
  const pairs = await operandPairs(t, p.operands, target, noTarget);
  if (typeof pairs === "number") return pairs;
  for (const [src, dst] of pairs) {
    const st = await lstatOf(src);
    if (!st) { await t.error(`cannot stat ${quote(src)}: ${t.errText}`); continue; }
    const d = await lstatOf(dst);
    if (d && noClobber) continue;
    if (d && d.st_ino === st.st_ino && d.st_dev === st.st_dev) { await t.error(`${quote(src)} and ${quote(dst)} are the same file`); continue; }
    if (S_ISDIR(st.st_mode) && (dst + "/").startsWith(src.replace(/\/*$/, "/"))) {
      await t.error(`cannot move ${quote(src)} to a subdirectory of itself, ${quote(dst)}`);
      continue;
    }
    if ((await rename(src, dst)) < 0) {
      if (errno !== EXDEV) { await t.error(`cannot move ${quote(src)} to ${quote(dst)}: ${t.errText}`); continue; }
      const o = { recursive: true, preserve: true, noDeref: true, force: true, verbose: false, umask: await getUmask() };
      if (!(await copyTree(t, src, dst, st, o)) || !(await removeTree(t, src, false))) { t.status = 1; continue; }
    }
    if (verbose) t.out.text(`renamed ${quote(src)} -> ${quote(dst)}\n`);
  }
  return t.finish();
}
