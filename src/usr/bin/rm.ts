// rm: remove files or directories (GNU coreutils: -f -r -R -d -v, --preserve-root).
import { unlink, rmdir } from "../../lib/libc/unistd.js";
import { errno, strerror, ENOENT, EISDIR } from "../../lib/libc/errno.js";
import { S_ISDIR } from "../../lib/libc/sys/stat.js";
import { Tool, parseOpts, quote, baseName } from "../lib/common.js";
import { lstatOf, removeTree } from "../lib/fsops.js";

const HELP = `Usage: rm [OPTION]... [FILE]...
Remove (unlink) the FILE(s).

  -f, --force           ignore nonexistent files and arguments, never prompt
  -r, -R, --recursive   remove directories and their contents recursively
  -d, --dir             remove empty directories
  -v, --verbose         explain what is being done
      --no-preserve-root  do not treat '/' specially
      --preserve-root   do not remove '/' (default)
      --help        display this help and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "frRdvI", long: { force: "f", recursive: "r", dir: "d", verbose: "v", "no-preserve-root": "nopreserve", "preserve-root": "preserve" } });
  if (typeof p === "number") return p;
  let force = false, recursive = false, dir = false, verbose = false, preserveRoot = true;
  for (const [k] of p.opts) {
    if (k === "f") force = true;
    else if (k === "r" || k === "R") recursive = true;
    else if (k === "d") dir = true;
    else if (k === "v") verbose = true;
    else if (k === "nopreserve") preserveRoot = false;
    else if (k === "preserve") preserveRoot = true;
  }
  if (!p.operands.length) return force ? 0 : t.usage("missing operand");
  for (const f of p.operands) {
    const base = baseName(f);
    if (base === "." || base === "..") {
      await t.error(`refusing to remove '.' or '..' directory: skipping ${quote(f)}`);
      continue;
    }
    const st = await lstatOf(f);
    if (!st) {
      if (!(force && errno === ENOENT)) await t.error(`cannot remove ${quote(f)}: ${t.errText}`);
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (recursive) {
        if (preserveRoot && f.replace(/\/+/g, "/") === "/") {
          await t.error(`it is dangerous to operate recursively on '/'`);
          await t.warn("use --no-preserve-root to override this failsafe");
          continue;
        }
        if (!(await removeTree(t, f, verbose))) t.status = 1;
        continue;
      }
      if (!dir) { await t.error(`cannot remove ${quote(f)}: ${strerror(EISDIR)}`); continue; }
      if ((await rmdir(f)) < 0) await t.error(`cannot remove ${quote(f)}: ${t.errText}`);
      else if (verbose) t.out.text(`removed directory ${quote(f)}\n`);
      continue;
    }
    if ((await unlink(f)) < 0) await t.error(`cannot remove ${quote(f)}: ${t.errText}`);
    else if (verbose) t.out.text(`removed ${quote(f)}\n`);
  }
  return t.finish();
}
