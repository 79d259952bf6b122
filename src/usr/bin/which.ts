// which: locate a command in PATH (Debian's which: -a; exit 1 if any is not found, 2 on bad options).
import { access, X_OK } from "../../lib/libc/unistd.js";
import { getenv } from "../../lib/libc/stdlib.js";
import { S_ISDIR } from "../../lib/libc/sys/stat.js";
import { Tool, parseOpts } from "../lib/common.js";
import { statOf } from "../lib/fsops.js";

const HELP = `Usage: which [-a] args
  -a  print all matching pathnames of each argument
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP, 2);
  const p = await parseOpts(t, argv, { short: "as" });
  if (typeof p === "number") return p;
  const all = p.opts.some(([k]) => k === "a"), silent = p.opts.some(([k]) => k === "s");
  if (!p.operands.length) return 1;
  const path = getenv("PATH") ?? "";
  let status = 0;
  const ok = async (f: string) => { const st = await statOf(f); return !!st && !S_ISDIR(st.st_mode) && (await access(f, X_OK)) === 0; };
  for (const name of p.operands) {
    let found = false;
    const candidates = name.includes("/") ? [name] : path.split(":").map((d) => `${d === "" ? "." : d}/${name}`);
    for (const c of candidates) {
      if (!(await ok(c))) continue;
      found = true;
      if (!silent) t.out.text(c + "\n");
      if (!all) break;
    }
    if (!found) status = 1;
  }
  return t.finish(status);
}
