// chmod: change file mode bits (GNU coreutils: octal and symbolic modes, -R -v -c -f, --reference).
import { chmod } from "../../lib/libc/sys/stat.js";
import { S_ISDIR, S_ISLNK } from "../../lib/libc/sys/stat.js";
import { Tool, parseOpts, quote, pathJoin } from "../lib/common.js";
import { applyMode } from "../lib/mode.js";
import { modeString } from "../lib/mode.js";
import { getUmask, statOf, lstatOf, listDir } from "../lib/fsops.js";

const HELP = `Usage: chmod [OPTION]... MODE[,MODE]... FILE...
  or:  chmod [OPTION]... OCTAL-MODE FILE...
  or:  chmod [OPTION]... --reference=RFILE FILE...
Change the mode of each FILE to MODE.
With --reference, change the mode of each FILE to that of RFILE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
      --reference=RFILE  use RFILE's mode instead of MODE values
  -R, --recursive        change files and directories recursively
      --help        display this help and exit

Each MODE is of the form '[ugoa]*([-+=]([rwxXst]*|[ugo]))+|[-+=][0-7]+'.
`;

const MODE_WORD = /^-[rwxXst]+$/;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  // A mode such as "-w" looks like options: take it out first, as GNU chmod does.
  let modeArg: string | null = null;
  const rest = [argv[0]];
  for (const a of argv.slice(1)) {
    if (modeArg === null && MODE_WORD.test(a)) modeArg = a; else rest.push(a);
  }
  const p = await parseOpts(t, rest, { short: "cfvR", long: { changes: "c", silent: "f", quiet: "f", verbose: "v", recursive: "R", reference: "reference:" } });
  if (typeof p === "number") return p;
  let changes = false, silent = false, verbose = false, recursive = false, ref: string | null = null;
  for (const [k, v] of p.opts) {
    if (k === "c") changes = true; else if (k === "f") silent = true; else if (k === "v") verbose = true;
    else if (k === "R") recursive = true; else if (k === "reference") ref = v;
  }
  const ops = p.operands;
  let refMode: number | null = null;
  if (ref !== null) {
    const st = await statOf(ref);
    if (!st) { await t.error(`failed to get attributes of ${quote(ref)}: ${t.errText}`); return 1; }
    refMode = st.st_mode & 0o7777;
  } else if (modeArg === null) modeArg = ops.shift() ?? null;
  if (modeArg === null) return t.usage("missing operand");
  if (!ops.length) return t.usage(`missing operand after ${quote(modeArg)}`);
  const um = await getUmask();
  if (refMode === null && applyMode(modeArg, 0, false, um) === null) { await t.error(`invalid mode: ${quote(modeArg)}`); return t.usage(); }
  const one = async (f: string, top: boolean): Promise<void> => {
    const st = top ? await statOf(f) : await lstatOf(f);
    if (!st) { if (!silent) await t.error(`cannot access ${quote(f)}: ${t.errText}`); else t.status = 1; return; }
    if (S_ISLNK(st.st_mode)) return; // symlinks met while recursing are not followed
    const old = st.st_mode & 0o7777;
    const mode = refMode ?? applyMode(modeArg!, old, S_ISDIR(st.st_mode), um)!;
    if ((await chmod(f, mode)) < 0) {
      if (!silent) await t.error(`changing permissions of ${quote(f)}: ${t.errText}`); else t.status = 1;
    } else if (verbose || (changes && mode !== old)) {
      const o = `${old.toString(8).padStart(4, "0")} (${modeString(st.st_mode).slice(1)})`;
      const n = `${mode.toString(8).padStart(4, "0")} (${modeString((st.st_mode & ~0o7777) | mode).slice(1)})`;
      t.out.text(mode === old ? `mode of ${quote(f)} retained as ${o}\n` : `mode of ${quote(f)} changed from ${o} to ${n}\n`);
    }
    if (recursive && S_ISDIR(st.st_mode)) {
      const names = await listDir(f);
      if (!names) { await t.error(`cannot read directory ${quote(f)}: ${t.errText}`); return; }
      for (const n of names) await one(pathJoin(f, n), false);
    }
  };
  for (const f of ops) await one(f, true);
  return t.finish();
}
