// <pwd.h>: the user database, /etc/passwd (name:passwd:uid:gid:gecos:dir:shell).
import { readDb } from "./internal/dbfile.js";
import { libcState } from "./internal/sys.js";

export interface Passwd { pw_name: string; pw_passwd: string; pw_uid: number; pw_gid: number; pw_gecos: string; pw_dir: string; pw_shell: string }

function toPasswd(f: string[]): Passwd | null {
  if (f.length < 7 || !/^\d+$/.test(f[2]) || !/^\d+$/.test(f[3])) return null;
  return { pw_name: f[0], pw_passwd: f[1], pw_uid: Number(f[2]), pw_gid: Number(f[3]), pw_gecos: f[4], pw_dir: f[5], pw_shell: f[6] };
}

async function all(): Promise<Passwd[]> {
  const rows = await readDb("/etc/passwd");
  return (rows ?? []).map(toPasswd).filter((p): p is Passwd => p !== null);
}

/** getpwnam(name): the entry, or null (errno set only when the file cannot be read). */
export async function getpwnam(name: string): Promise<Passwd | null> {
  return (await all()).find((p) => p.pw_name === name) ?? null;
}
export async function getpwuid(uid: number): Promise<Passwd | null> {
  return (await all()).find((p) => p.pw_uid === uid) ?? null;
}

/** getpwent/setpwent/endpwent: walk the database (per process). */
export async function getpwent(): Promise<Passwd | null> {
  const st = libcState();
  if (!st.pwent) st.pwent = { list: await all(), i: 0 };
  const e = st.pwent as { list: Passwd[]; i: number };
  return e.list[e.i++] ?? null;
}
export function setpwent(): void { libcState().pwent = null; }
export function endpwent(): void { libcState().pwent = null; }
