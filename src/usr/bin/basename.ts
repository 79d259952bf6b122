// basename: strip directory and suffix from file names (GNU coreutils: SUFFIX, -a, -s, -z).
import { Tool, parseOpts, quote, baseName } from "../lib/common.js";

const HELP = `Usage: basename NAME [SUFFIX]
  or:  basename OPTION... NAME...
Print NAME with any leading directory components removed.
If specified, also remove a trailing SUFFIX.

  -a, --multiple       support multiple arguments and treat each as a NAME
  -s, --suffix=SUFFIX  remove a trailing SUFFIX; implies -a
  -z, --zero           end each output line with NUL, not newline
      --help        display this help and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "as:z", long: { multiple: "a", suffix: "s:", zero: "z" } });
  if (typeof p === "number") return p;
  let multi = false, suffix = "", nl = "\n";
  for (const [k, v] of p.opts) { if (k === "a") multi = true; else if (k === "s") { suffix = v; multi = true; } else nl = "\0"; }
  let names = p.operands;
  if (!names.length) return t.usage("missing operand");
  if (!multi) {
    if (names.length > 2) return t.usage(`extra operand ${quote(names[2])}`);
    if (names.length === 2) suffix = names[1];
    names = [names[0]];
  }
  for (const n of names) {
    let b = baseName(n);
    if (suffix && b !== suffix && b.endsWith(suffix) && b !== "/") b = b.slice(0, -suffix.length);
    t.out.text(b + nl);
  }
  return t.finish();
}
