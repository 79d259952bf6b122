// make: bringing targets up to date — prerequisites first, timestamps decide, implicit rules
// fill in missing recipes; recipes are expanded whole, then each line is echoed (unless @ or
// silent) and run with `$(SHELL) -c`, stopping at the first failure unless - or -i or -k.
import { MakeState, Scope, MakeFatal, fatalText, out, err, words, type Recipe, type Var } from "./state.js";
import { Expander } from "./expand.js";
import { findImplicit } from "./rules.js";
import { mtime, runShell, MISSING } from "./sys.js";
import { strsignal } from "../../../lib/libc/string.js";

/** Newer than any file: the time of a target that was remade (or would be, under -n). */
const NEWEST = 1n << 62n;

/** Thrown to stop making after a failure (without -k); the message has been printed. */
export class BuildStop extends Error {}

interface FileState { time: bigint; failed: boolean; running: boolean; hasCmds: boolean }

const SUFFIXES = [".out", ".a", ".ln", ".o", ".c", ".cc", ".C", ".cpp", ".p", ".f", ".F", ".m", ".r", ".y", ".l", ".ym", ".yl",
  ".s", ".S", ".mod", ".sym", ".def", ".h", ".info", ".dvi", ".tex", ".texinfo", ".texi", ".txinfo", ".w", ".ch", ".web", ".sh", ".elc", ".el"];

const VALID_ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The environment of a command: make's own, plus exported variables, MAKELEVEL and MAKEFLAGS. */
export async function commandEnv(st: MakeState, x: Expander, scope: Scope): Promise<string[]> {
  const env = new Map<string, string>();
  const fromEnv = new Set<string>();
  for (const e of st.env) {
    const i = e.indexOf("=");
    if (i <= 0) continue;
    const n = e.slice(0, i);
    fromEnv.add(n);
    if (st.exports.get(n) !== false) env.set(n, e.slice(i + 1));
  }
  const seen = new Set<string>();
  const vars: [string, Var][] = [];
  for (let s: Scope | null = scope; s; s = s.parent) {
    for (const [n, v] of s.vars) if (!seen.has(n)) { seen.add(n); vars.push([n, v]); }
  }
  for (const [n, v] of vars) {
    if (n === "MAKELEVEL" || n === "MAKEFLAGS" || v.origin === "automatic") continue;
    const mark = st.exports.get(n);
    const exp = mark ?? (fromEnv.has(n) || v.origin === "environment" || v.origin === "command line" ||
      (st.exportAll && v.origin !== "default" && VALID_ENV_NAME.test(n)));
    if (exp) env.set(n, await x.valueOf(n, scope));
    else if (mark === false) env.delete(n);
  }
  env.set("MAKELEVEL", String(st.level + 1));
  const flags = st.globals.find("MAKEFLAGS")?.value ?? "";
  if (flags) env.set("MAKEFLAGS", flags); else env.delete("MAKEFLAGS");
  return [...env].map(([k, v]) => `${k}=${v}`);
}

export class Builder {
  private memo = new Map<string, FileState>();
  /** -q found something out of date. */
  outOfDate = false;
  constructor(readonly st: MakeState, readonly x: Expander) {}

  /** Whether name was already considered. */
  known(name: string): boolean { return this.memo.has(name); }
  state(name: string): FileState | undefined { return this.memo.get(name); }

  /** Bring name up to date; parent names the target that needs it (null for a goal). */
  async update(name: string, parent: string | null, inherit: Scope): Promise<FileState> {
    const st = this.st;
    const had = this.memo.get(name);
    if (had) {
      if (had.running) await err(`${st.who}: Circular ${parent} <- ${name} dependency dropped.\n`);
      return had;
    }
    const fs: FileState = { time: MISSING, failed: false, running: true, hasCmds: false };
    this.memo.set(name, fs);
    try {
      const t = st.targets.get(name);
      const scope = t?.vars ? new Scope(t.vars, inherit) : inherit;
      if (t?.doubleColon) return await this.updateDoubleColon(name, t.doubleColon, scope, fs);

      let prereqs = t?.rule?.prereqs ?? [];
      let orderOnly = t?.rule?.orderOnly ?? [];
      let recipe: Recipe | null = t?.rule?.recipe ?? null;
      let stem = t?.rule?.stem;
      let builtin = false;
      if (!recipe && !t?.phony) {
        const imp = await findImplicit(st, name);
        if (imp) {
          prereqs = [...imp.prereqs, ...prereqs];
          orderOnly = [...imp.orderOnly, ...orderOnly];
          recipe = imp.rule.recipe;
          stem = imp.stem;
          builtin = imp.rule.builtin;
        }
      }
      fs.hasCmds = !!recipe;
      const own = await mtime(name);

      const ok = await this.updatePrereqs(name, [...prereqs, ...orderOnly], scope);
      if (!ok) { fs.failed = true; return fs; }

      if (!recipe && !t?.rule && !t?.phony && own === MISSING) {
        // Nothing says how to make it, and it is not there.
        const msg = parent === null ? `No rule to make target '${name}'` : `No rule to make target '${name}', needed by '${parent}'`;
        if (!st.opts.keepGoing) throw new MakeFatal(fatalText(st, msg, null));
        await err(`${st.who}: *** ${msg}.\n`);
        fs.failed = true;
        return fs;
      }

      const newer = prereqs.filter((q) => own === MISSING || (this.memo.get(q)?.time ?? MISSING) > own);
      const must = !!t?.phony || st.opts.alwaysMake || own === MISSING || newer.length > 0;
      if (!must) { fs.time = own; return fs; }
      if (!recipe) { fs.time = own === MISSING || newer.length ? NEWEST : own; return fs; }
      if (st.opts.question) { this.outOfDate = true; fs.time = NEWEST; return fs; }

      const auto = this.autoVars(name, prereqs, orderOnly, st.opts.alwaysMake || own === MISSING ? prereqs : newer, stem);
      if (!(await this.runRecipe(name, recipe, new Scope(auto, scope), builtin))) { fs.failed = true; return fs; }
      const now = await mtime(name);
      fs.time = st.opts.dryRun || now === MISSING ? NEWEST : now;
      return fs;
    } finally {
      fs.running = false;
    }
  }

  private async updatePrereqs(name: string, list: string[], scope: Scope): Promise<boolean> {
    let ok = true;
    for (const q of list) {
      const r = await this.update(q, name, scope);
      if (r.failed) ok = false;
    }
    return ok;
  }

  private async updateDoubleColon(name: string, rules: NonNullable<import("./state.js").Target["doubleColon"]>, scope: Scope, fs: FileState): Promise<FileState> {
    fs.hasCmds = rules.some((r) => r.recipe);
    let time = await mtime(name);
    for (const r of rules) {
      if (!(await this.updatePrereqs(name, [...r.prereqs, ...r.orderOnly], scope))) { fs.failed = true; continue; }
      const own = await mtime(name);
      const newer = r.prereqs.filter((q) => own === MISSING || (this.memo.get(q)?.time ?? MISSING) > own);
      const must = this.st.opts.alwaysMake || own === MISSING || newer.length > 0 || r.prereqs.length === 0 || !!this.st.targets.get(name)?.phony;
      if (!must || !r.recipe) continue;
      if (this.st.opts.question) { this.outOfDate = true; time = NEWEST; continue; }
      const auto = this.autoVars(name, r.prereqs, r.orderOnly, own === MISSING ? r.prereqs : newer, r.stem);
      if (!(await this.runRecipe(name, r.recipe, new Scope(auto, scope), false))) { fs.failed = true; continue; }
      const now = await mtime(name);
      time = this.st.opts.dryRun || now === MISSING ? NEWEST : now;
    }
    fs.time = time;
    return fs;
  }

  private autoVars(name: string, prereqs: string[], orderOnly: string[], newer: string[], stem: string | undefined): Map<string, Var> {
    const m = new Map<string, Var>();
    const set = (k: string, v: string) => m.set(k, { value: v, recursive: false, origin: "automatic" });
    const uniq = (l: string[]) => [...new Set(l)].join(" ");
    if (stem === undefined) {
      const suf = SUFFIXES.find((s) => name.endsWith(s) && name.length > s.length);
      stem = suf ? name.slice(0, -suf.length) : "";
    }
    set("@", name); set("<", prereqs[0] ?? ""); set("^", uniq(prereqs)); set("+", prereqs.join(" "));
    set("?", uniq(newer)); set("|", uniq(orderOnly)); set("*", stem); set("%", "");
    return m;
  }

  /** Expand a recipe and run its commands; false when one failed (and was not ignored). */
  private async runRecipe(name: string, recipe: Recipe, scope: Scope, builtin: boolean): Promise<boolean> {
    const st = this.st, x = this.x;
    const saved = st.loc;
    const lines: { text: string; index: number; runsUnderN: boolean }[] = [];
    try {
      for (let i = 0; i < recipe.lines.length; i++) {
        const l = recipe.lines[i];
        st.loc = builtin ? null : l.loc;
        const e = await x.expand(l.text, scope);
        const runsUnderN = /\$[({]MAKE[)}]/.test(l.text);
        for (const piece of e.split(/(?<!\\)\n/)) lines.push({ text: piece, index: i, runsUnderN });
      }
    } finally {
      st.loc = saved;
    }
    const shell = st.globals.find("SHELL")?.value || "/bin/sh";
    let env: string[] | null = null;
    for (const l of lines) {
      let s = l.text, silent = st.opts.silent || st.silentAll || st.silentTargets.has(name), ignore = st.opts.ignoreErrors, force = l.runsUnderN;
      for (;;) {
        s = s.replace(/^[ \t]+/, "");
        if (s[0] === "@") silent = true;
        else if (s[0] === "-") ignore = true;
        else if (s[0] === "+") force = true;
        else break;
        s = s.slice(1);
      }
      if (s === "") continue;
      st.commandsStarted++;
      if (!silent || st.opts.dryRun) await out(s + "\n");
      if (st.opts.dryRun && !force) continue;
      env ??= await commandEnv(st, x, scope);
      const r = await runShell(shell, s, env);
      if (r.code === 0 && r.signal === 0) continue;
      const where = builtin ? "<builtin>" : `${recipe.loc.file}:${recipe.loc.line + l.index}`;
      const what = r.signal ? strsignal(r.signal) : `Error ${r.code}`;
      if (ignore && !r.signal) {
        if (!st.opts.silent) await err(`${st.who}: [${where}: ${name}] ${what} (ignored)\n`);
        continue;
      }
      await err(`${st.who}: *** [${where}: ${name}] ${what}\n`);
      if (!st.opts.keepGoing) throw new BuildStop();
      return false;
    }
    return true;
  }
}

export { words };
