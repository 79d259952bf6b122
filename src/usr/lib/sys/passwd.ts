// The account database for the system tools (what glibc's getpwnam, getpwuid, getgrgid and
// getgrouplist answer from /etc/passwd and /etc/group): full entries, with group members.
import { readFileBytes, bytesToStr, fromUtf8 } from "../common.js";

export interface Passwd { name: string; uid: number; gid: number; gecos: string; dir: string; shell: string }
export interface Group { name: string; gid: number; members: string[] }
export interface Accounts { users: Passwd[]; groups: Group[] }

async function lines(path: string): Promise<string[][]> {
  const b = await readFileBytes(path);
  if (!b) return [];
  return fromUtf8(bytesToStr(b)).split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(":"));
}

export async function loadAccounts(): Promise<Accounts> {
  const users = (await lines("/etc/passwd")).filter((f) => f.length >= 7).map((f) => ({
    name: f[0], uid: Number(f[2]), gid: Number(f[3]), gecos: f[4], dir: f[5], shell: f[6],
  }));
  const groups = (await lines("/etc/group")).filter((f) => f.length >= 3).map((f) => ({
    name: f[0], gid: Number(f[2]), members: (f[3] ?? "").split(",").filter(Boolean),
  }));
  return { users, groups };
}

export const getpwnam = (a: Accounts, name: string) => a.users.find((u) => u.name === name) ?? null;
export const getpwuid = (a: Accounts, uid: number) => a.users.find((u) => u.uid === uid) ?? null;
export const getgrgid = (a: Accounts, gid: number) => a.groups.find((g) => g.gid === gid) ?? null;
export const getgrnam = (a: Accounts, name: string) => a.groups.find((g) => g.name === name) ?? null;

/** getgrouplist(user, gid): the primary group first, then every group listing the user. */
export function getgrouplist(a: Accounts, user: string, gid: number): number[] {
  const list = [gid];
  for (const g of a.groups) if (g.members.includes(user) && !list.includes(g.gid)) list.push(g.gid);
  return list;
}

/** A user given by name or, failing that, by number (as id, sudo -u and su accept). */
export function lookupUser(a: Accounts, spec: string): Passwd | null {
  const byName = getpwnam(a, spec);
  if (byName) return byName;
  if (/^#?\d+$/.test(spec)) return getpwuid(a, Number(spec.replace("#", "")));
  return null;
}
