// <grp.h>: the group database, /etc/group (name:passwd:gid:member,member), getgrouplist, and
// setgroups (declared in grp.h by glibc).
import { readDb } from "./internal/dbfile.js";
import { libcState, sys, scoped, dv, type Sys } from "./internal/sys.js";
import * as NR from "../../include/uapi/asm/unistd_64.gen.js";

export interface Group { gr_name: string; gr_passwd: string; gr_gid: number; gr_mem: string[] }

function toGroup(f: string[]): Group | null {
  if (f.length < 3 || !/^\d+$/.test(f[2])) return null;
  return { gr_name: f[0], gr_passwd: f[1], gr_gid: Number(f[2]), gr_mem: (f[3] ?? "").split(",").filter(Boolean) };
}

async function all(): Promise<Group[]> {
  const rows = await readDb("/etc/group");
  return (rows ?? []).map(toGroup).filter((g): g is Group => g !== null);
}

export async function getgrnam(name: string): Promise<Group | null> { return (await all()).find((g) => g.gr_name === name) ?? null; }
export async function getgrgid(gid: number): Promise<Group | null> { return (await all()).find((g) => g.gr_gid === gid) ?? null; }

/**
 * getgrouplist(user, group, groups, ngroups): the groups user belongs to, group first. Fills
 * the groups array with up to ngroups.value entries and sets ngroups.value to the total;
 * returns the count, or -1 when the array was too small.
 */
export async function getgrouplist(user: string, group: number, groups: number[], ngroups: { value: number }): Promise<number> {
  const list = [group];
  for (const g of await all()) if (g.gr_mem.includes(user) && !list.includes(g.gr_gid)) list.push(g.gr_gid);
  const room = ngroups.value;
  for (let i = 0; i < Math.min(room, list.length); i++) groups[i] = list[i];
  ngroups.value = list.length;
  return list.length > room ? -1 : list.length;
}

export async function getgrent(): Promise<Group | null> {
  const st = libcState();
  if (!st.grent) st.grent = { list: await all(), i: 0 };
  const e = st.grent as { list: Group[]; i: number };
  return e.list[e.i++] ?? null;
}
export function setgrent(): void { libcState().grent = null; }
export function endgrent(): void { libcState().grent = null; }

/** setgroups(list): set the supplementary groups (needs CAP_SETGID: EPERM). */
export function setgroups(list: readonly number[]): Sys {
  return scoped((s) => {
    const p = s.buf(list.length * 4);
    list.forEach((g, i) => dv().setUint32(p + i * 4, g, true));
    return sys(NR.__NR_setgroups, list.length, p);
  });
}
