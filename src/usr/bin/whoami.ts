// whoami: print the user name of the effective user ID (GNU coreutils).
import { geteuid } from "../../lib/libc/unistd.js";
import { Tool, parseOpts } from "../lib/common.js";
import { loadAccounts, getpwuid } from "../lib/sys/passwd.js";

const HELP = `Usage: whoami [OPTION]...
Print the user name associated with the current effective user ID.
Same as id -un.

      --help        display this help and exit
      --version     output version information and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("whoami", HELP);
  const p = await parseOpts(t, argv, { short: "" });
  if (typeof p === "number") return p;
  if (p.operands.length) return t.usage(`extra operand '${p.operands[0]}'`);
  const uid = await geteuid();
  const pw = getpwuid(await loadAccounts(), uid);
  if (!pw) { await t.error(`cannot find name for user ID ${uid}`); return 1; }
  t.out.text(pw.name + "\n");
  return t.finish();
}
