// logname: print the user's login name (GNU coreutils). The name is what glibc's getlogin
// finds: the login uid the kernel keeps in /proc/self/loginuid, looked up in /etc/passwd.
// A process no login session set a login uid for has none: "logname: no login name".
import { Tool, parseOpts, readFileBytes, bytesToStr } from "../lib/common.js";
import { loadIds } from "../lib/ids.js";

const HELP = `Usage: logname [OPTION]
Print the user's login name.

      --help        display this help and exit
      --version     output version information and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("logname", HELP);
  const p = await parseOpts(t, argv, { short: "", long: { version: "version" } });
  if (typeof p === "number") return p;
  if (p.opts.some(([k]) => k === "version")) { t.out.text("logname (GNU coreutils) 9.4\n"); return t.finish(0); }
  if (p.operands.length) return t.usage(`extra operand '${p.operands[0]}'`);
  const b = await readFileBytes("/proc/self/loginuid");
  const uid = b ? Number(bytesToStr(b).trim()) : NaN;
  const name = Number.isInteger(uid) && uid !== 4294967295 ? (await loadIds()).users.get(uid) : undefined;
  if (!name) { await t.error("no login name"); return 1; }
  t.out.text(name + "\n");
  return t.finish();
}
