// make: GNU make for Typix — options (-C -f -n -s -k -i -j -B -q -r -e -w), MAKEFLAGS and
// MAKELEVEL for recursion, the makefile's lookup (GNUmakefile, makefile, Makefile), the
// environment and command-line variables, the goals and GNU make's messages and statuses.
import { MakeState, MakeFatal, Scope, fatalText, out, err, words } from "./state.js";
import { Expander } from "./expand.js";
import { Parser } from "./parser.js";
import { Builder, BuildStop, commandEnv } from "./exec.js";
import { addBuiltinRules, findImplicit } from "./rules.js";
import { exists } from "./sys.js";
import { chdir, getcwd } from "../../../lib/libc/unistd.js";
import { errno, strerror } from "../../../lib/libc/errno.js";

const USAGE = `Usage: make [options] [target] ...
Options:
  -B, --always-make           Unconditionally make all targets.
  -C DIRECTORY, --directory=DIRECTORY
                              Change to DIRECTORY before doing anything.
  -e, --environment-overrides
                              Environment variables override makefiles.
  -f FILE, --file=FILE, --makefile=FILE
                              Read FILE as a makefile.
  -h, --help                  Print this message and exit.
  -i, --ignore-errors         Ignore errors from recipes.
  -I DIRECTORY, --include-dir=DIRECTORY
                              Search DIRECTORY for included makefiles.
  -j [N], --jobs[=N]          Allow N jobs at once; infinite jobs with no arg.
  -k, --keep-going            Keep going when some targets can't be made.
  -n, --just-print, --dry-run, --recon
                              Don't actually run any recipe; just print them.
  -q, --question              Run no recipe; exit status says if up to date.
  -r, --no-builtin-rules      Disable the built-in implicit rules.
  -R, --no-builtin-variables  Disable the built-in variable settings.
  -s, --silent, --quiet       Don't echo recipes.
  -v, --version               Print the version number of make and exit.
  -w, --print-directory       Print the current directory.
  --no-print-directory        Turn off -w, even if it was turned on implicitly.

This program built for x86_64-pc-linux-gnu (Typix)
Report bugs to <bug-make@gnu.org>
`;

const VERSION = `GNU Make 4.3 (Typix)
Built for x86_64-pc-linux-gnu
This is the Typix implementation of make, compatible with GNU Make 4.3.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
`;

const LONG: Record<string, string> = {
  "always-make": "B", directory: "C:", "environment-overrides": "e", file: "f:", makefile: "f:", help: "h",
  "ignore-errors": "i", "include-dir": "I:", jobs: "j", "keep-going": "k", "just-print": "n", "dry-run": "n",
  recon: "n", question: "q", "no-builtin-rules": "r", "no-builtin-variables": "R", silent: "s", quiet: "s",
  version: "v", "print-directory": "w", "no-print-directory": "W",
};
const WITH_ARG = "CfIo";
const FLAG_ORDER = "BeiknqrRs";

interface Args { dirs: string[]; files: string[]; goals: string[]; vars: string[]; help: boolean; version: boolean; noPrintDir: boolean }

/** Parse options (anywhere among the goals, as GNU getopt permutes them). Returns a message on error. */
function parseArgs(st: MakeState, argv: string[], a: Args, fromMakeflags: boolean): string | null {
  const o = st.opts;
  const flag = (c: string): boolean => {
    switch (c) {
      case "B": o.alwaysMake = true; return true;
      case "e": o.envOverrides = true; return true;
      case "i": o.ignoreErrors = true; return true;
      case "k": o.keepGoing = true; return true;
      case "n": o.dryRun = true; return true;
      case "q": o.question = true; return true;
      case "r": o.noBuiltinRules = true; return true;
      case "R": return true;
      case "s": o.silent = true; return true;
      case "w": o.printDirectory = true; return true;
      case "W": a.noPrintDir = true; return true;
      case "h": a.help = true; return true;
      case "v": a.version = true; return true;
      case "t": case "S": case "d": return true;
    }
    return false;
  };
  const withArg = (c: string, v: string) => {
    if (c === "C") a.dirs.push(v);
    else if (c === "f") a.files.push(v);
  };
  let onlyOperands = false;
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i];
    if (onlyOperands || s === "-" || !s.startsWith("-")) {
      if (/^[^=\s]+=/.test(s) || /^[^=\s:+?!]+(::=|:=|\+=|\?=|!=)/.test(s)) a.vars.push(s);
      else if (!fromMakeflags) a.goals.push(s);
      continue;
    }
    if (s === "--") { onlyOperands = true; continue; }
    if (s.startsWith("--")) {
      const eq = s.indexOf("=");
      const name = s.slice(2, eq < 0 ? undefined : eq);
      const matches = Object.keys(LONG).filter((k) => k === name).length ? [name] : Object.keys(LONG).filter((k) => k.startsWith(name));
      const keys = new Set(matches.map((m) => LONG[m]));
      if (!matches.length) return `unrecognized option '${s.slice(0, eq < 0 ? undefined : eq)}'`;
      if (keys.size > 1) return `option '${s}' is ambiguous`;
      const k = LONG[matches[0]];
      if (k === "j") { const v = eq >= 0 ? s.slice(eq + 1) : ""; o.jobs = Number(v) || Infinity; continue; }
      if (k.endsWith(":")) {
        const v = eq >= 0 ? s.slice(eq + 1) : argv[++i];
        if (v === undefined) return `option '--${matches[0]}' requires an argument`;
        withArg(k[0], v);
      } else flag(k);
      continue;
    }
    for (let j = 1; j < s.length; j++) {
      const c = s[j];
      if (WITH_ARG.includes(c) || c === "I") {
        const v = j + 1 < s.length ? s.slice(j + 1) : argv[++i];
        if (v === undefined) return `option requires an argument -- '${c}'`;
        withArg(c, v);
        break;
      }
      if (c === "j") {
        let v = s.slice(j + 1);
        if (!v && /^\d+$/.test(argv[i + 1] ?? "")) v = argv[++i];
        o.jobs = Number(v) || Infinity;
        break;
      }
      if (!flag(c)) return `invalid option -- '${c}'`;
    }
  }
  return null;
}

/** MAKEFLAGS as GNU make builds it: single-letter flags, then long options, then "-- VAR=value". */
function makeflags(st: MakeState, a: Args): string {
  const o = st.opts;
  const on: Record<string, boolean> = { B: o.alwaysMake, e: o.envOverrides, i: o.ignoreErrors, k: o.keepGoing, n: o.dryRun, q: o.question, r: o.noBuiltinRules, R: false, s: o.silent };
  let f = [...FLAG_ORDER].filter((c) => on[c]).join("");
  if (a.noPrintDir) f += " --no-print-directory";
  if (a.vars.length) f += " -- " + a.vars.map((v) => v.replace(/([\\ \t])/g, "\\$1")).join(" ");
  return f;
}

/** Split MAKEFLAGS into words (backslash escapes blanks); a first word without '-' is letters. */
function splitMakeflags(v: string): string[] {
  const ws: string[] = [];
  let cur = "", have = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === "\\" && i + 1 < v.length) { cur += v[++i]; have = true; }
    else if (c === " " || c === "\t") { if (have) ws.push(cur); cur = ""; have = false; }
    else { cur += c; have = true; }
  }
  if (have) ws.push(cur);
  if (ws.length && !ws[0].startsWith("-") && !ws[0].includes("=")) ws[0] = "-" + ws[0];
  return ws;
}

function defineCommandVar(st: MakeState, def: string): void {
  const m = /^([^=\s]*?)(::=|:=|\+=|\?=|!=|=)(.*)$/s.exec(def)!;
  const name = m[1], op = m[2], value = m[3];
  const old = st.globals.find(name);
  if (op === "+=" && old) st.setVar(name, old.value ? `${old.value} ${value}` : value, old.recursive, "command line");
  else if (op === "?=" && old) return;
  else st.setVar(name, value, !(op === ":=" || op === "::="), "command line");
}

/** Read the makefiles and make the goals: the exit status, or "restart" after remaking an included makefile. */
async function run(st: MakeState, a: Args, argv0: string, cwd: string): Promise<number | "restart"> {
  const hooks = { eval: async (t: string): Promise<void> => parser.parse(t, st.loc?.file ?? "<eval>"), shellEnv: (): string[] => env };
  let env: string[] = st.env;
  const x: Expander = new Expander(st, hooks);
  const parser: Parser = new Parser(st, x);
  const d = (n: string, v: string, rec = false) => st.setVar(n, v, rec, "default");
  d("MAKE", argv0); d("MAKE_COMMAND", argv0); d("MAKE_VERSION", "4.3"); d("SHELL", "/bin/sh"); d(".SHELLFLAGS", "-c");
  d("MAKEFILES", ""); d("MAKEFILE_LIST", ""); d(".FEATURES", "target-specific order-only second-expansion else-if shortest-stem undefine oneshell");
  if (!st.opts.noBuiltinRules) addBuiltinRules(st);
  for (const e of st.env) {
    const i = e.indexOf("=");
    if (i <= 0) continue;
    const n = e.slice(0, i);
    if (n === "SHELL" || n === "MAKEFLAGS" || n === "MAKELEVEL" || n === "MFLAGS") continue;
    st.setVar(n, e.slice(i + 1), true, "environment");
  }
  st.setVar("CURDIR", cwd, false, "file");
  st.setVar("MAKELEVEL", String(st.level), false, "environment");
  const mf = makeflags(st, a);
  st.setVar("MAKEFLAGS", mf, false, "file");
  st.setVar("MFLAGS", /^[A-Za-z]/.test(mf) ? "-" + mf.split(" --")[0].split(" ")[0] : "", false, "file");
  st.setVar("MAKECMDGOALS", a.goals.join(" "), false, "default");
  for (const v of a.vars) defineCommandVar(st, v);
  env = await commandEnv(st, x, st.globals);

  // The makefiles.
  let files = a.files;
  if (!files.length) {
    for (const n of ["GNUmakefile", "makefile", "Makefile"]) if (await exists(n)) { files = [n]; break; }
  }
  if (!files.length && !a.goals.length) throw new MakeFatal(fatalText(st, "No targets specified and no makefile found", null));
  for (const f of files) {
    if (!(await parser.readFile(f, null, true))) parser.missingIncludes.push({ name: f, loc: null, error: strerror(errno) });
  }
  // The makefiles may have added to MAKEFLAGS (kbuild's "MAKEFLAGS += -rR --no-print-directory").
  const after: Args = { dirs: [], files: [], goals: [], vars: [], help: false, version: false, noPrintDir: false };
  parseArgs(st, splitMakeflags(await x.valueOf("MAKEFLAGS", st.globals)), after, true);
  const b = new Builder(st, x);
  // Included makefiles that are missing: make them if a rule says how, then read everything again.
  if (parser.missingIncludes.length) {
    for (const m of parser.missingIncludes) {
      if (!st.targets.get(m.name)?.rule?.recipe && !(await findImplicit(st, m.name))) {
        await err(`${m.loc ? `${m.loc.file}:${m.loc.line}` : st.who}: ${m.name}: ${m.error}\n`);
        throw new MakeFatal(fatalText(st, `No rule to make target '${m.name}'`, null));
      }
    }
    for (const m of parser.missingIncludes) {
      const r = await b.update(m.name, null, st.globals);
      if (r.failed) return 2;
    }
    return "restart";
  }

  const goals = a.goals.length ? a.goals : words(await x.valueOf(".DEFAULT_GOAL", st.globals));
  if (!goals.length) throw new MakeFatal(fatalText(st, "No targets", null));
  let failed = false;
  const notRemade: string[] = [];
  for (const g of goals) {
    const before = st.commandsStarted;
    const was = b.known(g);
    const r = await b.update(g, null, st.globals);
    if (r.failed) { failed = true; notRemade.push(g); continue; }
    if (!was && st.commandsStarted === before && !st.opts.silent && !st.opts.question) {
      const phony = !!st.targets.get(g)?.phony;
      await out(phony || !r.hasCmds ? `${st.who}: Nothing to be done for '${g}'.\n` : `${st.who}: '${g}' is up to date.\n`);
    }
  }
  if (failed) {
    for (const g of notRemade) await err(`${st.who}: Target '${g}' not remade because of errors.\n`);
    return 2;
  }
  return st.opts.question && b.outOfDate ? 1 : 0;
}

export default async function main(argv: string[], envp: string[]): Promise<number> {
  const argv0 = argv[0] ?? "make";
  const prog = argv0.slice(argv0.lastIndexOf("/") + 1) || "make";
  const base = (): MakeState => {
    const st = new MakeState();
    st.prog = prog;
    st.env = envp;
    const lvl = envp.find((e) => e.startsWith("MAKELEVEL="));
    st.level = Math.max(0, parseInt(lvl?.slice(10) ?? "0", 10) || 0);
    return st;
  };
  let st = base();
  const parse = (s: MakeState): Args | string => {
    const a: Args = { dirs: [], files: [], goals: [], vars: [], help: false, version: false, noPrintDir: false };
    const mflags = envp.find((e) => e.startsWith("MAKEFLAGS="));
    if (mflags) parseArgs(s, splitMakeflags(mflags.slice(10)), a, true);
    const e = parseArgs(s, argv.slice(1), a, false);
    return e ?? a;
  };
  let a = parse(st);
  if (typeof a === "string") {
    await err(`${prog}: ${a}\n${USAGE}`);
    return 2;
  }
  if (a.help) { await out(USAGE); return 0; }
  if (a.version) { await out(VERSION); return 0; }
  for (const dir of a.dirs) {
    if ((await chdir(dir)) < 0) {
      await err(`${fatalText(st, `${dir}: ${strerror(errno)}`, null)}\n`);
      return 2;
    }
  }
  const cwd = (await getcwd()) ?? "/";
  const printDir = !a.noPrintDir && (st.opts.printDirectory ?? ((a.dirs.length > 0 || st.level > 0) && !st.opts.silent));
  if (printDir) await out(`${st.who}: Entering directory '${cwd}'\n`);
  let status: number;
  try {
    let r: number | "restart" = "restart";
    for (let n = 0; r === "restart" && n < 10; n++) {
      if (n > 0) { st = base(); a = parse(st) as Args; }
      r = await run(st, a, argv0, cwd);
    }
    status = r === "restart" ? 2 : r;
  } catch (e) {
    if (e instanceof MakeFatal) { await err(e.message + "\n"); status = 2; }
    else if (e instanceof BuildStop) status = 2;
    else throw e;
  }
  if (printDir) await out(`${st.who}: Leaving directory '${cwd}'\n`);
  return status;
}

export { Scope };
