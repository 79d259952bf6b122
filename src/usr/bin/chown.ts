// chown: change file owner and group (GNU coreutils: USER[:GROUP], numeric IDs, -R -v -c -f -h).
import { chown, lchown } from "../../lib/libc/unistd.js";
import { S_ISDIR, S_ISLNK } from "../../lib/libc/sys/stat.js";
import { Tool, parseOpts, quote, pathJoin } from "../lib/common.js";
import { loadIds, userName, groupName, type IdDb } from "../lib/ids.js";
import { lstatOf, statOf, listDir } from "../lib/fsops.js";

const HELP = `Usage: chown [OPTION]... [OWNER][:[GROUP]] FILE...
  or:  chown [OPTION]... --reference=RFILE FILE...
Change the owner and/or group of each FILE to OWNER and/or GROUP.
With --reference, change the owner and group of each FILE to those of RFILE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
  -h, --no-dereference   affect symbolic links instead of any referenced file
      --reference=RFILE  use RFILE's owner and group rather than
                         specifying OWNER:GROUP values
  -R, --recursive        operate on files and directories recursively
      --help        display this help and exit

Owner is unchanged if missing.  Group is unchanged if missing, but changed
to login group if implied by a ':' following a symbolic OWNER.
OWNER and GROUP may be numeric as well as symbolic.
`;

/** "user", "user:", "user:group", ":group", "uid:gid" -> ids (-1 = unchanged), or an error message. */
export function parseOwner(db: IdDb, spec: string): { uid: number; gid: number } | string {
  const i = spec.search(/[:.]/);
  const u = i < 0 ? spec : spec.slice(0, i);
  const g = i < 0 ? "" : spec.slice(i + 1);
  let uid = -1, gid = -1;
  if (u !== "") {
    const id = db.userIds.get(u) ?? (/^\d+$/.test(u) ? Number(u) : undefined);
    if (id === undefined) return `invalid user: ${quote(spec)}`;
    uid = id;
    if (i >= 0 && g === "") {
      const lg = db.userGid.get(u);
      if (lg === undefined) return `invalid spec: ${quote(spec)}`;
      gid = lg;
    }
  }
  if (g !== "") {
    const id = db.groupIds.get(g) ?? (/^\d+$/.test(g) ? Number(g) : undefined);
    if (id === undefined) return `invalid group: ${quote(spec)}`;
    gid = id;
  }
  return { uid, gid };
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "cfvhR", long: { changes: "c", silent: "f", quiet: "f", verbose: "v", "no-dereference": "h", dereference: "deref", recursive: "R", reference: "reference:" } });
  if (typeof p === "number") return p;
  let changes = false, silent = false, verbose = false, noDeref = false, recursive = false, ref: string | null = null;
  for (const [k, v] of p.opts) {
    if (k === "c") changes = true; else if (k === "f") silent = true; else if (k === "v") verbose = true;
    else if (k === "h") noDeref = true; else if (k === "deref") noDeref = false;
    else if (k === "R") recursive = true; else if (k === "reference") ref = v;
  }
  const ops = p.operands;
  const db = await loadIds();
  let ids: { uid: number; gid: number };
  let spec: string;
  if (ref !== null) {
    const st = await statOf(ref);
    if (!st) { await t.error(`failed to get attributes of ${quote(ref)}: ${t.errText}`); return 1; }
    ids = { uid: st.st_uid, gid: st.st_gid };
    spec = `${userName(db, st.st_uid)}:${groupName(db, st.st_gid)}`;
  } else {
    if (!ops.length) return t.usage("missing operand");
    spec = ops.shift()!;
    const r = parseOwner(db, spec);
    if (typeof r === "string") { await t.error(r); return 1; }
    ids = r;
  }
  if (!ops.length) return t.usage(`missing operand after ${quote(spec)}`);
  const one = async (f: string, top: boolean): Promise<void> => {
    const follow = top && !noDeref;
    const st = follow ? await statOf(f) : await lstatOf(f);
    if (!st) { if (!silent) await t.error(`cannot access ${quote(f)}: ${t.errText}`); else t.status = 1; return; }
    const r = follow ? await chown(f, ids.uid, ids.gid) : await lchown(f, ids.uid, ids.gid);
    const newU = ids.uid < 0 ? st.st_uid : ids.uid, newG = ids.gid < 0 ? st.st_gid : ids.gid;
    const desc = (u: number, g: number) => ids.uid < 0 ? groupName(db, g) : ids.gid < 0 ? userName(db, u) : `${userName(db, u)}:${groupName(db, g)}`;
    if (r < 0) {
      if (!silent) await t.error(`changing ${ids.uid < 0 ? "group" : "ownership"} of ${quote(f)}: ${t.errText}`); else t.status = 1;
    } else if (verbose || (changes && (newU !== st.st_uid || newG !== st.st_gid))) {
      const what = ids.uid < 0 ? "group" : "ownership";
      t.out.text(newU === st.st_uid && newG === st.st_gid
        ? `${what} of ${quote(f)} retained as ${desc(newU, newG)}\n`
        : `changed ${what} of ${quote(f)} from ${desc(st.st_uid, st.st_gid)} to ${desc(newU, newG)}\n`);
    }
    if (recursive && S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode)) {
      const names = await listDir(f);
      if (!names) { await t.error(`cannot read directory ${quote(f)}: ${t.errText}`); return; }
      for (const n of names) await one(pathJoin(f, n), false);
    }
  };
  for (const f of ops) await one(f, true);
  return t.finish();
}
