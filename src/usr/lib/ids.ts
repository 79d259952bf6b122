// User and group names from /etc/passwd and /etc/group (there is no <pwd.h> yet), for ls,
// stat, chown, find.
import { readFileBytes, bytesToStr, fromUtf8 } from "./common.js";

export interface IdDb { users: Map<number, string>; groups: Map<number, string>; userIds: Map<string, number>; groupIds: Map<string, number>; userGid: Map<string, number> }

async function table(path: string): Promise<string[][]> {
  const b = await readFileBytes(path);
  if (!b) return [];
  return fromUtf8(bytesToStr(b)).split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(":"));
}

/** Load both files once per run. */
export async function loadIds(): Promise<IdDb> {
  const db: IdDb = { users: new Map(), groups: new Map(), userIds: new Map(), groupIds: new Map(), userGid: new Map() };
  for (const f of await table("/etc/passwd")) {
    const id = Number(f[2]);
    if (!db.users.has(id)) db.users.set(id, f[0]);
    db.userIds.set(f[0], id);
    db.userGid.set(f[0], Number(f[3]));
  }
  for (const f of await table("/etc/group")) {
    const id = Number(f[2]);
    if (!db.groups.has(id)) db.groups.set(id, f[0]);
    db.groupIds.set(f[0], id);
  }
  return db;
}

export const userName = (db: IdDb, uid: number): string => db.users.get(uid) ?? String(uid);
export const groupName = (db: IdDb, gid: number): string => db.groups.get(gid) ?? String(gid);
