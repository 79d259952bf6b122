// groups: print the groups a user is in (GNU coreutils): the process's own groups with no
// operand, "NAME : g1 g2" for each named user.
import { getegid, getgroups } from "../../lib/libc/unistd.js";
import { Tool, parseOpts } from "../lib/common.js";
import { loadAccounts, getgrgid, getgrouplist, getpwnam } from "../lib/sys/passwd.js";

const HELP = `Usage: groups [OPTION]... [USERNAME]...
Print group memberships for each USERNAME or, if no USERNAME is specified, for
the current process (which may differ if the groups database has changed).
      --help        display this help and exit
      --version     output version information and exit
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("groups", HELP);
  const p = await parseOpts(t, argv, { short: "" });
  if (typeof p === "number") return p;
  const acc = await loadAccounts();
  const names = (list: number[]) => list.map((g) => getgrgid(acc, g)?.name ?? String(g)).join(" ");
  if (p.operands.length === 0) {
    const egid = await getegid();
    const n = await getgroups(0);
    const list: number[] = new Array(Math.max(n, 0)).fill(0);
    if (n > 0) await getgroups(n, list);
    const all = [egid, ...list.filter((g, i) => g !== egid && list.indexOf(g) === i)];
    t.out.text(names(all) + "\n");
  }
  for (const user of p.operands) {
    const pw = getpwnam(acc, user);
    if (!pw) { await t.error(`'${user}': no such user`); continue; }
    t.out.text(`${user} : ${names(getgrouplist(acc, pw.name, pw.gid))}\n`);
  }
  return t.finish();
}
