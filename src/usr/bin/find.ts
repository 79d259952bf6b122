// find: search for files in a directory hierarchy (GNU findutils: -name -iname -path -type
// -size -perm -empty -user -group -maxdepth -mindepth -depth -print -print0 -exec ... ; and +
// -delete -prune -true -false, operators ! -not -a -and -o -or ( ) and ,).
import { unlink, rmdir } from "../../lib/libc/unistd.js";
import { S_ISDIR, type Stat } from "../../lib/libc/sys/stat.js";
import { Tool, quote, pathJoin } from "../lib/common.js";
import { lstatOf, statOf, listDir } from "../lib/fsops.js";
import { loadIds, type IdDb } from "../lib/ids.js";
import { applyMode } from "../lib/mode.js";
import { runCommand } from "../lib/run.js";
import { fnmatchRegExp } from "../lib/fnmatch.js";

const HELP = `Usage: find [-H] [-L] [-P] [path...] [expression]

default path is the current directory; default expression is -print
expression may consist of: operators, options, tests, and actions:
operators (decreasing precedence; -and is implicit where no others are given):
      ( EXPR )   ! EXPR   -not EXPR   EXPR1 -a EXPR2   EXPR1 -and EXPR2
      EXPR1 -o EXPR2   EXPR1 -or EXPR2   EXPR1 , EXPR2
normal options (always true, specified before other expressions):
      -depth -maxdepth LEVELS -mindepth LEVELS
tests (N can be +N or -N or N): -empty -false -group NAME -iname PATTERN
      -name PATTERN -path PATTERN -perm [-/]MODE -size N[bcwkMG] -true
      -type [bcdpflsD] -user NAME
actions: -delete -print0 -print -prune -exec COMMAND ; -exec COMMAND {} +
`;

/** fnmatch(3) without flags (FNM_PERIOD off): a glob as a RegExp. */
export function globToRegExp(glob: string, icase: boolean): RegExp {
  return fnmatchRegExp(glob, { icase });
}

interface Ctx { path: string; name: string; st: Stat; depth: number; prune: boolean }
type Pred = (c: Ctx) => Promise<boolean> | boolean;

class Usage extends Error {}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const args = argv.slice(1);
  if (args.includes("--help")) { t.out.text(HELP); return t.finish(0); }
  while (args[0] === "-H" || args[0] === "-L" || args[0] === "-P") args.shift();
  const paths: string[] = [];
  while (args.length && !args[0].startsWith("-") && args[0] !== "(" && args[0] !== "!" && args[0] !== ",") paths.push(args.shift()!);
  if (!paths.length) paths.push(".");
  let maxDepth = Infinity, minDepth = 0, depthFirst = false, hasAction = false;
  const ids: { db: IdDb | null } = { db: null };
  const batches: { cmd: string[]; files: string[] }[] = [];
  let i = 0;
  const need = (opt: string): string => {
    if (i >= args.length) throw new Usage(`missing argument to \`${opt}'`);
    return args[i++];
  };
  const num = (s: string): { cmp: number; n: number; unit: string } => {
    const m = /^([+-]?)(\d+)([bcwkMG]?)$/.exec(s);
    if (!m) throw new Usage(`invalid argument \`${s}' to \`-size'`);
    return { cmp: m[1] === "+" ? 1 : m[1] === "-" ? -1 : 0, n: +m[2], unit: m[3] || "b" };
  };
  const primary = async (): Promise<Pred> => {
    const a = args[i++];
    switch (a) {
      case "(": {
        const e = await orExpr();
        if (args[i++] !== ")") throw new Usage("invalid expression; you have too many '('");
        return e;
      }
      case "!": case "-not": { const e = await primary(); return async (c) => !(await e(c)); }
      case "-name": case "-iname": { const re = globToRegExp(need(a), a === "-iname"); return (c) => re.test(c.name); }
      case "-path": case "-wholename": case "-ipath": { const re = globToRegExp(need(a), a === "-ipath"); return (c) => re.test(c.path); }
      case "-type": {
        const v = need(a);
        const types = v.split(",");
        const map: Record<string, number> = { f: 0o100000, d: 0o040000, l: 0o120000, c: 0o020000, b: 0o060000, p: 0o010000, s: 0o140000 };
        for (const ty of types) if (!(ty in map)) throw new Usage(`Unknown argument to -type: ${ty}`);
        return (c) => types.some((ty) => (c.st.st_mode & 0o170000) === map[ty]);
      }
      case "-size": {
        const s = num(need(a));
        const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1048576, G: 1073741824 }[s.unit as "b"];
        return (c) => {
          const v = Math.ceil(c.st.st_size / unit);
          return s.cmp > 0 ? v > s.n : s.cmp < 0 ? v < s.n : v === s.n;
        };
      }
      case "-perm": {
        const v = need(a);
        const kind = v[0] === "-" || v[0] === "/" ? v[0] : "";
        const mode = applyMode(kind ? v.slice(1) : v, 0, false);
        if (mode === null) throw new Usage(`invalid mode ${quote(v)}`);
        return (c) => {
          const m = c.st.st_mode & 0o7777;
          return kind === "-" ? (m & mode) === mode : kind === "/" ? mode === 0 || (m & mode) !== 0 : m === mode;
        };
      }
      case "-empty": return async (c) => (S_ISDIR(c.st.st_mode) ? ((await listDir(c.path)) ?? [""]).length === 0 : (c.st.st_mode & 0o170000) === 0o100000 && c.st.st_size === 0);
      case "-user": case "-group": {
        const v = need(a);
        ids.db ??= await loadIds();
        const id = a === "-user" ? ids.db.userIds.get(v) : ids.db.groupIds.get(v);
        const n = id ?? (/^\d+$/.test(v) ? Number(v) : undefined);
        if (n === undefined) throw new Usage(`${a === "-user" ? "the user name" : "group name"} ${quote(v)} is not known`);
        return (c) => (a === "-user" ? c.st.st_uid : c.st.st_gid) === n;
      }
      case "-maxdepth": case "-mindepth": {
        const v = need(a);
        if (!/^\d+$/.test(v)) throw new Usage(`Expected a positive decimal integer argument to ${a}, but got ${quote(v)}`);
        if (a === "-maxdepth") maxDepth = +v; else minDepth = +v;
        return () => true;
      }
      case "-depth": depthFirst = true; return () => true;
      case "-true": return () => true;
      case "-false": return () => false;
      case "-prune": return (c) => { c.prune = true; return true; };
      case "-print": hasAction = true; return (c) => { t.out.text(c.path + "\n"); return true; };
      case "-print0": hasAction = true; return (c) => { t.out.text(c.path + "\0"); return true; };
      case "-delete": {
        hasAction = true; depthFirst = true;
        return async (c) => {
          if (c.path === ".") return true;
          const r = S_ISDIR(c.st.st_mode) ? await rmdir(c.path) : await unlink(c.path);
          if (r < 0) { await t.error(`cannot delete ${quote(c.path)}: ${t.errText}`); return false; }
          return true;
        };
      }
      case "-exec": case "-ok": {
        hasAction = true;
        const cmd: string[] = [];
        while (i < args.length && args[i] !== ";" && !(args[i] === "+" && cmd[cmd.length - 1] === "{}")) cmd.push(args[i++]);
        if (i >= args.length) throw new Usage(`missing argument to \`${a}'`);
        if (args[i++] === "+") {
          const batch = { cmd: cmd.slice(0, -1), files: [] as string[] };
          batches.push(batch);
          return (c) => { batch.files.push(c.path); return true; };
        }
        return async (c) => (await runCommand(t, cmd.map((x) => x.split("{}").join(c.path)))) === 0;
      }
      case undefined: throw new Usage("expected an expression");
      default:
        if (a.startsWith("-")) throw new Usage(`unknown predicate \`${a}'`);
        throw new Usage(`paths must precede expression: \`${a}'`);
    }
  };
  const andExpr = async (): Promise<Pred> => {
    let left = await primary();
    while (i < args.length && args[i] !== "-o" && args[i] !== "-or" && args[i] !== ")" && args[i] !== ",") {
      if (args[i] === "-a" || args[i] === "-and") i++;
      const l = left, r = await primary();
      left = async (c) => (await l(c)) && r(c);
    }
    return left;
  };
  const orExpr = async (): Promise<Pred> => {
    let left = await andExpr();
    while (args[i] === "-o" || args[i] === "-or" || args[i] === ",") {
      const comma = args[i++] === ",";
      const l = left, r = await andExpr();
      left = comma ? async (c) => { await l(c); return r(c); } : async (c) => (await l(c)) || r(c);
    }
    return left;
  };
  let expr: Pred = () => true;
  try {
    if (args.length) {
      expr = await orExpr();
      if (i < args.length) throw new Usage(args[i] === ")" ? "invalid expression; you have used a binary operator ')' with nothing before it." : `paths must precede expression: \`${args[i]}'`);
    }
  } catch (e) {
    if (e instanceof Usage) { await t.error(e.message); return 1; }
    throw e;
  }
  const top = hasAction ? expr : async (c: Ctx) => { if (await expr(c)) t.out.text(c.path + "\n"); return true; };

  const visit = async (path: string, depth: number): Promise<void> => {
    const st = await lstatOf(path);
    if (!st) { await t.error(`${quote(path)}: ${t.errText}`); return; }
    const name = depth === 0 ? path : path.slice(path.lastIndexOf("/") + 1);
    const c: Ctx = { path, name, st, depth, prune: false };
    const test = depth >= minDepth && depth <= maxDepth;
    if (test && !depthFirst) await top(c);
    if (S_ISDIR(st.st_mode) && depth < maxDepth && !c.prune) {
      const names = await listDir(path);
      if (!names) await t.error(`${quote(path)}: ${t.errText}`);
      else for (const n of names) await visit(pathJoin(path, n), depth + 1);
    }
    if (test && depthFirst) await top(c);
    await t.out.maybeFlush();
  };
  for (const p of paths) {
    if (!(await statOf(p)) && !(await lstatOf(p))) { await t.error(`${quote(p)}: ${t.errText}`); continue; }
    await visit(p, 0);
  }
  for (const b of batches) if (b.files.length && (await runCommand(t, [...b.cmd, ...b.files])) !== 0) t.status = 1;
  return t.finish();
}
