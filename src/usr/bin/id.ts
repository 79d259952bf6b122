// id: print real and effective user and group IDs (GNU coreutils: -u -g -G -n -r, and a
// user name operand).
import { getuid, geteuid, getgid, getegid, getgroups } from "../../lib/libc/unistd.js";
import { Tool, parseOpts } from "../lib/common.js";
import { loadAccounts, getpwuid, getgrgid, getgrouplist, lookupUser, type Accounts } from "../lib/sys/passwd.js";

const HELP = `Usage: id [OPTION]... [USER]...
Print user and group information for each specified USER,
or (when USER omitted) for the current process.

  -a             ignore, for compatibility with other versions
  -Z, --context  print only the security context of the process
  -g, --group    print only the effective group ID
  -G, --groups   print all group IDs
  -n, --name     print a name instead of a number, for -u,-g,-G
  -r, --real     print the real ID instead of the effective ID, with -u,-g,-G
  -u, --user     print only the effective user ID
  -z, --zero     delimit entries with NUL characters, not whitespace;
                   not permitted in default format
      --help        display this help and exit
      --version     output version information and exit

Without any OPTION, print some useful set of identifiable information.
`;

interface Ids { ruid: number; euid: number; rgid: number; egid: number; groups: number[] }

/** The process's own groups as GNU lists them: the effective gid first, then getgroups(2) without repeats. */
async function processGroups(egid: number): Promise<number[]> {
  const n = await getgroups(0);
  const list: number[] = new Array(Math.max(n, 0)).fill(0);
  if (n > 0) await getgroups(n, list);
  const out = [egid];
  for (const g of list) if (!out.includes(g)) out.push(g);
  return out;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("id", HELP);
  const p = await parseOpts(t, argv, {
    short: "agGnruzZ",
    long: { group: "g", groups: "G", name: "n", real: "r", user: "u", zero: "z", context: "Z" },
  });
  if (typeof p === "number") return p;
  const f = new Set(p.opts.map(([k]) => k));
  if (f.has("Z")) { await t.error("--context (-Z) works only on an SELinux-enabled kernel"); return 1; }
  const only = ["u", "g", "G"].filter((c) => f.has(c)).length;
  if (only > 1) { await t.error(`cannot print "only" of more than one choice`); return 1; }
  if (only === 0 && (f.has("n") || f.has("r"))) { await t.error("cannot print only names or real IDs in default format"); return 1; }
  if (only === 0 && f.has("z")) { await t.error("option --zero not permitted in default format"); return 1; }
  const acc = await loadAccounts();
  const targets: (Ids | null)[] = [];
  if (p.operands.length === 0) {
    const egid = await getegid();
    targets.push({ ruid: await getuid(), euid: await geteuid(), rgid: await getgid(), egid, groups: await processGroups(egid) });
  } else {
    for (const name of p.operands) {
      const pw = lookupUser(acc, name);
      if (!pw) { await t.error(`'${name}': no such user`); targets.push(null); continue; }
      targets.push({ ruid: pw.uid, euid: pw.uid, rgid: pw.gid, egid: pw.gid, groups: getgrouplist(acc, pw.name, pw.gid) });
    }
  }
  const sep = f.has("z") ? "\0" : " ";
  const end = f.has("z") ? "\0" : "\n";
  for (const ids of targets) {
    if (!ids) continue;
    if (only) {
      const names = f.has("n");
      const one = (id: number, group: boolean) => (names ? nameOf(acc, id, group) : String(id));
      if (f.has("u")) t.out.text(one(f.has("r") ? ids.ruid : ids.euid, false) + end);
      else if (f.has("g")) t.out.text(one(f.has("r") ? ids.rgid : ids.egid, true) + end);
      else {
        const list = f.has("r") && ids.rgid !== ids.egid ? [ids.rgid, ...ids.groups.filter((g) => g !== ids.rgid)] : ids.groups;
        t.out.text(list.map((g) => one(g, true)).join(sep) + (f.has("z") ? sep : end));
      }
      continue;
    }
    t.out.text(defaultLine(acc, ids) + "\n");
  }
  return t.finish();
}

function nameOf(acc: Accounts, id: number, group: boolean): string {
  return (group ? getgrgid(acc, id)?.name : getpwuid(acc, id)?.name) ?? String(id);
}

function defaultLine(acc: Accounts, ids: Ids): string {
  const u = (id: number) => `${id}` + (getpwuid(acc, id) ? `(${getpwuid(acc, id)!.name})` : "");
  const g = (id: number) => `${id}` + (getgrgid(acc, id) ? `(${getgrgid(acc, id)!.name})` : "");
  let s = `uid=${u(ids.ruid)} gid=${g(ids.rgid)}`;
  if (ids.euid !== ids.ruid) s += ` euid=${u(ids.euid)}`;
  if (ids.egid !== ids.rgid) s += ` egid=${g(ids.egid)}`;
  return s + ` groups=${ids.groups.map(g).join(",")}`;
}
