// ln: make links between files (GNU coreutils: -s -f -n -v -T -t).
import { link, symlink, unlink } from "../../lib/libc/unistd.js";
import { errno, EEXIST } from "../../lib/libc/errno.js";
import { S_ISDIR } from "../../lib/libc/sys/stat.js";
import { Tool, parseOpts, quote } from "../lib/common.js";
import { lstatOf, operandPairs } from "../lib/fsops.js";

const HELP = `Usage: ln [OPTION]... [-T] TARGET LINK_NAME
  or:  ln [OPTION]... TARGET
  or:  ln [OPTION]... TARGET... DIRECTORY
  or:  ln [OPTION]... -t DIRECTORY TARGET...
Create hard links by default, symbolic links with --symbolic.

Mandatory arguments to long options are mandatory for short options too.
  -f, --force                 remove existing destination files
  -n, --no-dereference        treat LINK_NAME as a normal file if
                                it is a symbolic link to a directory
  -s, --symbolic              make symbolic links instead of hard links
  -t, --target-directory=DIRECTORY  specify the DIRECTORY in which to create
                                the links
  -T, --no-target-directory   treat LINK_NAME as a normal file always
  -v, --verbose               print name of each linked file
      --help        display this help and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "fnst:Tv", long: { force: "f", "no-dereference": "n", symbolic: "s", "target-directory": "t:", "no-target-directory": "T", verbose: "v" } });
  if (typeof p === "number") return p;
  let force = false, sym = false, target: string | null = null, noTarget = false, verbose = false, noDeref = false;
  for (const [k, v] of p.opts) {
    if (k === "f") force = true; else if (k === "s") sym = true; else if (k === "t") target = v;
    else if (k === "T") noTarget = true; else if (k === "v") verbose = true; else if (k === "n") noDeref = true;
  }
  let ops = p.operands;
  // -n: a last operand that is a symlink to a directory is replaced, not entered.
  if (noDeref && ops.length === 2) { const l = await lstatOf(ops[1]); if (l && (l.st_mode & 0o170000) === 0o120000) noTarget = true; }
  const pairs = await operandPairs(t, ops, target, noTarget, true);
  if (typeof pairs === "number") return pairs;
  for (const [src, dst] of pairs) {
    if (!sym) {
      const st = await lstatOf(src);
      if (!st) { await t.error(`failed to access ${quote(src)}: ${t.errText}`); continue; }
      if (S_ISDIR(st.st_mode)) { await t.error(`${src}: hard link not allowed for directory`); continue; }
    }
    const make = () => (sym ? symlink(src, dst) : link(src, dst));
    let r = await make();
    if (r < 0 && errno === EEXIST && force) {
      const d = await lstatOf(dst);
      if (d && S_ISDIR(d.st_mode)) { await t.error(`${quote(dst)}: cannot overwrite directory`); continue; }
      await unlink(dst);
      r = await make();
    }
    if (r < 0) {
      await t.error(`failed to create ${sym ? "symbolic" : "hard"} link ${quote(dst)}${sym || errno === EEXIST ? "" : ` => ${quote(src)}`}: ${t.errText}`);
      continue;
    }
    if (verbose) t.out.text(`${quote(dst)} ${sym ? "->" : "=>"} ${quote(src)}\n`);
  }
  void ops;
  return t.finish();
}
